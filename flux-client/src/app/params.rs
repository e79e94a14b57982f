//! FluxOS's app constants (`ZelBack/config/default.js` `fluxapps`, `fluxSpecifics`,
//! `lockedSystemResources`; mainnet values of FluxOS v8.17.0).

/// Height from which each spec version is accepted (`appSpecsEnforcementHeights`), index =
/// version.
pub const SPEC_ENFORCEMENT_HEIGHTS: [(u32, u64); 8] = [
    (1, 0),
    (2, 0),
    (3, 983_000),
    (4, 1_004_000),
    (5, 1_142_000),
    (6, 1_300_000),
    (7, 1_420_000),
    (8, 1_932_380),
];

/// The activation height of spec `version`, if it is one FluxOS knows.
///
/// ```
/// assert_eq!(flux_client::app::params::enforcement_height(8), Some(1_932_380));
/// assert_eq!(flux_client::app::params::enforcement_height(9), None);
/// ```
pub fn enforcement_height(version: u32) -> Option<u64> {
    SPEC_ENFORCEMENT_HEIGHTS
        .iter()
        .find(|(v, _)| *v == version)
        .map(|(_, h)| *h)
}

/// Minimum instances (formatter for v1–v7; validator before [`MINIMUM_INSTANCES_V8_BLOCK`]).
pub const MINIMUM_INSTANCES: f64 = 3.0;
/// Minimum instances of a v8 app (formatter always; validator from the block below).
pub const MINIMUM_INSTANCES_V8: f64 = 1.0;
/// Height from which the validator lets v8 apps run 1 instance.
pub const MINIMUM_INSTANCES_V8_BLOCK: f64 = 2_176_519.0;
/// Maximum instances.
pub const MAXIMUM_INSTANCES: f64 = 100.0;

/// Height of the port range change (`portBlockheightChange`).
pub const PORT_BLOCKHEIGHT_CHANGE: f64 = 1_420_000.0;
/// Port range before [`PORT_BLOCKHEIGHT_CHANGE`].
pub const PORT_MIN_LEGACY: f64 = 31_000.0;
/// Port range before [`PORT_BLOCKHEIGHT_CHANGE`].
pub const PORT_MAX_LEGACY: f64 = 39_999.0;
/// Port range from [`PORT_BLOCKHEIGHT_CHANGE`].
pub const PORT_MIN: f64 = 1.0;
/// Port range from [`PORT_BLOCKHEIGHT_CHANGE`].
pub const PORT_MAX: f64 = 65_535.0;

/// A single port or an inclusive range, as in `bannedPorts` / `enterprisePorts`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PortRule {
    /// One port.
    Port(f64),
    /// `'min-max'`.
    Range(f64, f64),
}

impl PortRule {
    /// Whether `+port` falls under this rule (FluxOS compares numbers).
    pub fn matches(&self, port: f64) -> bool {
        match *self {
            PortRule::Port(p) => p == port,
            PortRule::Range(lo, hi) => port >= lo && port <= hi,
        }
    }
}

/// `bannedPorts`.
pub const BANNED_PORTS: [PortRule; 19] = [
    PortRule::Range(16100.0, 16299.0),
    PortRule::Range(26100.0, 26299.0),
    PortRule::Range(30000.0, 30099.0),
    PortRule::Port(8384.0),
    PortRule::Port(27017.0),
    PortRule::Port(22.0),
    PortRule::Port(23.0),
    PortRule::Port(25.0),
    PortRule::Port(3389.0),
    PortRule::Port(5900.0),
    PortRule::Port(5800.0),
    PortRule::Port(161.0),
    PortRule::Port(512.0),
    PortRule::Port(513.0),
    PortRule::Port(5901.0),
    PortRule::Port(3388.0),
    PortRule::Port(4444.0),
    PortRule::Port(123.0),
    PortRule::Port(53.0),
];

/// `enterprisePorts` (allowed, priced extra).
pub const ENTERPRISE_PORTS: [PortRule; 5] = [
    PortRule::Range(0.0, 1023.0),
    PortRule::Port(8080.0),
    PortRule::Port(8081.0),
    PortRule::Port(8443.0),
    PortRule::Port(6667.0),
];

