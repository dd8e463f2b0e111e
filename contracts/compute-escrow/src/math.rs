//! Pure integer math of leases and fees (no storage).
//!
//! - `reservation = ceil(price * duration / 3600)`: taken in, rounds up.
//! - `accrued(t) = floor(price * (min(t, end) - start) / 3600)`: always from
//!   the start, never summed step by step, so there is no drift.
//! - earnings claimable at `t` are `accrued(t - settlement_delay)`.
//! - the protocol fee is `ceil(gross * bps / 10000)` of the CUMULATIVE gross
//!   a lease has paid out; a claim pays `fee(total) - fee(claimed before)`,
//!   so many small claims give exactly what one large claim gives. Rounding
//!   up means a fee never rounds to free; it is cut once per lease, not once
//!   per claim.

use cosmwasm_std::{OverflowError, OverflowOperation, Uint128, Uint256};
use fairgrid::Bps;

pub const SECONDS_PER_HOUR: u64 = 3_600;

fn narrow(v: Uint256) -> Result<Uint128, OverflowError> {
    Uint128::try_from(v).map_err(|_| OverflowError::new(OverflowOperation::Mul))
}

/// `ceil(price * duration / 3600)`; an error if it does not fit a Uint128.
pub fn reservation(price_per_hour: Uint128, duration: u64) -> Result<Uint128, OverflowError> {
    let product = price_per_hour.full_mul(duration);
    let hour = Uint256::from(SECONDS_PER_HOUR);
    let mut q = product / hour;
    if !(product % hour).is_zero() {
        q += Uint256::one();
    }
    narrow(q)
}

/// `floor(price * elapsed / 3600)` for `elapsed = min(t, end) - start`
/// (zero before the start).
pub fn accrued(
    price_per_hour: Uint128,
    start: u64,
    end: u64,
    t: u64,
) -> Result<Uint128, OverflowError> {
    let elapsed = t.min(end).saturating_sub(start);
    narrow(price_per_hour.full_mul(elapsed) / Uint256::from(SECONDS_PER_HOUR))
}

/// Gross earnings claimable in total at `t`: what had accrued
/// `settlement_delay` seconds earlier.
pub fn claimable_total(
    price_per_hour: Uint128,
    start: u64,
    end: u64,
    settlement_delay: u64,
    t: u64,
) -> Result<Uint128, OverflowError> {
    accrued(
        price_per_hour,
        start,
        end,
        t.saturating_sub(settlement_delay),
    )
}

/// The protocol fee on a cumulative gross amount (rounded up).
pub fn fee(gross: Uint128, fee_bps: Bps) -> Uint128 {
    fee_bps.mul_ceil(gross)
}

