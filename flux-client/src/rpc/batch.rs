//! Batches: many calls in one HTTP request, typed results by index; single calls when the
//! server does not take batches (fluxd-rust, some proxies).

use serde_json::value::RawValue;

use super::method::Method;
use crate::Error;

/// Calls collected for one batch request.
///
/// ```
/// use flux_client::rpc::{batch::Batch, method::Call};
/// let mut batch = Batch::new();
/// let count = batch.add(Call::with_params("getblockcount", &[(); 0]).unwrap()).unwrap();
/// assert_eq!(count.index(), 0);
/// assert_eq!(batch.len(), 1);
/// ```
#[derive(Debug)]
pub struct Batch {
    pub(crate) calls: Vec<(String, Box<RawValue>)>,
    pub(crate) idempotent: bool,
}

impl Default for Batch {
    fn default() -> Self {
        Batch::new()
    }
}

/// Where a call's result is in [`BatchResults`], and how to decode it.
#[derive(Debug, Clone)]
pub struct Handle<M> {
    index: usize,
    method: M,
}

impl<M> Handle<M> {
    /// The call's position in the batch.
    ///
    /// ```
    /// let mut b = flux_client::rpc::batch::Batch::new();
    /// let h = b.add(flux_client::rpc::method::Call::with_params("getinfo", &[(); 0]).unwrap()).unwrap();
    /// assert_eq!(h.index(), 0);
    /// ```
    pub fn index(&self) -> usize {
        self.index
    }
}

impl Batch {
    /// An empty batch.
    ///
    /// ```
    /// assert!(flux_client::rpc::batch::Batch::new().is_empty());
    /// ```
    pub fn new() -> Batch {
        Batch {
            calls: Vec::new(),
            idempotent: true,
        }
    }

    /// Adds a call; the handle reads its typed result from the [`BatchResults`].
    ///
    /// ```
    /// let mut b = flux_client::rpc::batch::Batch::new();
    /// b.add(flux_client::rpc::method::Call::with_params("getblockhash", &[1]).unwrap()).unwrap();
    /// ```
    pub fn add<M: Method>(&mut self, method: M) -> Result<Handle<M>, Error> {
        let params = method.params()?;
        self.idempotent &= method.idempotent();
        self.calls.push((method.name().to_owned(), params));
        Ok(Handle {
            index: self.calls.len() - 1,
            method,
        })
    }

    /// How many calls.
    ///
    /// ```
    /// assert_eq!(flux_client::rpc::batch::Batch::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.calls.len()
    }

    /// True when no call was added.
    ///
    /// ```
    /// assert!(flux_client::rpc::batch::Batch::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.calls.is_empty()
    }

    /// The method names, in order.
    ///
    /// ```
    /// let mut b = flux_client::rpc::batch::Batch::new();
    /// b.add(flux_client::rpc::method::Call::with_params("getinfo", &[(); 0]).unwrap()).unwrap();
    /// assert_eq!(b.methods(), ["getinfo"]);
    /// ```
    pub fn methods(&self) -> Vec<&str> {
        self.calls.iter().map(|(m, _)| m.as_str()).collect()
    }

    /// The request body (ids `0..len`).
    ///
    /// ```
    /// let b = flux_client::rpc::batch::Batch::new();
    /// assert_eq!(b.body(), "[]");
    /// ```
    pub fn body(&self) -> String {
        let calls: Vec<(&str, &RawValue)> =
            self.calls.iter().map(|(m, p)| (m.as_str(), &**p)).collect();
        super::request::batch_body(&calls)
    }
}

/// The answers to a batch, one per call in order: the raw result or that call's error.
///
/// ```
/// use flux_client::rpc::batch::{Batch, BatchResults};
/// use flux_client::rpc::method::Call;
/// let mut b = Batch::new();
/// let h = b.add(Call::with_params("getblockcount", &[(); 0]).unwrap()).unwrap();
/// let raw = serde_json::value::RawValue::from_string("5".into()).unwrap();
/// let results = BatchResults::new(vec![Ok(raw)]);
/// assert_eq!(results.get(&h).unwrap().get(), "5");
/// ```
#[derive(Debug, Clone)]
pub struct BatchResults {
    items: Vec<Result<Box<RawValue>, Error>>,
}

impl BatchResults {
    /// Wraps answers in call order.
    ///
    /// ```
    /// let r = flux_client::rpc::batch::BatchResults::new(vec![]);
    /// assert!(r.is_empty());
    /// ```
    pub fn new(items: Vec<Result<Box<RawValue>, Error>>) -> BatchResults {
        BatchResults { items }
    }

    /// The typed result of the call behind `handle`.
    ///
    /// ```
    /// # use flux_client::rpc::{batch::*, method::Call};
    /// let mut b = Batch::new();
    /// let h = b.add(Call::with_params("x", &[(); 0]).unwrap()).unwrap();
    /// assert!(BatchResults::new(vec![]).get(&h).is_err());
    /// ```
    pub fn get<M: Method>(&self, handle: &Handle<M>) -> Result<M::Output, Error> {
        match self.items.get(handle.index) {
            Some(Ok(raw)) => handle.method.decode(raw),
            Some(Err(e)) => handle.method.recover(e.clone()),
            None => Err(Error::decode(
                handle.method.name(),
                "no such call in the batch results",
            )),
        }
    }

    /// The raw answer at `index`.
    ///
    /// ```
    /// assert!(flux_client::rpc::batch::BatchResults::new(vec![]).raw(0).is_none());
    /// ```
    pub fn raw(&self, index: usize) -> Option<&Result<Box<RawValue>, Error>> {
        self.items.get(index)
    }

