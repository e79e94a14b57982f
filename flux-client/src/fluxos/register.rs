//! Registering and updating an app through a node: verify at the node, sign **the node's**
//! formatted spec, post, and return what the payment needs (fluxos.md §6,
//! clients-and-wasm.md §B.2).
//!
//! 1. `POST /apps/verifyappregistrationspecifications` (or `…update…`) with the raw spec:
//!    the node validates it and answers the formatted spec, whose `JSON.stringify` is what
//!    the network verifies. Signing the node's text, not a local formatting, is what makes
//!    the signature hold whatever the local formatter thinks.
//! 2. Sign `type + 1 + spec + timestamp` with the owner's key (Bitcoin message magic).
//! 3. `POST /apps/calculateprice` (the node's quote) and `GET /apps/deploymentinformation`
//!    (the payment address).
//! 4. `POST /apps/appregister` (or `/apps/appupdate`) with a `user` session: the node
//!    broadcasts the message and answers its hash, which must equal the local hash of the
//!    signed string + signature (else the payment's memo would point nowhere).
//!
//! The payment (the hash as the **last** output's OP_RETURN, at least the price, to the
//! payment address) must be mined within about an hour: nodes drop the temporary message
//! an hour after they received it.

use serde::Serialize;

use crate::app::message::{AppMessage, AppMessageType};

/// How long nodes keep an unpaid app message (`tempMsgTtlS`, 1 h).
pub const PAYMENT_WINDOW_MS: u64 = 3600 * 1000;

/// What a register or update returns: everything the payment needs. Serializes as
/// `flux app register` prints it, `{"hash","timestamp","signature","payment_address",
/// "price","pay_before"}`.
///
/// ```
/// let r = flux_client::fluxos::Registration {
///     hash: "f3".repeat(32), timestamp: 1_750_000_000_000, signature: "IKC...".into(),
///     payment_address: "t3NryfAQLGeFs9jEoeqsxmBN2QLRaRKFLUX".into(), price: "0.6".into(),
///     pay_before: 1_750_003_600_000, spec: "{}".into(),
/// };
/// let v = serde_json::to_value(&r).unwrap();
/// assert_eq!(v["price"], "0.6");
/// assert!(v.get("spec").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Registration {
    /// The message hash: 64 hex characters, the payment's memo.
    pub hash: String,
    /// The message timestamp (ms) that was signed.
    pub timestamp: u64,
    /// The owner's signature (base64).
    pub signature: String,
    /// Where to pay (`/apps/deploymentinformation` `address`).
    pub payment_address: String,
    /// The node's FLUX quote (`/apps/calculateprice` `flux`), the number as the node wrote it.
    pub price: String,
    /// Pay (mined) before this time, ms since the Unix epoch: `timestamp` + 1 h. The node
    /// keeps the message an hour after *receiving* it, which is after `timestamp`, so this
    /// errs on the early side.
    pub pay_before: u64,
    /// The formatted spec as signed (the node's `JSON.stringify`); not serialized.
    #[serde(skip)]
    pub spec: String,
}

/// The verify and submit routes of a message type.
#[cfg_attr(not(feature = "http"), allow(dead_code))]
fn routes(kind: AppMessageType) -> (&'static str, &'static str) {
    match kind {
        AppMessageType::Register | AppMessageType::LegacyRegister => (
            "/apps/verifyappregistrationspecifications",
            "/apps/appregister",
        ),
        _ => ("/apps/verifyappupdatespecifications", "/apps/appupdate"),
    }
}

/// Builds the message over the node's formatted spec text.
#[cfg_attr(not(feature = "http"), allow(dead_code))]
fn message(kind: AppMessageType, spec: &str, timestamp: u64) -> Result<AppMessage, crate::Error> {
    AppMessage::from_spec_json(kind, spec, timestamp)
        .map_err(|e| crate::Error::decode(routes(kind).0, e))
}

#[cfg(feature = "http")]
mod flow {
    use flux_zelid::PrivateKey;

    use super::*;
    use crate::fluxos::client::{decode, REGISTER_TIMEOUT};
    use crate::fluxos::session::{Scope, Session};
    use crate::fluxos::FluxOs;
    use crate::Error;

