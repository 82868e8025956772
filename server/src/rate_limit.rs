//! How fast one address may send messages: a token bucket per address, kept in memory.
//!
//! Each server copy counts on its own, so behind a load balancer of N copies an address can
//! send up to N times the limit; that is still enough to stop one phone flooding the inbox.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::config::RateLimit;

/// Above this many addresses, buckets that have filled up again are forgotten.
const FORGET_ABOVE: usize = 10_000;

/// Buckets of tokens by address: one token per request, refilled at a steady rate.
#[derive(Debug)]
pub struct RateLimiter {
    limit: RateLimit,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

impl RateLimiter {
    /// A limiter allowing `limit`; a zero `per_minute` or `burst` turns limiting off.
    pub fn new(limit: RateLimit) -> RateLimiter {
        RateLimiter {
            limit,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a token for a request from `ip`, or says how long until one is free.
    pub fn check(&self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        if self.limit.per_minute == 0 || self.limit.burst == 0 {
            return Ok(());
        }
        let burst = f64::from(self.limit.burst);
        let per_second = f64::from(self.limit.per_minute) / 60.0;
        let refill = |bucket: &Bucket| {
            let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
            (bucket.tokens + elapsed * per_second).min(burst)
        };
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() > FORGET_ABOVE {
            buckets.retain(|_, bucket| refill(bucket) < burst);
        }
        let bucket = buckets.entry(sender(ip)).or_insert(Bucket {
            tokens: burst,
            updated: now,
        });
        bucket.tokens = refill(bucket);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / per_second))
        }
    }
}

/// Who is sending: an IPv4 address, or the /64 network of an IPv6 one, since one phone or
/// home is given a whole /64 and can pick any address in it.
fn sender(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let network = u128::from(v6) & !((1u128 << 64) - 1);
                IpAddr::V6(network.into())
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter(per_minute: u32, burst: u32) -> RateLimiter {
        RateLimiter::new(RateLimit { per_minute, burst })
    }

    #[test]
    fn a_burst_is_allowed_then_the_next_waits_for_a_token() {
        let limiter = limiter(30, 3);
        let ip = "192.0.2.1".parse().unwrap();
        let now = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.check(ip, now), Ok(()));
        }
        let wait = limiter.check(ip, now).unwrap_err();
        assert!(wait <= Duration::from_secs(2) && wait > Duration::from_millis(1900));
        assert_eq!(limiter.check(ip, now + Duration::from_secs(2)), Ok(()));
    }

    #[test]
    fn one_busy_address_does_not_hold_up_another() {
        let limiter = limiter(1, 1);
        let now = Instant::now();
        assert!(limiter.check("192.0.2.1".parse().unwrap(), now).is_ok());
        assert!(limiter.check("192.0.2.1".parse().unwrap(), now).is_err());
        assert!(limiter.check("192.0.2.2".parse().unwrap(), now).is_ok());
    }

    #[test]
    fn addresses_in_one_ipv6_network_share_a_bucket() {
        let limiter = limiter(1, 1);
        let now = Instant::now();
        assert!(limiter.check("2001:db8::1".parse().unwrap(), now).is_ok());
        assert!(limiter.check("2001:db8::2".parse().unwrap(), now).is_err());
        assert!(limiter
            .check("2001:db8:0:1::1".parse().unwrap(), now)
            .is_ok());
    }

    #[test]
    fn a_zero_limit_turns_limiting_off() {
        let limiter = limiter(0, 0);
        let ip = "192.0.2.1".parse().unwrap();
        for _ in 0..100 {
            assert!(limiter.check(ip, Instant::now()).is_ok());
        }
    }
}
