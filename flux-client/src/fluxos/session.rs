//! Sessions: what a client sends as `zelidauth`, and until when it is accepted.
//!
//! Two kinds (fluxos.md §1.4, clients-and-wasm.md §B.1):
//! - a **node login** (`/id/loginphrase` → sign → `/id/verifylogin`): a database session on
//!   that node, 14 days from the phrase's timestamp; needed for `admin`/`fluxteam` calls;
//! - a **self-issued** session: the client makes its own phrase (timestamp + random text)
//!   and signs it; any node accepts it without a login for `user` calls for 16 h and for
//!   app-owner calls for 2 h after the phrase's timestamp.

use flux_zelid::header::{HeaderForm, ZelidAuth};
use flux_zelid::phrase::{
    LoginPhrase, APP_OWNER_STATELESS_WINDOW_MS, SESSION_LIFETIME_MS, USER_STATELESS_WINDOW_MS,
};
use flux_zelid::PrivateKey;
use serde::Deserialize;

use crate::Error;

/// How a session was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SessionKind {
    /// Logged in on one node (`/id/verifylogin`); that node keeps it for 14 days.
    NodeLogin,
    /// A phrase signed by the client, accepted statelessly by every node.
    SelfIssued,
    /// A `zelidauth` header made elsewhere ([`Session::from_zelidauth`]): which kind it is
    /// is unknown.
    Given,
}

/// What a self-issued session is for, which sets how long nodes accept it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// `user`-level calls (registering and updating apps, sessions): 16 h.
    User,
    /// App-owner calls (start, stop, logs of one's apps): 2 h.
    AppOwner,
}

impl Scope {
    /// How long after the phrase's timestamp nodes accept it.
    ///
    /// ```
    /// use flux_client::fluxos::session::Scope;
    /// assert_eq!(Scope::User.window_ms(), 16 * 3600 * 1000);
    /// assert_eq!(Scope::AppOwner.window_ms(), 2 * 3600 * 1000);
    /// ```
    pub fn window_ms(self) -> u64 {
        match self {
            Scope::User => USER_STATELESS_WINDOW_MS,
            Scope::AppOwner => APP_OWNER_STATELESS_WINDOW_MS,
        }
    }
}

/// Credentials for FluxOS calls: the `zelidauth` fields, the privilege, the expiry and, for a
/// node login, the node that holds the session.
///
/// ```
/// use flux_client::fluxos::session::{Scope, Session};
/// let key = "KyL927pfsyZnJhFq5gQGy5eWq9tRYuAppRGiLjvBJGMvMwCqWYmv".parse().unwrap();
/// let s = Session::self_issued(&key, 1_750_000_000_000, Scope::User);
/// assert_eq!(s.auth.zelid.as_str(), "1PQWN5vgV3P9KexYmhF133zDft34YhKB3L");
/// assert_eq!(s.expires_at_ms, 1_750_000_000_000 + 16 * 3600 * 1000);
/// assert!(s.zelidauth().starts_with("{\"zelid\":\"1PQWN5vgV3P9KexYmhF133zDft34YhKB3L\""));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The `zelidauth` fields (the signature is a bearer credential until expiry: keep it
    /// out of logs).
    pub auth: ZelidAuth,
    /// How it was made.
    pub kind: SessionKind,
    /// `user`, `admin` or `fluxteam` as the node said at login (FluxOS spells the field
    /// `privilage`); `user` for self-issued sessions.
    pub privilege: String,
    /// Until when nodes accept it, in ms since the Unix epoch.
    pub expires_at_ms: u64,
    /// For a node login: the base URL of the node holding the session (where the login was
    /// completed); `None` for self-issued sessions, which any node accepts.
    pub node: Option<String>,
    /// The header form sent (default JSON).
    pub form: HeaderForm,
}

impl Session {
    /// A self-issued session: a fresh phrase in FluxOS's format stamped `now_ms`, signed by
    /// `key` (Bitcoin message magic), valid for the scope's window.
    ///
    /// ```
    /// use flux_client::fluxos::session::{Scope, Session, SessionKind};
    /// let key = "KyL927pfsyZnJhFq5gQGy5eWq9tRYuAppRGiLjvBJGMvMwCqWYmv".parse().unwrap();
    /// let s = Session::self_issued(&key, 1_750_000_000_000, Scope::AppOwner);
    /// assert_eq!(s.kind, SessionKind::SelfIssued);
    /// assert!(s.auth.login_phrase.starts_with("1750000000000"));
    /// assert!(!s.is_expired(1_750_000_000_000 + 3600_000));
    /// assert!(s.is_expired(1_750_000_000_000 + 3 * 3600_000));
    /// ```
    pub fn self_issued(key: &PrivateKey, now_ms: u64, scope: Scope) -> Session {
        let phrase = LoginPhrase::generate(now_ms);
        Session {
            auth: ZelidAuth::sign(key, phrase.as_str()),
            kind: SessionKind::SelfIssued,
            privilege: "user".to_owned(),
            expires_at_ms: now_ms.saturating_add(scope.window_ms()),
            node: None,
            form: HeaderForm::Json,
        }
    }

