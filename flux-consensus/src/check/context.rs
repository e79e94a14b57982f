//! What the caller knows besides the block: network, height, time, the producer's key, the
//! fluxnode payees and the fees ([`CheckContext`]), and the headers before it
//! ([`HeaderChain`], shared with the difficulty rules).

use flux_primitives::script::ScriptBuf;
use flux_primitives::{Address, Amount, Network, PublicKey};

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
/// let ctx = CheckContext { height: Some(2_020_000), ..CheckContext::new(Network::Main) };
/// assert!(ctx.now.is_none());
/// ```
#[derive(Debug, Clone)]
pub struct CheckContext {
    /// Network. There is no default: a context names its network (see [`CheckContext::new`]).
    pub network: Network,
    /// Block height, enabling the height rules.
    pub height: Option<u32>,
    /// The producing node's operator public key (PoN).
    pub node_public_key: Option<PublicKey>,
    /// The network-adjusted current time, enabling the future-time check.
    pub now: Option<u32>,
    /// The fluxnode payees this block owes, one per tier whose deterministic payment queue
    /// is not empty (a tier left out is owed nothing, as in fluxd); enables the
    /// `fluxnode_payouts` check. The queue is chain state: take it from a node
    /// (`fluxnodecurrentwinner` for the next block).
    pub fluxnode_payees: Option<FluxnodePayees>,
    /// The total fees of the block's other transactions; enables the `coinbase_value`
    /// check when some of them spend transparent outputs.
    pub fees: Option<Amount>,
}

impl CheckContext {
    /// A context for `network` that knows nothing else: every check needing a height, a
    /// time, a key, payees or fees is `skipped` until the field is set.
    ///
    /// ```
    /// use flux_consensus::check::CheckContext;
    /// use flux_primitives::Network;
    ///
    /// let ctx = CheckContext { height: Some(100), ..CheckContext::new(Network::Test) };
    /// assert_eq!(ctx.network, Network::Test);
    /// assert!(ctx.fees.is_none());
    /// ```
    pub fn new(network: Network) -> Self {
        CheckContext {
            network,
            height: None,
            node_public_key: None,
            now: None,
            fluxnode_payees: None,
            fees: None,
        }
    }
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
            .ok_or(Error::NotTransparentPayee { tier })?;
        Ok(FluxnodePayee {
            tier,
            script_pubkey,
        })
    }

    /// The payee of `tier` from what a node or a user gives: a transparent address of
    /// `network`, or else scriptPubKey hex (with or without `0x`), as
    /// `fluxnodecurrentwinner` and fluxd's coinbase show payees.
    ///
    /// ```
    /// use flux_consensus::check::FluxnodePayee;
    /// use flux_consensus::subsidy::Tier;
    /// use flux_primitives::Network;
    ///
    /// let a = FluxnodePayee::parse(Tier::Nimbus, "t1Hunc5EckgmAXzN1fqDv3Qs8h9wze5NiBC", Network::Main).unwrap();
    /// let hex = hex::encode(a.script_pubkey.as_bytes());
    /// let b = FluxnodePayee::parse(Tier::Nimbus, &hex, Network::Main).unwrap();
    /// assert_eq!(a, b);
    /// assert!(FluxnodePayee::parse(Tier::Nimbus, "not an address", Network::Main).is_err());
    /// ```
    pub fn parse(tier: Tier, text: &str, network: Network) -> Result<Self, Error> {
        let text = text.trim();
        match FluxnodePayee::from_address(tier, text, network) {
            Ok(p) => Ok(p),
            Err(Error::Primitives(address_err)) => {
                let digits = text
                    .strip_prefix("0x")
                    .or_else(|| text.strip_prefix("0X"))
                    .unwrap_or(text);
                match hex::decode(digits) {
                    Ok(script) if !script.is_empty() => Ok(FluxnodePayee {
                        tier,
                        script_pubkey: ScriptBuf::from_bytes(script),
                    }),
                    _ => Err(Error::InvalidPayee {
                        tier,
                        source: address_err,
                    }),
                }
            }
            Err(e) => Err(e),
        }
    }
}

/// The payees one block owes, at most one per tier (fluxd keeps one payee per tier):
/// a second payee for a tier is refused when it is added, so the checks never see one.
///
/// ```
/// use flux_consensus::check::{FluxnodePayee, FluxnodePayees};
/// use flux_consensus::subsidy::Tier;
/// use flux_primitives::Network;
///
/// let mut payees = FluxnodePayees::new();
/// let p = FluxnodePayee::parse(Tier::Cumulus, "t1Hunc5EckgmAXzN1fqDv3Qs8h9wze5NiBC", Network::Main).unwrap();
/// payees.insert(p.clone()).unwrap();
/// assert!(payees.insert(p).is_err());
/// assert!(payees.get(Tier::Cumulus).is_some() && payees.get(Tier::Nimbus).is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FluxnodePayees {
    by_tier: [Option<ScriptBuf>; 3],
}

