//! Fluxnode transactions: START (v5, v6) and CONFIRM (v5, v6), spec 7.4/7.5.

use flux_primitives::codec::{write_compact_size, write_var_bytes, Decode, Encode, Reader};
use flux_primitives::ScriptBuf;

use crate::pubkey::WirePubKey;
use crate::transparent::OutPoint;
use crate::Error;

/// `nType` of a START transaction.
pub const START_TX_TYPE: i8 = 2;
/// `nType` of a CONFIRM transaction.
pub const CONFIRM_TX_TYPE: i8 = 4;
/// `nFluxTxVersion` bit: normal (P2PKH collateral) START.
pub const FLUX_TX_NORMAL_BIT: i32 = 0x01;
/// `nFluxTxVersion` bit: P2SH collateral START.
pub const FLUX_TX_P2SH_BIT: i32 = 0x02;
/// `nFluxTxVersion` bit: the START carries delegate data.
pub const FLUX_TX_DELEGATES_BIT: i32 = 0x0100;
/// Most delegate keys a START may carry (`MAX_PUBKEYS_LENGTH`).
pub const MAX_DELEGATE_KEYS: usize = 4;

/// How a fluxnode transaction is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WriteMode {
    /// Normalize quirky fields the way fluxd re-serializes them (bools to 0/1, public keys
    /// to their implied length).
    pub fluxd: bool,
    /// Include the signature fields (false for the txid, fluxd's `SER_GETHASH`).
    pub signatures: bool,
}

impl WriteMode {
    /// Exactly the bytes received.
    pub const WIRE: WriteMode = WriteMode {
        fluxd: false,
        signatures: true,
    };
    /// fluxd's full re-serialization (what `getrawtransaction` returns).
    pub const FLUXD: WriteMode = WriteMode {
        fluxd: true,
        signatures: true,
    };
    /// fluxd's txid serialization.
    pub const TXID: WriteMode = WriteMode {
        fluxd: true,
        signatures: false,
    };
}

/// The fluxnode transaction format version (the transaction's `nVersion`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FluxnodeVersion {
    /// Version 5 (Kamata).
    V5,
    /// Version 6 (P2SHNodes).
    V6,
}

impl FluxnodeVersion {
    /// The numeric transaction version.
    pub fn number(self) -> u32 {
        match self {
            FluxnodeVersion::V5 => 5,
            FluxnodeVersion::V6 => 6,
        }
    }
}

impl core::fmt::Display for FluxnodeVersion {
    /// The number (`5`, `6`).
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}", self.number())
    }
}

impl core::str::FromStr for FluxnodeVersion {
    type Err = crate::Error;

    /// `5` or `6` (also `v5`, `v6`).
    ///
    /// ```
    /// use flux_tx::FluxnodeVersion;
    ///
    /// assert_eq!("6".parse::<FluxnodeVersion>().unwrap(), FluxnodeVersion::V6);
    /// assert_eq!("v5".parse::<FluxnodeVersion>().unwrap().to_string(), "5");
    /// assert!("4".parse::<FluxnodeVersion>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, crate::Error> {
        let t = s.trim();
        match t.strip_prefix(['v', 'V']).unwrap_or(t) {
            "5" => Ok(FluxnodeVersion::V5),
            "6" => Ok(FluxnodeVersion::V6),
            _ => Err(crate::Error::UnknownFluxnodeVersion {
                text: s.to_string(),
            }),
        }
    }
}

/// Who the collateral belongs to, as a START transaction states it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CollateralOwner {
    /// P2PKH collateral: the collateral public key (`collateralPubkey`).
    PubKey(WirePubKey),
    /// P2SH collateral (v6 only): the multisig redeem script.
    P2sh(ScriptBuf),
}

/// The fields of a START that identify collateral, node key and time (absent only in a v6
/// START whose `nFluxTxVersion` is neither normal nor P2SH).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StartBody {
    /// The collateral outpoint.
    pub collateral: OutPoint,
    /// The collateral public key or redeem script.
    pub owner: CollateralOwner,
    /// The node's operator ("VPS") public key, `pubKey` in fluxd.
    pub node_pubkey: WirePubKey,
    /// Signature time (UNIX seconds).
    pub sig_time: u32,
    /// The 65-byte compact signature over the txid text (not part of the txid).
    pub sig: Vec<u8>,
}

