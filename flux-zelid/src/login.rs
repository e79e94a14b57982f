//! Sign-in for backends: issue phrases, check `{zelid, loginPhrase, signature}`, refuse
//! expired and reused phrases, keep sessions, and authenticate `zelidauth` headers the way
//! FluxOS does.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::header::ZelidAuth;
use crate::phrase::{
    check_zelid_format, LoginPhrase, APP_OWNER_STATELESS_WINDOW_MS, LOGIN_WINDOW_MS,
    SESSION_LIFETIME_MS, USER_STATELESS_WINDOW_MS,
};
use crate::privilege::{same_zelid, Level, Privileges, Role};
use crate::{verify_message, Error, Magic};

/// Where issued phrases wait to be used. `take` must remove atomically, so that a phrase
/// logs in at most once even under concurrent requests.
pub trait PhraseStore: Send + Sync {
    /// Remembers a phrase issued at `issued_ms`.
    fn insert_phrase(&self, phrase: &str, issued_ms: u64);
    /// Removes the phrase and returns when it was issued, or `None` if unknown or used.
    fn take_phrase(&self, phrase: &str) -> Option<u64>;
}

/// Where sessions live after a login.
pub trait SessionStore: Send + Sync {
    /// Stores a session.
    fn insert_session(&self, session: Session);
    /// The session of this ZelID and phrase, if any.
    fn session(&self, zelid: &str, login_phrase: &str) -> Option<Session>;
    /// Ends the session; true if one existed.
    fn remove_session(&self, zelid: &str, login_phrase: &str) -> bool;
}

/// A logged-in ZelID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The ZelID.
    pub zelid: String,
    /// The phrase it signed.
    pub login_phrase: String,
    /// Its role at login time.
    pub role: Role,
    /// The phrase's timestamp (FluxOS `createdAt`).
    pub created_ms: u64,
    /// When the session ends (FluxOS `expireAt`: 14 days after `createdAt`).
    pub expires_ms: u64,
}

/// In-memory phrases and sessions; expired entries are dropped as new ones arrive.
#[derive(Debug, Default)]
pub struct MemoryStore {
    phrases: Mutex<HashMap<String, u64>>,
    sessions: Mutex<HashMap<(String, String), Session>>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }
}

impl PhraseStore for MemoryStore {
    fn insert_phrase(&self, phrase: &str, issued_ms: u64) {
        if let Ok(mut m) = self.phrases.lock() {
            m.retain(|_, t| t.saturating_add(LOGIN_WINDOW_MS) >= issued_ms);
            m.insert(phrase.to_string(), issued_ms);
        }
    }

    fn take_phrase(&self, phrase: &str) -> Option<u64> {
        self.phrases.lock().ok()?.remove(phrase)
    }
}

impl SessionStore for MemoryStore {
    fn insert_session(&self, session: Session) {
        if let Ok(mut m) = self.sessions.lock() {
            let now = session.created_ms;
            m.retain(|_, s| s.expires_ms >= now);
            m.insert(
                (session.zelid.clone(), session.login_phrase.clone()),
                session,
            );
        }
    }

    fn session(&self, zelid: &str, login_phrase: &str) -> Option<Session> {
        self.sessions
            .lock()
            .ok()?
            .get(&(zelid.to_string(), login_phrase.to_string()))
            .cloned()
    }

    fn remove_session(&self, zelid: &str, login_phrase: &str) -> bool {
        self.sessions
            .lock()
            .map(|mut m| {
                m.remove(&(zelid.to_string(), login_phrase.to_string()))
                    .is_some()
            })
            .unwrap_or(false)
    }
}

/// What a client posts to log in (FluxOS `/id/verifylogin`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginRequest {
    /// The ZelID.
    pub zelid: String,
    /// The phrase this verifier issued.
    pub login_phrase: String,
    /// The ZelID's signature of the phrase.
    pub signature: String,
}

/// Verifies a signature of `phrase` by `zelid` as FluxOS's `signatureVerifier` does
/// (Bitcoin magic for `1…`, `personal_sign` for `0x…`).
pub fn verify_phrase_signature(zelid: &str, phrase: &str, signature: &str) -> Result<(), Error> {
    verify_message(Magic::Bitcoin, phrase.as_bytes(), signature, zelid).map(|_| ())
}