    /// The session a node confirmed at `/id/verifylogin` (`data` of its answer), held by
    /// the node at `node_url`. The expiry is the phrase's timestamp + 14 days, as the node
    /// computes its `expireAt`.
    ///
    /// ```
    /// use flux_client::fluxos::session::Session;
    /// let data = r#"{"message":"Successfully logged in","zelid":"1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W",
    ///   "loginPhrase":"1644935889016mtmbo4uah32tvvwrmzg4j8qzv04ba8g8n56cevn6b",
    ///   "signature":"H7xcWjpSt8jiAaPbkUsfY3ZutJJmI35MWkGsgWBj/fJHfk7ZKRoggzigdaESLGMDMb2MHlxAapr1sMYDbJkL/H4=",
    ///   "privilage":"user","createdAt":"2022-02-15T14:38:09.016Z","expireAt":"2022-03-01T14:38:09.016Z"}"#;
    /// let s = Session::from_verify_login(data, "http://1.2.3.4:16127").unwrap();
    /// assert_eq!(s.privilege, "user");
    /// assert_eq!(s.expires_at_ms, 1_644_935_889_016 + 14 * 24 * 3600 * 1000);
    /// ```
    pub fn from_verify_login(data: &str, node_url: &str) -> Result<Session, Error> {
        const ROUTE: &str = "/id/verifylogin";
        #[derive(Deserialize)]
        struct Verified {
            zelid: String,
            #[serde(rename = "loginPhrase")]
            login_phrase: String,
            signature: String,
            privilage: Option<String>,
        }
        let v: Verified = serde_json::from_str(data).map_err(|e| Error::decode(ROUTE, e))?;
        let phrase = LoginPhrase::parse(&v.login_phrase).map_err(|e| Error::decode(ROUTE, e))?;
        Ok(Session {
            auth: ZelidAuth {
                zelid: v.zelid.parse().map_err(|e| Error::decode(ROUTE, e))?,
                signature: v.signature,
                login_phrase: v.login_phrase,
            },
            kind: SessionKind::NodeLogin,
            privilege: v.privilage.unwrap_or_else(|| "user".to_owned()),
            expires_at_ms: phrase.timestamp_ms().saturating_add(SESSION_LIFETIME_MS),
            node: Some(node_url.to_owned()),
            form: HeaderForm::Json,
        })
    }

    /// A session from a `zelidauth` header made elsewhere (a browser login, another tool),
    /// sent back in the form it came in. Its fields are checked for form only; its expiry is
    /// assumed to be the `user` window (16 h after the phrase's timestamp), what every node
    /// accepts without a login.
    ///
    /// ```
    /// use flux_client::fluxos::session::Session;
    /// let h = "zelid=1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W&signature=H7xc%2B%3D&loginPhrase=1644935889016mtmbo4uah32tvvwrmzg4j8qzv04ba8g8n56cevn6b";
    /// let s = Session::from_zelidauth(h).unwrap();
    /// assert_eq!(s.zelidauth(), h);
    /// assert_eq!(s.expires_at_ms, 1_644_935_889_016 + 16 * 3600 * 1000);
    /// assert!(Session::from_zelidauth("{}").is_err());
    /// ```
    pub fn from_zelidauth(header: &str) -> Result<Session, Error> {
        let header = header.trim();
        let auth = ZelidAuth::parse(header).map_err(|e| Error::input("zelidauth", e))?;
        let phrase =
            LoginPhrase::parse(&auth.login_phrase).map_err(|e| Error::input("zelidauth", e))?;
        let form = if header.starts_with('{') {
            HeaderForm::Json
        } else {
            HeaderForm::UrlEncoded
        };
        Ok(Session {
            auth,
            kind: SessionKind::Given,
            privilege: "user".to_owned(),
            expires_at_ms: phrase
                .timestamp_ms()
                .saturating_add(USER_STATELESS_WINDOW_MS),
            node: None,
            form,
        })
    }

    /// The same session sent in the other header form.
    ///
    /// ```
    /// use flux_client::fluxos::session::{Scope, Session};
    /// use flux_zelid::header::HeaderForm;
    /// let key = "KyL927pfsyZnJhFq5gQGy5eWq9tRYuAppRGiLjvBJGMvMwCqWYmv".parse().unwrap();
    /// let s = Session::self_issued(&key, 1_750_000_000_000, Scope::User).with_form(HeaderForm::UrlEncoded);
    /// assert!(s.zelidauth().starts_with("zelid=1PQWN5vgV3P9KexYmhF133zDft34YhKB3L&signature="));
    /// ```
    pub fn with_form(mut self, form: HeaderForm) -> Session {
        self.form = form;
        self
    }