/// Delegate data of a v6 START (`CFluxnodeDelegates`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Delegates {
    /// `nDelegateVersion` (1).
    pub version: i8,
    /// `nType`: 0 NONE, 1 UPDATE, 2 SIGNING.
    pub kind: i8,
    /// The delegate keys (serialized only for version 1, type UPDATE).
    pub keys: Vec<WirePubKey>,
}

impl Delegates {
    /// Delegate type NONE.
    pub const NONE: i8 = 0;
    /// Delegate type UPDATE: set the collateral's delegate keys.
    pub const UPDATE: i8 = 1;
    /// Delegate type SIGNING: this START is signed by a delegate.
    pub const SIGNING: i8 = 2;

    /// True when the keys are written on the wire for these version and type.
    pub fn carries_keys(&self) -> bool {
        self.version == 1 && self.kind == Self::UPDATE
    }

    /// fluxd's `IsValid`: type UPDATE or SIGNING, at most four keys, each a valid
    /// compressed key.
    pub fn is_valid(&self) -> bool {
        (self.kind == Self::UPDATE || self.kind == Self::SIGNING)
            && self.keys.len() <= MAX_DELEGATE_KEYS
            && self.keys.iter().all(|k| {
                k.is_compressed() && flux_primitives::PublicKey::from_slice(k.as_bytes()).is_ok()
            })
    }

    fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        let version = r.read_u8()? as i8;
        let kind = r.read_u8()? as i8;
        let mut keys = Vec::new();
        if version == 1 && kind == Self::UPDATE {
            let n = r.read_count(1)?;
            for _ in 0..n {
                keys.push(WirePubKey::read(r)?);
            }
        }
        Ok(Delegates {
            version,
            kind,
            keys,
        })
    }

    fn write(&self, out: &mut Vec<u8>, mode: WriteMode) {
        out.push(self.version as u8);
        out.push(self.kind as u8);
        if self.carries_keys() {
            write_compact_size(out, self.keys.len() as u64);
            for k in &self.keys {
                if mode.fluxd {
                    k.write_fluxd(out)
                } else {
                    k.write(out)
                }
            }
        }
    }
}

/// The delegates part of a v6 START whose `nFluxTxVersion` has the delegates bit.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DelegatesField {
    /// The `fUsingDelegates` byte as received (fluxd reads any non-zero byte as true and
    /// writes it back as `01`).
    pub using_delegates: u8,
    /// The delegate data, present when `using_delegates` is non-zero.
    pub data: Option<Delegates>,
}

/// A fluxnode START transaction.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StartTx {
    /// `None` for v5; `Some(nFluxTxVersion)` for v6.
    pub flux_tx_version: Option<i32>,
    /// Collateral, keys, time and signature (`None` only for a v6 START whose version is
    /// neither normal nor P2SH, which fluxd parses but never accepts).
    pub body: Option<StartBody>,
    /// Present iff v6 with the delegates bit.
    pub delegates: Option<DelegatesField>,
}

/// The layout a v6 `nFluxTxVersion` selects (fluxd's parser conditions, spec 7.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartLayout {
    /// collateral, collateralPubkey, pubKey, sigTime, sig.
    Normal,
    /// collateral, pubKey, redeem script, sigTime, sig.
    P2sh,
    /// Nothing.
    Empty,
}

/// The layout fluxd reads for a v6 START with this `nFluxTxVersion`.
pub fn start_layout(flux_tx_version: i32) -> StartLayout {
    let v = flux_tx_version;
    let normal = v == 1 || v & FLUX_TX_NORMAL_BIT != 0;
    let p2sh = v == 2 || v & FLUX_TX_P2SH_BIT != 0;
    if normal && v & FLUX_TX_P2SH_BIT == 0 {
        StartLayout::Normal
    } else if p2sh {
        StartLayout::P2sh
    } else {
        StartLayout::Empty
    }
}