/// Checks a login request without any store: ZelID form, phrase form, phrase at most
/// 15 minutes old at `now_ms` and not from the future, and the signature. This is what
/// `flux zelid verify-login` runs.
pub fn check_login(req: &LoginRequest, now_ms: u64) -> Result<LoginPhrase, Error> {
    check_zelid_format(&req.zelid)?;
    let phrase = LoginPhrase::parse(&req.login_phrase)?;
    phrase.check_window(now_ms, LOGIN_WINDOW_MS)?;
    if req.signature.is_empty() {
        return Err(Error::MissingField { field: "signature" });
    }
    verify_phrase_signature(&req.zelid, phrase.as_str(), &req.signature)?;
    Ok(phrase)
}

/// Issues phrases, logs ZelIDs in and authenticates `zelidauth` headers.
#[derive(Debug, Default)]
pub struct LoginVerifier<S = MemoryStore> {
    store: S,
    privileges: Privileges,
}

impl LoginVerifier<MemoryStore> {
    /// A verifier with an in-memory store.
    pub fn in_memory(privileges: Privileges) -> Self {
        LoginVerifier {
            store: MemoryStore::new(),
            privileges,
        }
    }
}

impl<S: PhraseStore + SessionStore> LoginVerifier<S> {
    /// A verifier over the given store.
    pub fn new(store: S, privileges: Privileges) -> Self {
        LoginVerifier { store, privileges }
    }

    /// The privilege sets in use.
    pub fn privileges(&self) -> &Privileges {
        &self.privileges
    }

    /// Issues and remembers a new phrase.
    pub fn issue_phrase(&self, now_ms: u64) -> LoginPhrase {
        let phrase = LoginPhrase::generate(now_ms);
        self.store.insert_phrase(phrase.as_str(), now_ms);
        phrase
    }

    /// Logs in: [`check_login`], then the phrase must have been issued here and not used
    /// (it is consumed). Returns the new session.
    pub fn verify_login(&self, req: &LoginRequest, now_ms: u64) -> Result<Session, Error> {
        let phrase = check_login(req, now_ms)?;
        let issued = self
            .store
            .take_phrase(phrase.as_str())
            .ok_or(Error::PhraseUnknown)?;
        if issued.saturating_add(LOGIN_WINDOW_MS) < now_ms {
            return Err(Error::PhraseExpired {
                phrase_ms: issued,
                now_ms,
                window_ms: LOGIN_WINDOW_MS,
            });
        }
        let session = Session {
            zelid: req.zelid.clone(),
            login_phrase: req.login_phrase.clone(),
            role: self.privileges.role_of(&req.zelid),
            created_ms: phrase.timestamp_ms(),
            expires_ms: phrase.timestamp_ms().saturating_add(SESSION_LIFETIME_MS),
        };
        self.store.insert_session(session.clone());
        Ok(session)
    }

    /// Authenticates a `zelidauth` header for `level`: the signature must verify; `admin`
    /// and team levels need a live session; `user` and app-owner levels accept a session or
    /// a self-signed phrase within 16 h / 2 h (40–70 characters, not from the future).
    pub fn authenticate(&self, header: &str, level: &Level, now_ms: u64) -> Result<Session, Error> {
        let auth = ZelidAuth::parse(header)?;
        check_zelid_format(&auth.zelid)?;
        let phrase = LoginPhrase::parse(&auth.login_phrase)?;
        verify_phrase_signature(&auth.zelid, phrase.as_str(), &auth.signature)?;
        let session = self
            .store
            .session(&auth.zelid, phrase.as_str())
            .filter(|s| s.expires_ms >= now_ms && same_zelid(&s.zelid, &auth.zelid));
        let session = match session {
            Some(s) => s,
            None if level.needs_session() => return Err(Error::NoSession),
            None => {
                let window = match level {
                    Level::User => USER_STATELESS_WINDOW_MS,
                    _ => APP_OWNER_STATELESS_WINDOW_MS,
                };
                phrase.check_stateless(now_ms, window)?;
                Session {
                    zelid: auth.zelid.clone(),
                    login_phrase: auth.login_phrase.clone(),
                    role: self.privileges.role_of(&auth.zelid),
                    created_ms: phrase.timestamp_ms(),
                    expires_ms: phrase.timestamp_ms().saturating_add(window),
                }
            }
        };
        if !self.privileges.holds(&auth.zelid, level) {
            return Err(Error::NotPrivileged {
                zelid: auth.zelid,
                level: level.name(),
            });
        }
        Ok(session)
    }

    /// Ends a session; true if one existed.
    pub fn logout(&self, zelid: &str, login_phrase: &str) -> bool {
        self.store.remove_session(zelid, login_phrase)
    }
}
