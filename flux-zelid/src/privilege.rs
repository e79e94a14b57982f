//! FluxOS privilege levels (`verificationHelper.verifyPrivilege`), resolved from sets the
//! caller supplies: the node owner, the Flux team IDs and the owners of apps.

use std::collections::HashMap;

/// FluxOS's `config.fluxTeamFluxID`.
pub const FLUX_TEAM_ZELID: &str = "1hjy4bCYBJr4mny4zCE85J94RXa8W6q37";
/// FluxOS's `config.fluxSupportTeamFluxID`.
pub const FLUX_SUPPORT_TEAM_ZELID: &str = "16iJqiVbHptCx87q6XQwNpKdgEZnFtKcyP";

/// What a request needs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Level {
    /// Any ZelID with a valid signature (session, or a self-signed phrase ≤ 16 h old).
    User,
    /// The node owner, with a session.
    Admin,
    /// A Flux team ID, with a session.
    FluxTeam,
    /// The node owner or a Flux team ID, with a session.
    AdminAndFluxTeam,
    /// The owner of the named app (session, or a self-signed phrase ≤ 2 h old).
    AppOwner(String),
    /// The app owner, the node owner or a Flux team ID (session, or phrase ≤ 2 h old).
    AppOwnerAbove(String),
}

impl Level {
    /// True for the levels FluxOS grants only to a logged-in session.
    pub fn needs_session(&self) -> bool {
        matches!(
            self,
            Level::Admin | Level::FluxTeam | Level::AdminAndFluxTeam
        )
    }

    /// How long a self-signed phrase authenticates this level without a login: 16 h for
    /// `user`, 2 h for the app-owner levels, `None` for the levels that need a session.
    ///
    /// ```
    /// use flux_zelid::privilege::Level;
    ///
    /// assert_eq!(Level::User.stateless_window_ms(), Some(16 * 3600 * 1000));
    /// assert_eq!(Level::Admin.stateless_window_ms(), None);
    /// ```
    pub fn stateless_window_ms(&self) -> Option<u64> {
        match self {
            Level::User => Some(crate::phrase::USER_STATELESS_WINDOW_MS),
            Level::AppOwner(_) | Level::AppOwnerAbove(_) => {
                Some(crate::phrase::APP_OWNER_STATELESS_WINDOW_MS)
            }
            Level::Admin | Level::FluxTeam | Level::AdminAndFluxTeam => None,
        }
    }

    /// FluxOS's name of the level.
    ///
    /// ```
    /// use flux_zelid::privilege::Level;
    /// assert_eq!(Level::AppOwner("myapp".into()).name(), "appowner");
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            Level::User => "user",
            Level::Admin => "admin",
            Level::FluxTeam => "fluxteam",
            Level::AdminAndFluxTeam => "adminandfluxteam",
            Level::AppOwner(_) => "appowner",
            Level::AppOwnerAbove(_) => "appownerabove",
        }
    }
}

impl std::fmt::Display for Level {
    /// The name, with `:APP` for the app-owner levels (the form [`Level::from_str`] reads).
    ///
    /// [`Level::from_str`]: std::str::FromStr::from_str
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Level::AppOwner(app) | Level::AppOwnerAbove(app) => write!(f, "{}:{app}", self.name()),
            _ => f.write_str(self.name()),
        }
    }
}

impl std::str::FromStr for Level {
    type Err = crate::Error;

    /// `user`, `admin`, `fluxteam`, `adminandfluxteam`, `appowner:APP` or
    /// `appownerabove:APP` (names in any case; the app name as given).
    ///
    /// ```
    /// use flux_zelid::privilege::Level;
    ///
    /// assert_eq!("admin".parse::<Level>().unwrap(), Level::Admin);
    /// let l: Level = "appowner:FoldingAtHome".parse().unwrap();
    /// assert_eq!(l, Level::AppOwner("FoldingAtHome".into()));
    /// assert_eq!(l.to_string().parse::<Level>().unwrap(), l);
    /// assert!("appowner".parse::<Level>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, crate::Error> {
        let (name, app) = match s.split_once(':') {
            Some((n, a)) => (n, Some(a)),
            None => (s, None),
        };
        let level = match (name.to_ascii_lowercase().as_str(), app) {
            ("user", None) => Level::User,
            ("admin", None) => Level::Admin,
            ("fluxteam", None) => Level::FluxTeam,
            ("adminandfluxteam", None) => Level::AdminAndFluxTeam,
            ("appowner", Some(a)) if !a.is_empty() => Level::AppOwner(a.to_string()),
            ("appownerabove", Some(a)) if !a.is_empty() => Level::AppOwnerAbove(a.to_string()),
            _ => return Err(crate::Error::Primitives(
                flux_primitives::Error::UnknownName {
                    what: "privilege level",
                    name: s.to_string(),
                    expected:
                        "user, admin, fluxteam, adminandfluxteam, appowner:APP, appownerabove:APP",
                },
            )),
        };
        Ok(level)
    }
}

