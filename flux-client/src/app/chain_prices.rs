//! Price epochs announced on chain, read as FluxOS reads them
//! (`chainUtilities.getChainParamsPriceUpdates`).
//!
//! The Flux foundation announces new app prices with an OP_RETURN text
//! `p_<cpu>_<ram>_<hdd>_<minPrice>[_<port>_<scope>_<staticip>]`; FluxOS stores it with the
//! block height and merges it into `config.fluxapps.price`. A program that reads those
//! messages from its own node can rebuild the list `/apps/deploymentinformation` returns
//! instead of trusting a FluxOS node for it.
//!
//! FluxOS's quirks, kept on purpose: every field is read with JavaScript's unary `+`, so
//! `"0x10"` is 16 and `"abc"` is NaN; the last three use `+x || default`, so a missing, empty,
//! zero or non-numeric port, scope or staticip becomes 2, 6 or 3; a message whose fifth part
//! (`minPrice`) is missing or empty is ignored.

use super::js_number::string_to_number;
use super::price::PriceEpoch;

/// The price epoch a chain price message announces at `height`, or `None` when FluxOS
/// ignores the message (no `minPrice` part).
///
/// ```
/// use flux_client::app::chain_prices::epoch_from_chain_message;
///
/// let e = epoch_from_chain_message(1_597_156, "p_0.03_0.01_0.004_0.01_0.4_0.8_0.4").unwrap();
/// assert_eq!((e.cpu, e.min_price, e.staticip), (0.03, 0.01, 0.4));
/// // Without port, scope and staticip FluxOS uses 2, 6 and 3.
/// let e = epoch_from_chain_message(1_000_000, "p_0.06_0.02_0.01_0.01").unwrap();
/// assert_eq!((e.port, e.scope, e.staticip), (2.0, 6.0, 3.0));
/// assert!(epoch_from_chain_message(1_000_000, "p_0.06_0.02_0.01").is_none());
/// ```
pub fn epoch_from_chain_message(height: u32, message: &str) -> Option<PriceEpoch> {
    let parts: Vec<&str> = message.split('_').collect();
    // `if (splittedMess[4])`: an absent or empty string is falsy.
    let min_price = parts.get(4).filter(|p| !p.is_empty())?;
    // `+splittedMess[i]`: an absent part is `+undefined`, NaN.
    let number = |i: usize| parts.get(i).map_or(f64::NAN, |p| string_to_number(p));
    // `+x || d`: 0 and NaN are falsy.
    let or_default = |x: f64, d: f64| if x == 0.0 || x.is_nan() { d } else { x };
    Some(PriceEpoch {
        height: f64::from(height),
        cpu: number(1),
        ram: number(2),
        hdd: number(3),
        min_price: string_to_number(min_price),
        port: or_default(number(5), 2.0),
        scope: or_default(number(6), 6.0),
        staticip: or_default(number(7), 3.0),
        min_usd_price: None,
    })
}

/// The price list FluxOS uses: `base` (its configured epochs, e.g.
/// [`STATIC_EPOCHS`](super::price::STATIC_EPOCHS)) followed by the chain messages
/// `(height, text)` it accepts, then sorted by height. The sort is stable, as JavaScript's
/// `Array.prototype.sort` is, so an announcement at a configured height comes after the
/// configured epoch and wins in [`epoch_at`](super::price::epoch_at).
///
/// ```
/// use flux_client::app::chain_prices::merge_chain_epochs;
/// use flux_client::app::price::{epoch_at, STATIC_EPOCHS};
///
/// let list = merge_chain_epochs(&STATIC_EPOCHS, [(2_100_000, "p_0.02_0.01_0.003_0.01")]);
/// assert_eq!(list.len(), STATIC_EPOCHS.len() + 1);
/// assert_eq!(epoch_at(&list, 2_100_001).unwrap().cpu, 0.02);
/// assert_eq!(epoch_at(&list, 2_100_000).unwrap().cpu, 0.03);
/// ```
pub fn merge_chain_epochs<'a>(
    base: &[PriceEpoch],
    messages: impl IntoIterator<Item = (u32, &'a str)>,
) -> Vec<PriceEpoch> {
    let mut list = base.to_vec();
    list.extend(
        messages
            .into_iter()
            .filter_map(|(height, text)| epoch_from_chain_message(height, text)),
    );
    // FluxOS's comparator returns 0 for equal heights and for NaN; `total_cmp` would order
    // NaN, so compare as it does.
    list.sort_by(|a, b| {
        if a.height > b.height {
            core::cmp::Ordering::Greater
        } else if a.height < b.height {
            core::cmp::Ordering::Less
        } else {
            core::cmp::Ordering::Equal
        }
    });
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_read_as_javascript_reads_them() {
        let e = epoch_from_chain_message(5, "p_0x10_abc__1e-2_0_-1_x").unwrap();
        assert_eq!(e.cpu, 16.0);
        assert!(e.ram.is_nan());
        // `+""` is 0 in JavaScript.
        assert_eq!(e.hdd, 0.0);
        assert_eq!(e.min_price, 0.01);
        // 0 and NaN fall back; a negative number is truthy and kept.
        assert_eq!((e.port, e.scope, e.staticip), (2.0, -1.0, 3.0));
        assert!(epoch_from_chain_message(5, "p_1_1_1_").is_none());
        assert!(epoch_from_chain_message(5, "").is_none());
    }

    #[test]
    fn a_chain_epoch_at_a_configured_height_comes_after_it() {
        let base = [epoch_from_chain_message(10, "p_1_1_1_1").unwrap()];
        let list = merge_chain_epochs(&base, [(10, "p_2_2_2_2"), (5, "p_3_3_3_3")]);
        let cpus: Vec<f64> = list.iter().map(|e| e.cpu).collect();
        assert_eq!(cpus, [3.0, 1.0, 2.0]);
    }
}
