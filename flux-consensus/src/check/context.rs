//! What the caller knows besides the block: network, height, time, the producer's key, the
//! fluxnode payees and the fees ([`CheckContext`]), and the headers before it
//! ([`HeaderChain`], shared with the difficulty rules).

use flux_primitives::script::ScriptBuf;
use flux_primitives::{Address, Network};

pub use crate::header_chain::{HeaderChain, HeaderRecord, PrevHeader};
use crate::subsidy::Tier;
use crate::Error;

/// What the caller knows besides the block. Every field left `None` turns the checks that
/// need it into `skipped`.
///
/// ```
/// use flux_consensus::check::CheckContext;
/// use flux_primitives::Network;
///
/// let ctx = CheckContext { network: Network::Main, height: Some(2_020_000), ..Default::default() };
/// assert!(ctx.now.is_none());
/// ```
#[derive(Debug, Clone, Default)]
pub struct CheckContext {
    /// Network (mainnet by default).
    pub network: Network,
    /// Block height, enabling the height rules.
    pub height: Option<u32>,
    /// The producing node's operator public key (PoN).
    pub node_public_key: Option<Vec<u8>>,
    /// The network-adjusted current time, enabling the future-time check.
    pub now: Option<u32>,
    /// The fluxnode payees this block owes, one per tier whose deterministic payment queue
    /// is not empty (a tier left out is owed nothing, as in fluxd); enables the
    /// `fluxnode_payouts` check. The queue is chain state: take it from a node
    /// (`fluxnodecurrentwinner` for the next block).
    pub fluxnode_payees: Option<Vec<FluxnodePayee>>,
    /// The total fees of the block's other transactions in zatoshis; enables the
    /// `coinbase_value` check when some of them spend transparent outputs.
    pub fees: Option<i64>,
}

/// The payee a fluxnode tier must be paid in one block: the front of its payment queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FluxnodePayee {
    /// The tier.
    pub tier: Tier,
    /// The script the tier's payout must go to.
    pub script_pubkey: ScriptBuf,
}

impl FluxnodePayee {
    /// The payee of `tier` paid to a transparent `address` of `network`.
    ///
    /// ```
    /// use flux_consensus::check::FluxnodePayee;
    /// use flux_consensus::subsidy::Tier;
    /// use flux_primitives::Network;
    ///
    /// let p = FluxnodePayee::from_address(Tier::Cumulus, "t1Hunc5EckgmAXzN1fqDv3Qs8h9wze5NiBC", Network::Main).unwrap();
    /// assert_eq!(p.script_pubkey.as_bytes().len(), 25);
    /// ```
    pub fn from_address(tier: Tier, address: &str, network: Network) -> Result<Self, Error> {
        let script_pubkey = Address::from_str_for_network(address, network)?
            .script_pubkey()
            .ok_or_else(|| Error::InvalidField {
                field: "fluxnode payee",
                reason: format!("{address} is not a transparent address"),
            })?;
        Ok(FluxnodePayee {
            tier,
            script_pubkey,
        })
    }
}