/// The role FluxOS reports at login (its `privilage` field).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Any other ZelID.
    User,
    /// The node owner.
    Admin,
    /// A Flux team ID.
    FluxTeam,
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Role {
    /// `user`, `admin` or `fluxteam`.
    ///
    /// ```
    /// use flux_zelid::privilege::Role;
    /// assert_eq!(Role::FluxTeam.to_string(), "fluxteam");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::Admin => "admin",
            Role::FluxTeam => "fluxteam",
        }
    }
}

/// Who holds which privilege.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Privileges {
    /// The node owner's ZelID (admin), if any.
    pub node_owner: Option<String>,
    /// Flux team ZelIDs.
    pub flux_team: Vec<String>,
    /// App name (compared case-insensitively) → owner ZelID.
    pub app_owners: HashMap<String, String>,
}

impl Default for Privileges {
    /// No node owner, FluxOS's two team IDs, no apps.
    fn default() -> Self {
        Privileges {
            node_owner: None,
            flux_team: vec![
                FLUX_TEAM_ZELID.to_string(),
                FLUX_SUPPORT_TEAM_ZELID.to_string(),
            ],
            app_owners: HashMap::new(),
        }
    }
}

/// ZelIDs compare exactly, except `0x…` ones, which compare case-insensitively.
pub fn same_zelid(a: &str, b: &str) -> bool {
    if a.starts_with("0x") && b.starts_with("0x") {
        a.eq_ignore_ascii_case(b)
    } else {
        a == b
    }
}

impl Privileges {
    /// Records an app's owner.
    pub fn with_app_owner(mut self, app: &str, owner: &str) -> Self {
        self.app_owners
            .insert(app.to_lowercase(), owner.to_string());
        self
    }

    /// The role reported at login: team first, then admin, else user (FluxOS's order).
    pub fn role_of(&self, zelid: &str) -> Role {
        if self.is_team(zelid) {
            Role::FluxTeam
        } else if self.is_admin(zelid) {
            Role::Admin
        } else {
            Role::User
        }
    }

    fn is_team(&self, zelid: &str) -> bool {
        self.flux_team.iter().any(|t| same_zelid(t, zelid))
    }

    fn is_admin(&self, zelid: &str) -> bool {
        self.node_owner
            .as_deref()
            .is_some_and(|o| same_zelid(o, zelid))
    }

    /// The owner of `app`; a component id `component_app` names its app after the `_`.
    pub fn app_owner(&self, app: &str) -> Option<&str> {
        let main = app.split_once('_').map_or(app, |(_, a)| a);
        self.app_owners
            .get(&main.to_lowercase())
            .map(String::as_str)
    }

    fn is_app_owner(&self, app: &str, zelid: &str) -> bool {
        self.app_owner(app).is_some_and(|o| same_zelid(o, zelid))
    }

    /// Whether `zelid` holds `level` (signature and session checks are separate).
    pub fn holds(&self, zelid: &str, level: &Level) -> bool {
        match level {
            Level::User => true,
            Level::Admin => self.is_admin(zelid),
            Level::FluxTeam => self.is_team(zelid),
            Level::AdminAndFluxTeam => self.is_admin(zelid) || self.is_team(zelid),
            Level::AppOwner(app) => self.is_app_owner(app, zelid),
            Level::AppOwnerAbove(app) => {
                self.is_app_owner(app, zelid) || self.is_admin(zelid) || self.is_team(zelid)
            }
        }
    }
}