    /// How many answers.
    ///
    /// ```
    /// assert_eq!(flux_client::rpc::batch::BatchResults::new(vec![]).len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when there are none.
    ///
    /// ```
    /// assert!(flux_client::rpc::batch::BatchResults::new(vec![]).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Each answer as `flux rpc batch` prints it, in call order: `{"result": R}` with the
    /// result exactly as the node sent it, or `{"error": {"code": C, "message": S}}`.
    ///
    /// ```
    /// use flux_client::rpc::batch::BatchResults;
    /// let ok = serde_json::value::RawValue::from_string("1.10000000".into()).unwrap();
    /// let failed = flux_client::Error::InvalidInput { what: "x".into(), message: "bad".into() };
    /// let views = BatchResults::new(vec![Ok(ok), Err(failed)]).into_entries();
    /// let text = serde_json::to_string(&views).unwrap();
    /// assert!(text.starts_with(r#"[{"result":1.10000000},{"error":{"code":null,"message":"#));
    /// ```
    pub fn into_entries(self) -> Vec<BatchEntry> {
        self.items
            .into_iter()
            .map(|item| match item {
                Ok(raw) => BatchEntry::Result(raw),
                Err(e) => BatchEntry::Error {
                    code: e.code(),
                    message: e.to_string(),
                },
            })
            .collect()
    }

    /// The raw answers in call order.
    ///
    /// ```
    /// assert!(flux_client::rpc::batch::BatchResults::new(vec![]).into_raw().is_empty());
    /// ```
    pub fn into_raw(self) -> Vec<Result<Box<RawValue>, Error>> {
        self.items
    }
}

#[cfg(feature = "http")]
impl super::Client {
    /// Sends a batch as one HTTP request (a JSON array); when the server does not take
    /// batches, sends the calls one by one instead. Each call's answer is in its own slot,
    /// so one failing call does not fail the others.
    ///
    /// ```no_run
    /// # async fn demo(client: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// use flux_client::rpc::{batch::Batch, method::Call};
    /// let mut batch = Batch::new();
    /// let handles: Vec<_> = (0..10u32)
    ///     .map(|h| batch.add(Call::with_params("getblockhash", &[h]).unwrap()).unwrap())
    ///     .collect();
    /// let results = client.batch(&batch).await?;
    /// for h in &handles { println!("{}", results.get(h)?.get()); }
    /// # Ok(()) }
    /// ```
    pub async fn batch(&self, batch: &Batch) -> Result<BatchResults, Error> {
        if batch.is_empty() {
            return Ok(BatchResults::new(Vec::new()));
        }
        let mut items = self.batch_once(batch).await?;
        // fluxd answers a batch during warm-up with HTTP 200 and RPC -28 in each entry: no
        // entry was executed, so the warming entries (and only they: an entry that did run
        // is never sent twice) are asked again under the client's retry policy.
        let policy = self.retry_policy();
        let mut attempt = 0u32;
        loop {
            let warming: Vec<usize> = items
                .iter()
                .enumerate()
                .filter(
                    |(_, r)| matches!(r, Err(e) if e.rpc_code() == Some(super::codes::IN_WARMUP)),
                )
                .map(|(i, _)| i)
                .collect();
            if warming.is_empty() || attempt >= policy.max_retries {
                return Ok(BatchResults::new(items));
            }
            super::transport::sleep(policy.backoff(attempt)).await;
            attempt += 1;
            let again = Batch {
                calls: warming
                    .iter()
                    .filter_map(|&i| batch.calls.get(i).cloned())
                    .collect(),
                idempotent: batch.idempotent,
            };
            let answers = self.batch_once(&again).await?;
            for (i, answer) in warming.into_iter().zip(answers) {
                if let Some(slot) = items.get_mut(i) {
                    *slot = answer;
                }
            }
        }
    }

    /// One batch request (or the single calls when the server refuses batches), without
    /// the per-entry warm-up retry.
    async fn batch_once(&self, batch: &Batch) -> Result<Vec<Result<Box<RawValue>, Error>>, Error> {
        use super::response::{parse_batch_response, BatchAnswer};
        let methods = batch.methods();
        let body = batch.body();
        let answer = self
            .exchange(
                "batch",
                &body,
                batch.idempotent,
                |reply| match parse_batch_response(&methods, reply.status, &reply.body) {
                    BatchAnswer::Failed(e) => Err(e),
                    other => Ok(other),
                },
            )
            .await?;
        match answer {
            BatchAnswer::Answers(items) => Ok(items),
            BatchAnswer::Failed(e) => Err(e),
            BatchAnswer::Refused(_) => {
                let mut items = Vec::with_capacity(batch.len());
                for (method, params) in &batch.calls {
                    items.push(self.call(method, params.clone()).await);
                }
                Ok(items)
            }
        }
    }
}

/// One answer of a batch as `flux rpc batch` prints it (see [`BatchResults::into_entries`]).
///
/// ```
/// let e = flux_client::rpc::batch::BatchEntry::Error { code: Some(-5), message: "no".into() };
/// assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"error":{"code":-5,"message":"no"}}"#);
/// ```
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BatchEntry {
    /// The result exactly as the node sent it (number tokens untouched).
    Result(Box<RawValue>),
    /// The call failed: fluxd's RPC code (or the HTTP status; null for other failures) and
    /// the error's text.
    Error {
        /// fluxd's RPC error code, the HTTP status, or none.
        code: Option<i64>,
        /// What went wrong.
        message: String,
    },
}