/// `fluxNetworkHelper.isPortBanned(port)` with `port` already `+port`.
///
/// ```
/// assert!(flux_client::app::params::is_port_banned(16127.0));
/// assert!(!flux_client::app::params::is_port_banned(31000.0));
/// ```
pub fn is_port_banned(port: f64) -> bool {
    BANNED_PORTS.iter().any(|r| r.matches(port))
}

/// `fluxNetworkHelper.isPortEnterprise(port)` with `port` already `+port`.
///
/// ```
/// assert!(flux_client::app::params::is_port_enterprise(443.0));
/// assert!(!flux_client::app::params::is_port_enterprise(31000.0));
/// ```
pub fn is_port_enterprise(port: f64) -> bool {
    ENTERPRISE_PORTS.iter().any(|r| r.matches(port))
}

/// Per-tier hardware available to apps: `fluxSpecifics` minus `lockedSystemResources`
/// (cpu in tenths of a core, ram MB, hdd GB).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TierLimits {
    /// Tenths of a core.
    pub cpu_tenths: f64,
    /// MB.
    pub ram: f64,
    /// GB.
    pub hdd: f64,
}

/// Cumulus (basic): 40 − 10 tenths, 7000 − 2000 MB, 220 − 60 GB.
pub const CUMULUS: TierLimits = TierLimits {
    cpu_tenths: 30.0,
    ram: 5000.0,
    hdd: 160.0,
};
/// Nimbus (super): 80 − 10, 30000 − 2000, 440 − 60.
pub const NIMBUS: TierLimits = TierLimits {
    cpu_tenths: 70.0,
    ram: 28000.0,
    hdd: 380.0,
};
/// Stratus (bamf): 160 − 10, 61000 − 2000, 880 − 60.
pub const STRATUS: TierLimits = TierLimits {
    cpu_tenths: 150.0,
    ram: 59000.0,
    hdd: 820.0,
};

/// `minBlocksAllowance` (before [`NEW_MIN_BLOCKS_ALLOWANCE_BLOCK`]).
pub const MIN_BLOCKS_ALLOWANCE: f64 = 5000.0;
/// `newMinBlocksAllowance`.
pub const NEW_MIN_BLOCKS_ALLOWANCE: f64 = 100.0;
/// `newMinBlocksAllowanceBlock`.
pub const NEW_MIN_BLOCKS_ALLOWANCE_BLOCK: f64 = 1_630_040.0;
/// `cancel1BlockMinBlocksAllowance`.
pub const CANCEL_1_BLOCK_MIN_BLOCKS_ALLOWANCE: f64 = 1.0;
/// `cancel1BlockMinBlocksAllowanceBlock`.
pub const CANCEL_1_BLOCK_MIN_BLOCKS_ALLOWANCE_BLOCK: f64 = 1_964_447.0;
/// `maxBlocksAllowance`.
pub const MAX_BLOCKS_ALLOWANCE: f64 = 264_000.0;
/// `postPonMaxBlocksAllowance`.
pub const POST_PON_MAX_BLOCKS_ALLOWANCE: f64 = 1_056_000.0;
/// `daemonPONFork`: from here blocks come 4× faster.
pub const DAEMON_PON_FORK: f64 = 2_020_000.0;
/// `blocksAllowanceInterval`.
pub const BLOCKS_ALLOWANCE_INTERVAL: f64 = 1000.0;
/// `removeBlocksAllowanceIntervalBlock`.
pub const REMOVE_BLOCKS_ALLOWANCE_INTERVAL_BLOCK: f64 = 1_625_000.0;
/// `blocksLasting`: a month of blocks before the PoN fork (×4 after it).
pub const BLOCKS_LASTING: f64 = 22_000.0;
/// `applyMinimumPriceOn3Instances`.
pub const APPLY_MINIMUM_PRICE_ON_3_INSTANCES: f64 = 1_691_000.0;
/// `applyMinimumForExtraInstances`.
pub const APPLY_MINIMUM_FOR_EXTRA_INSTANCES: f64 = 1_890_000.0;