/// One claim moving a lease's paid-out gross from `claimed` to `total`:
/// `(gross, fee, net)` with `gross = fee + net`.
pub fn split_claim(
    total: Uint128,
    claimed: Uint128,
    fee_bps: Bps,
) -> Result<(Uint128, Uint128, Uint128), OverflowError> {
    let gross = total.checked_sub(claimed)?;
    let fee = fee(total, fee_bps).checked_sub(fee(claimed, fee_bps))?;
    let net = gross.checked_sub(fee)?;
    Ok((gross, fee, net))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(v: u128) -> Uint128 {
        Uint128::new(v)
    }

    fn bps(v: u16) -> Bps {
        Bps::new(v).unwrap()
    }

    #[test]
    fn reservation_of_price_one_per_hour_rounds_up() {
        assert_eq!(reservation(u(1), 1).unwrap(), u(1));
        assert_eq!(reservation(u(1), 3_599).unwrap(), u(1));
        assert_eq!(reservation(u(1), 3_600).unwrap(), u(1));
        assert_eq!(reservation(u(1), 3_601).unwrap(), u(2));
        assert_eq!(reservation(u(1), 0).unwrap(), u(0));
        assert_eq!(reservation(u(3_600), 7).unwrap(), u(7));
    }

    #[test]
    fn accrued_of_price_one_per_hour_rounds_down() {
        assert_eq!(accrued(u(1), 100, 100 + 7_200, 101).unwrap(), u(0));
        assert_eq!(accrued(u(1), 100, 100 + 7_200, 100 + 3_599).unwrap(), u(0));
        assert_eq!(accrued(u(1), 100, 100 + 7_200, 100 + 3_600).unwrap(), u(1));
        assert_eq!(accrued(u(1), 100, 100 + 7_200, 100 + 7_199).unwrap(), u(1));
        assert_eq!(accrued(u(1), 100, 100 + 7_200, 100 + 7_200).unwrap(), u(2));
    }

    #[test]
    fn accrued_is_zero_before_start_and_capped_at_end() {
        assert_eq!(accrued(u(3_600), 100, 200, 50).unwrap(), u(0));
        assert_eq!(accrued(u(3_600), 100, 200, 100).unwrap(), u(0));
        assert_eq!(accrued(u(3_600), 100, 200, 150).unwrap(), u(50));
        assert_eq!(accrued(u(3_600), 100, 200, 200).unwrap(), u(100));
        assert_eq!(accrued(u(3_600), 100, 200, 10_000).unwrap(), u(100));
    }

    #[test]
    fn accrued_never_exceeds_reservation_and_differs_by_under_one() {
        for price in [1u128, 7, 3_599, 3_600, 3_601, 1_000_003] {
            for dur in [1u64, 59, 3_599, 3_600, 3_601, 86_399] {
                let r = reservation(u(price), dur).unwrap();
                let a = accrued(u(price), 0, dur, dur).unwrap();
                assert!(a <= r);
                assert!(r - a <= u(1), "price {price} dur {dur}");
            }
        }
    }

    #[test]
    fn huge_price_is_exact_and_overflow_is_an_error() {
        // price * duration overflows u128, the quotient fits: still exact.
        let big = Uint128::MAX;
        assert_eq!(reservation(big, 3_600).unwrap(), big);
        assert_eq!(accrued(big, 0, 3_600, 3_600).unwrap(), big);
        assert_eq!(accrued(big, 0, 3_600, 1_800).unwrap(), u(u128::MAX / 2));
        // the quotient does not fit: a checked error, never a wrap.
        assert!(reservation(big, 3_601).is_err());
        assert!(reservation(big, u64::MAX).is_err());
        // just below the limit
        assert_eq!(
            reservation(u(u128::MAX / 2), 7_200).unwrap(),
            u(u128::MAX / 2 * 2)
        );
    }

    #[test]
    fn claimable_lags_accrual_by_the_settlement_delay() {
        // 3600/h = 1 per second, start 1000, end 2000, delay 100
        let c = |t| claimable_total(u(3_600), 1_000, 2_000, 100, t).unwrap();
        assert_eq!(c(1_000), u(0));
        assert_eq!(c(1_099), u(0));
        assert_eq!(c(1_100), u(0));
        assert_eq!(c(1_101), u(1));
        assert_eq!(c(2_099), u(999));
        assert_eq!(c(2_100), u(1_000));
        assert_eq!(c(2_101), u(1_000));
        assert_eq!(c(0), u(0));
    }

    #[test]
    fn fee_rounds_up_and_never_to_free() {
        assert_eq!(fee(u(1), bps(1)), u(1));
        assert_eq!(fee(u(1), bps(250)), u(1));
        assert_eq!(fee(u(0), bps(1_000)), u(0));
        assert_eq!(fee(u(1), Bps::ZERO), u(0));
        assert_eq!(fee(u(400), bps(250)), u(10));
        assert_eq!(fee(u(401), bps(250)), u(11));
        assert_eq!(fee(Uint128::MAX, bps(1_000)), u(u128::MAX / 10 + 1));
    }

    #[test]
    fn split_claim_adds_up() {
        let (g, f, n) = split_claim(u(401), u(0), bps(250)).unwrap();
        assert_eq!((g, f, n), (u(401), u(11), u(390)));
        let (g, f, n) = split_claim(u(401), u(400), bps(250)).unwrap();
        assert_eq!((g, f, n), (u(1), u(1), u(0)));
        assert!(split_claim(u(1), u(2), bps(250)).is_err());
    }

    #[test]
    fn many_small_claims_pay_exactly_one_large_claim() {
        for fee_bps in [0u16, 1, 250, 999, 1_000] {
            for step in [1u128, 3, 7, 40, 399] {
                let total = 10_007u128;
                let (mut fees, mut nets, mut claimed) = (u(0), u(0), u(0));
                let mut at = 0u128;
                while at < total {
                    at = (at + step).min(total);
                    let (g, f, n) = split_claim(u(at), claimed, bps(fee_bps)).unwrap();
                    assert_eq!(g, f + n);
                    claimed += g;
                    fees += f;
                    nets += n;
                }
                let (_, f1, n1) = split_claim(u(total), u(0), bps(fee_bps)).unwrap();
                assert_eq!((fees, nets), (f1, n1), "bps {fee_bps} step {step}");
            }
        }
    }
}
