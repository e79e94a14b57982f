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

    /// FluxOS's name of the level.
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

impl Role {
    /// `user`, `admin` or `fluxteam`.
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
