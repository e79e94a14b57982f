//! When and how long to wait before asking again.

use std::time::Duration;

/// Retries with exponential backoff, only for failures where the node did not process the
/// request ([`crate::Error::is_retryable`]).
///
/// ```
/// use flux_client::rpc::RetryPolicy;
/// use std::time::Duration;
/// let p = RetryPolicy::default();
/// assert_eq!(p.backoff(0), Duration::from_millis(250));
/// assert_eq!(p.backoff(1), Duration::from_millis(500));
/// assert_eq!(p.backoff(30), p.max_backoff);
/// assert_eq!(RetryPolicy::none().max_retries, 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How many times a call is sent again after a retryable failure (default 3).
    pub max_retries: u32,
    /// The wait before the first retry (default 250 ms); it doubles each time.
    pub initial_backoff: Duration,
    /// The longest wait between two tries (default 4 s).
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            initial_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(4),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    ///
    /// ```
    /// assert_eq!(flux_client::rpc::RetryPolicy::none().max_retries, 0);
    /// ```
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// The wait before retry number `attempt` (0-based).
    ///
    /// ```
    /// let p = flux_client::rpc::RetryPolicy::default();
    /// assert!(p.backoff(2) > p.backoff(1));
    /// ```
    pub fn backoff(&self, attempt: u32) -> Duration {
        let factor = 1u32.checked_shl(attempt.min(31)).unwrap_or(u32::MAX);
        self.initial_backoff
            .checked_mul(factor)
            .unwrap_or(self.max_backoff)
            .min(self.max_backoff)
    }
}
