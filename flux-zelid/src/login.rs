//! Sign-in for backends: issue phrases, check `{zelid, loginPhrase, signature}`, refuse
//! expired and reused phrases, keep sessions, and authenticate `zelidauth` headers the way
//! FluxOS does.

use std::collections::HashMap;
use std::sync::Mutex;

use serde::Serialize;

use crate::header::{verify_stateless, ZelidAuth};
use crate::phrase::{LoginPhrase, LOGIN_WINDOW_MS, SESSION_LIFETIME_MS};
use crate::privilege::{Level, Privileges, Role};
use crate::{verify_message, Error, Magic, ZelId};

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
    fn session(&self, zelid: &ZelId, login_phrase: &str) -> Option<Session>;
    /// Ends the session; true if one existed.
    fn remove_session(&self, zelid: &ZelId, login_phrase: &str) -> bool;
}

/// A logged-in ZelID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The ZelID.
    pub zelid: ZelId,
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
    sessions: Mutex<HashMap<(ZelId, String), Session>>,
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

    fn session(&self, zelid: &ZelId, login_phrase: &str) -> Option<Session> {
        self.sessions
            .lock()
            .ok()?
            .get(&(zelid.clone(), login_phrase.to_string()))
            .cloned()
    }

    fn remove_session(&self, zelid: &ZelId, login_phrase: &str) -> bool {
        self.sessions
            .lock()
            .map(|mut m| {
                m.remove(&(zelid.clone(), login_phrase.to_string()))
                    .is_some()
            })
            .unwrap_or(false)
    }
}

/// What a client posts to log in (FluxOS `/id/verifylogin`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginRequest {
    /// The ZelID.
    pub zelid: ZelId,
    /// The phrase this verifier issued.
    pub login_phrase: String,
    /// The ZelID's signature of the phrase.
    pub signature: String,
}

/// Verifies a signature of `phrase` by `zelid` as FluxOS's `signatureVerifier` does
/// (Bitcoin magic for `1…`, `personal_sign` for `0x…`).
///
/// ```
/// use flux_zelid::login::verify_phrase_signature;
///
/// // A real ZelID login from FluxOS's test suite.
/// let zelid = "1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W".parse().unwrap();
/// let sig = "H7xcWjpSt8jiAaPbkUsfY3ZutJJmI35MWkGsgWBj/fJHfk7ZKRoggzigdaESLGMDMb2MHlxAapr1sMYDbJkL/H4=";
/// assert!(verify_phrase_signature(&zelid, "1644935889016mtmbo4uah32tvvwrmzg4j8qzv04ba8g8n56cevn6b", sig).is_ok());
/// ```
pub fn verify_phrase_signature(zelid: &ZelId, phrase: &str, signature: &str) -> Result<(), Error> {
    verify_message(Magic::Bitcoin, phrase.as_bytes(), signature, zelid.as_str()).map(|_| ())
}

/// The checks every way in shares: the phrase has FluxOS's form and the signature is the
/// ZelID's. Windows and sessions are checked by the callers.
pub(crate) fn verify_credentials(auth: &ZelidAuth) -> Result<LoginPhrase, Error> {
    let phrase = LoginPhrase::parse(&auth.login_phrase)?;
    verify_phrase_signature(&auth.zelid, phrase.as_str(), &auth.signature)?;
    Ok(phrase)
}

/// Checks a login request without any store: phrase form, phrase at most 15 minutes old
/// at `now_ms` and not from the future, and the signature (the ZelID's form was checked
/// when it was made). This is what `flux zelid verify-login` runs.
///
/// ```
/// use flux_zelid::login::{check_login, LoginRequest};
///
/// let req = LoginRequest {
///     zelid: "1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W".parse().unwrap(),
///     login_phrase: "1644935889016mtmbo4uah32tvvwrmzg4j8qzv04ba8g8n56cevn6b".into(),
///     signature: "H7xcWjpSt8jiAaPbkUsfY3ZutJJmI35MWkGsgWBj/fJHfk7ZKRoggzigdaESLGMDMb2MHlxAapr1sMYDbJkL/H4=".into(),
/// };
/// assert!(check_login(&req, 1_644_935_889_016 + 60_000).is_ok());
/// assert!(check_login(&req, 1_644_935_889_016 + 16 * 60_000).unwrap_err().is_verdict());
/// ```
pub fn check_login(req: &LoginRequest, now_ms: u64) -> Result<LoginPhrase, Error> {
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
            role: self.privileges.role_of(req.zelid.as_str()),
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
        let phrase = verify_credentials(&auth)?;
        let session = self
            .store
            .session(&auth.zelid, phrase.as_str())
            .filter(|s| s.expires_ms >= now_ms && s.zelid == auth.zelid);
        let session = match session {
            Some(s) => s,
            None => {
                // No session: the stateless path (the same checks as `verify_stateless`,
                // whose signature part has just run), or NoSession for session-only levels.
                let window = level.stateless_window_ms().ok_or(Error::NoSession)?;
                phrase.check_stateless(now_ms, window)?;
                Session {
                    zelid: auth.zelid.clone(),
                    login_phrase: auth.login_phrase.clone(),
                    role: self.privileges.role_of(auth.zelid.as_str()),
                    created_ms: phrase.timestamp_ms(),
                    expires_ms: phrase.timestamp_ms().saturating_add(window),
                }
            }
        };
        if !self.privileges.holds(auth.zelid.as_str(), level) {
            return Err(Error::NotPrivileged {
                zelid: auth.zelid.into_string(),
                level: level.name(),
            });
        }
        Ok(session)
    }

    /// Ends a session; true if one existed.
    pub fn logout(&self, zelid: &ZelId, login_phrase: &str) -> bool {
        self.store.remove_session(zelid, login_phrase)
    }
}

