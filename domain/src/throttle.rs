//! How long a sign-in key (an account, or the address it comes from) must
//! wait after failed sign-ins: the rule, without storage or clock.
//!
//! OWASP ASVS 2.2.1 and NCSC ask for throttling that slows guessing without
//! letting anyone lock a colleague out for long: the first failures are
//! free (typos), then each further failure doubles the wait, up to a cap.
//! A quiet day forgets the count. An address gets more free failures than
//! an account, because a whole town hall may sign in from one address.

/// The allowance of one kind of key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowance {
    /// Failures in a row that cost nothing.
    pub free: u32,
    /// The first wait after them, in seconds; it doubles with every failure.
    pub first_wait_seconds: i64,
    /// The longest wait, in seconds.
    pub max_wait_seconds: i64,
    /// Failures older than this (seconds) are forgotten.
    pub forget_after_seconds: i64,
}

/// Per account (the typed e-mail address, whether or not it exists, so the
/// answer tells nothing about who has an account).
pub const ACCOUNT: Allowance = Allowance {
    free: 5,
    first_wait_seconds: 15,
    max_wait_seconds: 15 * 60,
    forget_after_seconds: 24 * 3600,
};

/// Per address the request came from.
pub const ADDRESS: Allowance = Allowance {
    free: 50,
    first_wait_seconds: 15,
    max_wait_seconds: 15 * 60,
    forget_after_seconds: 24 * 3600,
};

impl Allowance {
    /// The failure count after one more failure, given the count so far and
    /// how long ago the last failure was.
    pub fn count_after_failure(&self, failures: u32, seconds_since_last: i64) -> u32 {
        if seconds_since_last > self.forget_after_seconds {
            1
        } else {
            failures.saturating_add(1)
        }
    }

    /// Seconds to wait after `failures` failures in a row (0: none).
    pub fn wait_after(&self, failures: u32) -> i64 {
        if failures < self.free {
            return 0;
        }
        let doublings = (failures - self.free).min(30);
        self.first_wait_seconds
            .saturating_mul(1i64 << doublings)
            .min(self.max_wait_seconds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_failures_then_doubling_waits_up_to_the_cap() {
        let waits: Vec<i64> = (0..14).map(|n| ACCOUNT.wait_after(n)).collect();
        assert_eq!(waits[..5], [0, 0, 0, 0, 0]);
        assert_eq!(waits[5..10], [15, 30, 60, 120, 240]);
        assert_eq!(waits[12], 900);
        assert_eq!(ACCOUNT.wait_after(u32::MAX), 900);
        assert_eq!(ADDRESS.wait_after(49), 0);
        assert_eq!(ADDRESS.wait_after(50), 15);
    }

    #[test]
    fn a_quiet_day_forgets_the_count() {
        assert_eq!(ACCOUNT.count_after_failure(7, 60), 8);
        assert_eq!(ACCOUNT.count_after_failure(7, 24 * 3600 + 1), 1);
    }
}