impl FluxnodePayees {
    /// What `--fluxnode-payees` of `flux block verify` takes, for its `--help`
    /// ([`FluxnodePayees::from_json`]).
    ///
    /// ```
    /// assert!(flux_consensus::check::FluxnodePayees::JSON_FIELDS.contains("stratus"));
    /// ```
    pub const JSON_FIELDS: &'static str = "\
--fluxnode-payees: a JSON object from tier to payee, one entry per tier whose payment queue
is not empty (fluxnodecurrentwinner at the parent tells them):
  cumulus | nimbus | stratus   a transparent address of --network, or scriptPubKey hex
  e.g. {\"cumulus\": \"t1bZtgWNEn8bMJjkYYHEwsEeZPEgN5j4ugq\", \"stratus\": \"t1gpSx9eqFRQXpxrPiyZmdPkKgxNqcTqvWF\"}
The coinbase must pay each its tier's share (the fluxnode_payouts check).";

    /// No payees (no tier is owed anything).
    pub fn new() -> Self {
        Self::default()
    }

    fn slot(tier: Tier) -> usize {
        match tier {
            Tier::Cumulus => 0,
            Tier::Nimbus => 1,
            Tier::Stratus => 2,
        }
    }

    /// Adds a payee; [`Error::DuplicatePayee`] when its tier already has one.
    pub fn insert(&mut self, payee: FluxnodePayee) -> Result<(), Error> {
        match self.by_tier.get_mut(Self::slot(payee.tier)) {
            Some(slot @ None) => {
                *slot = Some(payee.script_pubkey);
                Ok(())
            }
            _ => Err(Error::DuplicatePayee { tier: payee.tier }),
        }
    }

    /// The script `tier` must be paid to, if it is owed a payout.
    pub fn get(&self, tier: Tier) -> Option<&ScriptBuf> {
        self.by_tier.get(Self::slot(tier))?.as_ref()
    }

    /// The payees in tier order.
    pub fn iter(&self) -> impl Iterator<Item = (Tier, &ScriptBuf)> {
        Tier::ALL
            .into_iter()
            .filter_map(|t| self.get(t).map(|s| (t, s)))
    }

    /// The payees from JSON text: an object from tier name (any case) to a transparent
    /// address of `network` or scriptPubKey hex, one entry per tier whose payment queue is
    /// not empty: `{"cumulus": "t1...", "nimbus": "76a914...88ac"}`.
    ///
    /// ```
    /// use flux_consensus::check::FluxnodePayees;
    /// use flux_consensus::subsidy::Tier;
    /// use flux_consensus::Error;
    /// use flux_primitives::Network;
    ///
    /// let p = FluxnodePayees::from_json(r#"{"Stratus": "t1Hunc5EckgmAXzN1fqDv3Qs8h9wze5NiBC"}"#, Network::Main).unwrap();
    /// assert!(p.get(Tier::Stratus).is_some());
    /// assert_eq!(FluxnodePayees::from_json(r#"{"tier4": "t1Hunc5EckgmAXzN1fqDv3Qs8h9wze5NiBC"}"#, Network::Main), Err(Error::UnknownTier));
    /// assert!(matches!(FluxnodePayees::from_json("[]", Network::Main), Err(Error::Json { .. })));
    /// ```
    pub fn from_json(text: &str, network: Network) -> Result<Self, Error> {
        let map: std::collections::BTreeMap<String, String> =
            serde_json::from_str(text).map_err(|e| Error::Json {
                expected: "a JSON object from tier to address or scriptPubKey hex",
                line: e.line(),
                column: e.column(),
            })?;
        let mut out = FluxnodePayees::new();
        for (tier, payee) in &map {
            let tier: Tier = tier.parse()?;
            out.insert(FluxnodePayee::parse(tier, payee, network)?)?;
        }
        Ok(out)
    }

    /// The payees of a list, refusing a tier named twice.
    ///
    /// ```
    /// use flux_consensus::check::{FluxnodePayee, FluxnodePayees};
    /// use flux_consensus::subsidy::Tier;
    /// use flux_primitives::Network;
    ///
    /// let p = |t| FluxnodePayee::parse(t, "t1Hunc5EckgmAXzN1fqDv3Qs8h9wze5NiBC", Network::Main).unwrap();
    /// assert_eq!(FluxnodePayees::try_from_payees([p(Tier::Cumulus), p(Tier::Stratus)]).unwrap().iter().count(), 2);
    /// assert!(FluxnodePayees::try_from_payees([p(Tier::Cumulus), p(Tier::Cumulus)]).is_err());
    /// ```
    pub fn try_from_payees(payees: impl IntoIterator<Item = FluxnodePayee>) -> Result<Self, Error> {
        let mut out = FluxnodePayees::new();
        for p in payees {
            out.insert(p)?;
        }
        Ok(out)
    }
}