impl StartTx {
    /// The transaction format version.
    pub fn version(&self) -> FluxnodeVersion {
        if self.flux_tx_version.is_some() {
            FluxnodeVersion::V6
        } else {
            FluxnodeVersion::V5
        }
    }

    /// The delegate data if the delegates feature is on and in use.
    pub fn delegate_data(&self) -> Option<&Delegates> {
        self.delegates.as_ref().and_then(|d| d.data.as_ref())
    }

    fn read(r: &mut Reader<'_>, version: FluxnodeVersion) -> Result<Self, Error> {
        let (flux_tx_version, layout) = match version {
            FluxnodeVersion::V5 => (None, StartLayout::Normal),
            FluxnodeVersion::V6 => {
                let v = r.read_i32()?;
                (Some(v), start_layout(v))
            }
        };
        let body = match layout {
            StartLayout::Empty => None,
            StartLayout::Normal => {
                let collateral = OutPoint::decode(r)?;
                let collateral_pubkey = WirePubKey::read(r)?;
                let node_pubkey = WirePubKey::read(r)?;
                let sig_time = r.read_u32()?;
                let sig = r.read_var_bytes()?.to_vec();
                Some(StartBody {
                    collateral,
                    owner: CollateralOwner::PubKey(collateral_pubkey),
                    node_pubkey,
                    sig_time,
                    sig,
                })
            }
            StartLayout::P2sh => {
                let collateral = OutPoint::decode(r)?;
                let node_pubkey = WirePubKey::read(r)?;
                let redeem = ScriptBuf::decode(r)?;
                let sig_time = r.read_u32()?;
                let sig = r.read_var_bytes()?.to_vec();
                Some(StartBody {
                    collateral,
                    owner: CollateralOwner::P2sh(redeem),
                    node_pubkey,
                    sig_time,
                    sig,
                })
            }
        };
        let delegates = match flux_tx_version {
            Some(v) if v & FLUX_TX_DELEGATES_BIT != 0 => {
                let using_delegates = r.read_u8()?;
                let data = if using_delegates != 0 {
                    Some(Delegates::read(r)?)
                } else {
                    None
                };
                Some(DelegatesField {
                    using_delegates,
                    data,
                })
            }
            _ => None,
        };
        Ok(StartTx {
            flux_tx_version,
            body,
            delegates,
        })
    }

    fn write(&self, out: &mut Vec<u8>, mode: WriteMode) {
        let key = |k: &WirePubKey, out: &mut Vec<u8>| {
            if mode.fluxd {
                k.write_fluxd(out)
            } else {
                k.write(out)
            }
        };
        if let Some(v) = self.flux_tx_version {
            out.extend_from_slice(&v.to_le_bytes());
        }
        if let Some(b) = &self.body {
            b.collateral.encode(out);
            match &b.owner {
                CollateralOwner::PubKey(ck) => {
                    key(ck, out);
                    key(&b.node_pubkey, out);
                }
                CollateralOwner::P2sh(script) => {
                    key(&b.node_pubkey, out);
                    script.encode(out);
                }
            }
            out.extend_from_slice(&b.sig_time.to_le_bytes());
            if mode.signatures {
                write_var_bytes(out, &b.sig);
            }
        }
        if let Some(d) = &self.delegates {
            let flag = if mode.fluxd {
                u8::from(d.using_delegates != 0)
            } else {
                d.using_delegates
            };
            out.push(flag);
            if d.using_delegates != 0 {
                match &d.data {
                    Some(data) => data.write(out, mode),
                    // A flag without data cannot come from decoding; fluxd would write its
                    // default record (version 1, type NONE).
                    None => out.extend_from_slice(&[1, 0]),
                }
            }
        }
    }
}