    impl FluxOs {
        /// Registers the app `spec` (raw JSON text, any version the node accepts) owned by
        /// `key`'s ZelID, the message stamped `timestamp_ms` (now, in ms: the node refuses
        /// messages over an hour old or five minutes ahead). Without a session, a
        /// self-issued `user` session stamped `timestamp_ms` is used.
        ///
        /// ```no_run
        /// # async fn demo(os: flux_client::fluxos::FluxOs, spec: &str) -> Result<(), flux_client::Error> {
        /// let key = "KyL927pfsyZnJhFq5gQGy5eWq9tRYuAppRGiLjvBJGMvMwCqWYmv".parse().unwrap();
        /// let r = os.register(spec, &key, 1_750_000_000_000).await?;
        /// println!("pay {} FLUX to {} with memo {}", r.price, r.payment_address, r.hash);
        /// # Ok(()) }
        /// ```
        pub async fn register(
            &self,
            spec: &str,
            key: &PrivateKey,
            timestamp_ms: u64,
        ) -> Result<Registration, Error> {
            self.submit(AppMessageType::Register, spec, key, timestamp_ms)
                .await
        }

        /// Updates an app: as [`FluxOs::register`] through the update routes; `key` must be
        /// the app's **current** owner (who signs updates, even ownership transfers).
        ///
        /// ```no_run
        /// # async fn demo(os: flux_client::fluxos::FluxOs, spec: &str) -> Result<(), flux_client::Error> {
        /// let key = "KyL927pfsyZnJhFq5gQGy5eWq9tRYuAppRGiLjvBJGMvMwCqWYmv".parse().unwrap();
        /// let r = os.update(spec, &key, 1_750_000_000_000).await?;
        /// # Ok(()) }
        /// ```
        pub async fn update(
            &self,
            spec: &str,
            key: &PrivateKey,
            timestamp_ms: u64,
        ) -> Result<Registration, Error> {
            self.submit(AppMessageType::Update, spec, key, timestamp_ms)
                .await
        }

        async fn submit(
            &self,
            kind: AppMessageType,
            spec: &str,
            key: &PrivateKey,
            timestamp_ms: u64,
        ) -> Result<Registration, Error> {
            let (verify_route, submit_route) = routes(kind);
            let formatted = self.post(verify_route, spec).await?;
            let msg = message(kind, formatted.get(), timestamp_ms)?;
            let signed_spec = msg
                .spec_json()
                .map_err(|e| Error::decode(verify_route, e))?;
            if matches!(
                kind,
                AppMessageType::Register | AppMessageType::LegacyRegister
            ) {
                // A registration is signed by the spec's owner: refuse to sign with a key
                // the node would reject, before anything is broadcast.
                let zelid = flux_zelid::Address::zelid(&key.public_key()).to_string();
                let owner = serde_json::from_str::<serde_json::Value>(&signed_spec)
                    .ok()
                    .and_then(|v| v.get("owner").and_then(|o| o.as_str().map(str::to_owned)));
                if owner.as_deref() != Some(zelid.as_str()) {
                    return Err(Error::input(
                        "app owner",
                        format!(
                            "the spec's owner {} is not the key's ZelID {zelid}",
                            owner.as_deref().unwrap_or("(none)")
                        ),
                    ));
                }
            }
            let signature = msg.sign(key).map_err(|e| Error::input("app message", e))?;
            let local_hash = msg
                .hash(&signature)
                .map_err(|e| Error::input("app message", e))?;
            let quote = self.calculate_price(spec).await?;
            let deployment = self.deployment_information().await?;
            let os = match self.session() {
                Some(_) => self.clone(),
                None => self.with_session(Session::self_issued(key, timestamp_ms, Scope::User)),
            };
            let body = msg
                .post_body(&signature)
                .map_err(|e| Error::input("app message", e))?;
            let data = os
                .post_with(submit_route, &body, os.timeout().max(REGISTER_TIMEOUT))
                .await?;
            let hash: String = decode(submit_route, &data)?;
            if !hash.eq_ignore_ascii_case(&local_hash) {
                return Err(Error::decode(
                    submit_route,
                    format!("the node's hash {hash} is not the message's hash {local_hash}"),
                ));
            }
            Ok(Registration {
                hash: local_hash,
                timestamp: timestamp_ms,
                signature,
                payment_address: deployment.address,
                price: quote.flux.get().to_owned(),
                pay_before: timestamp_ms.saturating_add(PAYMENT_WINDOW_MS),
                spec: signed_spec,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_by_type() {
        assert_eq!(routes(AppMessageType::Register).1, "/apps/appregister");
        assert_eq!(routes(AppMessageType::Update).1, "/apps/appupdate");
        assert!(message(AppMessageType::Register, "[1]", 1).is_ok());
        assert!(message(AppMessageType::Register, "{", 1).is_err());
    }
}