    /// The `zelidauth` header value in the session's form (JSON, or URL-encoded with the
    /// base64 signature's `+`, `/`, `=` percent-escaped, since FluxOS's `qs` reads `+` as a
    /// space).
    ///
    /// ```
    /// use flux_client::fluxos::session::{Scope, Session};
    /// let key = "KyL927pfsyZnJhFq5gQGy5eWq9tRYuAppRGiLjvBJGMvMwCqWYmv".parse().unwrap();
    /// let s = Session::self_issued(&key, 1_750_000_000_000, Scope::User);
    /// let parsed = flux_zelid::header::ZelidAuth::parse(&s.zelidauth()).unwrap();
    /// assert_eq!(parsed, s.auth);
    /// ```
    pub fn zelidauth(&self) -> String {
        self.auth.encode(self.form)
    }

    /// What `flux os login` (and flux-wasm's `osLogin`) prints for this session:
    /// `{zelid, zelidauth, privilege, expires_at}` (expiry in ms since the Unix epoch). The
    /// `zelidauth` in it is a bearer credential until then: print it only where asked to.
    ///
    /// ```
    /// use flux_client::fluxos::session::{Scope, Session};
    /// let key = "KyL927pfsyZnJhFq5gQGy5eWq9tRYuAppRGiLjvBJGMvMwCqWYmv".parse().unwrap();
    /// let s = Session::self_issued(&key, 1_750_000_000_000, Scope::User);
    /// let view = s.view();
    /// assert_eq!(view.expires_at, s.expires_at_ms);
    /// assert_eq!(view.zelidauth, s.zelidauth());
    /// let text = serde_json::to_string(&view).unwrap();
    /// assert!(text.starts_with(&format!(r#"{{"zelid":"{}","zelidauth":"#, view.zelid)));
    /// ```
    pub fn view(&self) -> SessionView {
        SessionView {
            zelid: self.auth.zelid.as_str().to_owned(),
            zelidauth: self.zelidauth(),
            privilege: self.privilege.clone(),
            expires_at: self.expires_at_ms,
        }
    }

    /// True once nodes no longer accept it at `now_ms`.
    ///
    /// ```
    /// use flux_client::fluxos::session::{Scope, Session};
    /// let key = "KyL927pfsyZnJhFq5gQGy5eWq9tRYuAppRGiLjvBJGMvMwCqWYmv".parse().unwrap();
    /// let s = Session::self_issued(&key, 1_000, Scope::User);
    /// assert!(!s.is_expired(1_000));
    /// assert!(s.is_expired(s.expires_at_ms + 1));
    /// ```
    pub fn is_expired(&self, now_ms: u64) -> bool {
        now_ms > self.expires_at_ms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_issued_headers_verify_statelessly() {
        let key: PrivateKey = "KyL927pfsyZnJhFq5gQGy5eWq9tRYuAppRGiLjvBJGMvMwCqWYmv"
            .parse()
            .unwrap();
        let now = 1_750_000_000_000;
        for form in [HeaderForm::Json, HeaderForm::UrlEncoded] {
            let s = Session::self_issued(&key, now, Scope::User).with_form(form);
            let parsed = ZelidAuth::parse(&s.zelidauth()).unwrap();
            flux_zelid::header::verify_stateless(
                &parsed,
                &flux_zelid::privilege::Level::User,
                now + 1000,
            )
            .unwrap();
        }
    }

    #[test]
    fn bad_verify_login_answers() {
        assert_eq!(
            Session::from_verify_login("{}", "u").unwrap_err().kind(),
            "decode"
        );
        let short =
            r#"{"zelid":"1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W","loginPhrase":"123","signature":"x"}"#;
        assert_eq!(
            Session::from_verify_login(short, "u").unwrap_err().kind(),
            "decode"
        );
        let bad_id = r#"{"zelid":"t1xyz","loginPhrase":"1644935889016mtmbo4uah32tvvwrmzg4j8qzv04ba8g8n56cevn6b","signature":"x"}"#;
        assert_eq!(
            Session::from_verify_login(bad_id, "u").unwrap_err().kind(),
            "decode"
        );
    }
}

/// A session as `flux os login` prints it (see [`Session::view`]).
///
/// ```
/// let v = flux_client::fluxos::session::SessionView {
///     zelid: "1L2cmJ69frZTg83i".into(),
///     zelidauth: "{}".into(),
///     privilege: "user".into(),
///     expires_at: 7,
/// };
/// assert_eq!(
///     serde_json::to_string(&v).unwrap(),
///     r#"{"zelid":"1L2cmJ69frZTg83i","zelidauth":"{}","privilege":"user","expires_at":7}"#
/// );
/// ```
#[derive(Clone, PartialEq, Eq, serde::Serialize)]
pub struct SessionView {
    /// The ZelID (the signing key's address).
    pub zelid: String,
    /// The `zelidauth` header value, in the session's form.
    pub zelidauth: String,
    /// `user`, `admin` or `fluxteam`.
    pub privilege: String,
    /// Until when nodes accept it, in ms since the Unix epoch.
    pub expires_at: u64,
}