/// A fluxnode CONFIRM transaction (identical layout in v5 and v6).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ConfirmTx {
    /// v5 or v6.
    pub version: FluxnodeVersion,
    /// The collateral outpoint of the node.
    pub collateral: OutPoint,
    /// Signature time.
    pub sig_time: u32,
    /// Benchmarked tier (1 CUMULUS, 2 NIMBUS, 3 STRATUS).
    pub benchmark_tier: i8,
    /// Time of the benchmark signature.
    pub benchmark_sig_time: u32,
    /// 0 INITIAL_CONFIRM, 1 UPDATE_CONFIRM.
    pub update_type: i8,
    /// The node's address text (`std::string`; normally `host:port`).
    pub ip: Vec<u8>,
    /// Operator signature (not part of the txid).
    pub sig: Vec<u8>,
    /// Benchmark signature (not part of the txid).
    pub benchmark_sig: Vec<u8>,
}

impl ConfirmTx {
    /// The ip field as text (lossy for non-UTF-8 bytes).
    pub fn ip_str(&self) -> String {
        String::from_utf8_lossy(&self.ip).into_owned()
    }

    fn read(r: &mut Reader<'_>, version: FluxnodeVersion) -> Result<Self, Error> {
        Ok(ConfirmTx {
            version,
            collateral: OutPoint::decode(r)?,
            sig_time: r.read_u32()?,
            benchmark_tier: r.read_u8()? as i8,
            benchmark_sig_time: r.read_u32()?,
            update_type: r.read_u8()? as i8,
            ip: r.read_var_bytes()?.to_vec(),
            sig: r.read_var_bytes()?.to_vec(),
            benchmark_sig: r.read_var_bytes()?.to_vec(),
        })
    }

    fn write(&self, out: &mut Vec<u8>, mode: WriteMode) {
        self.collateral.encode(out);
        out.extend_from_slice(&self.sig_time.to_le_bytes());
        out.push(self.benchmark_tier as u8);
        out.extend_from_slice(&self.benchmark_sig_time.to_le_bytes());
        out.push(self.update_type as u8);
        write_var_bytes(out, &self.ip);
        if mode.signatures {
            write_var_bytes(out, &self.sig);
            write_var_bytes(out, &self.benchmark_sig);
        }
    }
}

/// A fluxnode transaction: START or CONFIRM.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FluxnodeTx {
    /// START (`nType` 2).
    Start(StartTx),
    /// CONFIRM (`nType` 4).
    Confirm(ConfirmTx),
}

impl FluxnodeTx {
    /// The transaction format version.
    pub fn version(&self) -> FluxnodeVersion {
        match self {
            FluxnodeTx::Start(s) => s.version(),
            FluxnodeTx::Confirm(c) => c.version,
        }
    }

    /// The collateral outpoint, if the transaction names one.
    pub fn collateral(&self) -> Option<OutPoint> {
        match self {
            FluxnodeTx::Start(s) => s.body.as_ref().map(|b| b.collateral),
            FluxnodeTx::Confirm(c) => Some(c.collateral),
        }
    }

    /// Signature time.
    pub fn sig_time(&self) -> Option<u32> {
        match self {
            FluxnodeTx::Start(s) => s.body.as_ref().map(|b| b.sig_time),
            FluxnodeTx::Confirm(c) => Some(c.sig_time),
        }
    }

    /// Reads the body after the header word.
    pub(crate) fn read(r: &mut Reader<'_>, version: FluxnodeVersion) -> Result<Self, Error> {
        let offset = r.position();
        let n_type = r.read_u8()? as i8;
        match n_type {
            START_TX_TYPE => Ok(FluxnodeTx::Start(StartTx::read(r, version)?)),
            CONFIRM_TX_TYPE => Ok(FluxnodeTx::Confirm(ConfirmTx::read(r, version)?)),
            _ => Err(Error::UnknownFluxnodeType { n_type, offset }),
        }
    }

    /// Writes the header word and the body.
    pub(crate) fn write(&self, out: &mut Vec<u8>, mode: WriteMode) {
        out.extend_from_slice(&self.version().number().to_le_bytes());
        match self {
            FluxnodeTx::Start(s) => {
                out.push(START_TX_TYPE as u8);
                s.write(out, mode);
            }
            FluxnodeTx::Confirm(c) => {
                out.push(CONFIRM_TX_TYPE as u8);
                c.write(out, mode);
            }
        }
    }
}