/// The outcome of a login or header check, as `flux zelid verify-login` and
/// `flux zelid header verify` print it: valid, or checked and not valid with the reason.
/// Inputs that could not be checked at all stay errors ([`Error::is_verdict`] is false).
///
/// ```
/// use flux_zelid::login::{LoginRequest, LoginVerdict};
///
/// let req = LoginRequest {
///     zelid: "1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W".parse().unwrap(),
///     login_phrase: "1644935889016mtmbo4uah32tvvwrmzg4j8qzv04ba8g8n56cevn6b".into(),
///     signature: "H7xcWjpSt8jiAaPbkUsfY3ZutJJmI35MWkGsgWBj/fJHfk7ZKRoggzigdaESLGMDMb2MHlxAapr1sMYDbJkL/H4=".into(),
/// };
/// let ok = LoginVerdict::check_login(&req, 1_644_935_889_016 + 60_000).unwrap();
/// assert!(ok.valid && ok.timestamp_ms == Some(1_644_935_889_016));
/// let late = LoginVerdict::check_login(&req, 1_744_935_889_016).unwrap();
/// assert!(!late.valid && late.reason.is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoginVerdict {
    /// Whether the credentials hold.
    pub valid: bool,
    /// The ZelID checked.
    pub zelid: ZelId,
    /// The phrase checked.
    pub login_phrase: String,
    /// The phrase's timestamp, when valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timestamp_ms: Option<u64>,
    /// The time of the check.
    pub checked_at_ms: u64,
    /// Why not, when not valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl LoginVerdict {
    /// [`check_login`] as a verdict.
    pub fn check_login(req: &LoginRequest, now_ms: u64) -> Result<Self, Error> {
        Self::from_result(
            check_login(req, now_ms),
            &req.zelid,
            &req.login_phrase,
            now_ms,
        )
    }

    /// [`verify_stateless`] as a verdict.
    ///
    /// ```
    /// use flux_zelid::header::ZelidAuth;
    /// use flux_zelid::login::LoginVerdict;
    /// use flux_zelid::privilege::Level;
    ///
    /// let auth = ZelidAuth::parse("zelid=1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W&signature=H7xcWjpSt8jiAaPbkUsfY3ZutJJmI35MWkGsgWBj%2FfJHfk7ZKRoggzigdaESLGMDMb2MHlxAapr1sMYDbJkL%2FH4%3D&loginPhrase=1644935889016mtmbo4uah32tvvwrmzg4j8qzv04ba8g8n56cevn6b").unwrap();
    /// assert!(LoginVerdict::check_header(&auth, &Level::User, 1_644_935_949_016).unwrap().valid);
    /// ```
    pub fn check_header(auth: &ZelidAuth, level: &Level, now_ms: u64) -> Result<Self, Error> {
        Self::from_result(
            verify_stateless(auth, level, now_ms),
            &auth.zelid,
            &auth.login_phrase,
            now_ms,
        )
    }

    fn from_result(
        result: Result<LoginPhrase, Error>,
        zelid: &ZelId,
        login_phrase: &str,
        now_ms: u64,
    ) -> Result<Self, Error> {
        let (valid, timestamp_ms, reason) = match result {
            Ok(phrase) => (true, Some(phrase.timestamp_ms()), None),
            Err(e) if e.is_verdict() => (false, None, Some(e.to_string())),
            Err(e) => return Err(e),
        };
        Ok(LoginVerdict {
            valid,
            zelid: zelid.clone(),
            login_phrase: login_phrase.to_string(),
            timestamp_ms,
            checked_at_ms: now_ms,
            reason,
        })
    }
}
