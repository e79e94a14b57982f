//! Which failures another node may not have: "node-side, try the next node" versus "the
//! request itself is refused, stop" (`flux-cloud-mcp`'s `isNodeSideFailure`, fluxos.md §11.15).

use crate::Error;

/// FluxOS's own messages for a node that cannot serve the request right now (its daemon,
/// its peers, its self-checks), matched as prefixes of `data.message`
/// (`registryManager.registerAppGlobalyApi`, `advancedWorkflows.updateAppGlobalyApi`,
/// `idService.loginPhrase`, `appValidator`).
pub const NODE_SIDE_MESSAGES: [&str; 6] = [
    "Daemon not yet synced",
    "Sorry, This Flux does not have enough outgoing peers",
    "Sorry, This Flux does not have enough incoming peers",
    "Unable to register application on the network. Try again later.",
    "Unable to update application on the network. Try again later.",
    "Application Specifications can only be validated on a node running Arcane OS",
];

/// What to do after a failed FluxOS call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NextStep {
    /// The node could not serve it (unreachable, timed out, unsynced, too few peers, in a
    /// DOS state, a gateway error): another node may succeed.
    TryAnotherNode,
    /// The request is refused on its merits (validation, signature, authorization, a
    /// malformed answer): sending it elsewhere gives the same answer.
    Stop,
}

impl Error {
    /// Classifies a FluxOS failure ([`NextStep`]).
    ///
    /// ```
    /// use flux_client::fluxos::NextStep;
    /// use flux_client::Error;
    /// let unsynced = Error::FluxOs { method: "/apps/appregister".into(), code: None,
    ///     name: Some("Error".into()), message: "Daemon not yet synced.".into() };
    /// assert_eq!(unsynced.fluxos_next_step(), NextStep::TryAnotherNode);
    /// let invalid = Error::FluxOs { method: "/apps/appregister".into(), code: None,
    ///     name: Some("Error".into()), message: "Flux App name already registered".into() };
    /// assert_eq!(invalid.fluxos_next_step(), NextStep::Stop);
    /// ```
    pub fn fluxos_next_step(&self) -> NextStep {
        if self.try_another_node() {
            NextStep::TryAnotherNode
        } else {
            NextStep::Stop
        }
    }

    /// True when another FluxOS node may succeed where this one failed: the connection
    /// failed or timed out, the answer was an HTTP 5xx page (a gateway's 502/504), or FluxOS
    /// said the node cannot serve now ([`NODE_SIDE_MESSAGES`], or a `DOS`/`CONNERROR`
    /// self-check failure).
    ///
    /// ```
    /// let e = flux_client::Error::Timeout { method: "/apps/appregister".into(),
    ///     timeout: std::time::Duration::from_secs(180) };
    /// assert!(e.try_another_node());
    /// ```
    pub fn try_another_node(&self) -> bool {
        match self {
            Error::Transport { .. } | Error::Timeout { .. } => true,
            Error::Http { status, .. } => (500..=599).contains(status),
            Error::FluxOs { name, message, .. } => {
                matches!(name.as_deref(), Some("DOS" | "CONNERROR"))
                    || NODE_SIDE_MESSAGES.iter().any(|m| message.starts_with(m))
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fluxos(name: Option<&str>, message: &str) -> Error {
        Error::FluxOs {
            method: "/r".into(),
            code: None,
            name: name.map(str::to_owned),
            message: message.into(),
        }
    }

    #[test]
    fn node_side_and_final() {
        for m in NODE_SIDE_MESSAGES {
            assert!(fluxos(Some("Error"), m).try_another_node(), "{m}");
        }
        assert!(fluxos(
            Some("DOS"),
            "Minimum hardware required for FluxNode tier not met"
        )
        .try_another_node());
        assert!(!fluxos(Some("Unauthorized"), "Unauthorized. Access denied.").try_another_node());
        assert!(!fluxos(None, "Invalid signature").try_another_node());
        assert!(!fluxos(None, "Message timestamp is over 1 hour old, not valid. Check if your computer clock is synced and restart the registration process.").try_another_node());
        let http = |status| Error::Http {
            method: "/r".into(),
            status,
            body: String::new(),
        };
        assert!(http(502).try_another_node());
        assert!(!http(404).try_another_node());
        assert!(!Error::decode("/r", "x").try_another_node());
        assert_eq!(
            Error::TooLarge {
                method: "/r".into(),
                limit: 1
            }
            .fluxos_next_step(),
            NextStep::Stop
        );
    }
}
