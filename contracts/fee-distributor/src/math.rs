//! Pure integer math of the distributor: the fee split with carries and the
//! pool index. No storage, unit-tested at the extremes.
//!
//! Scale: a pool index is `reward per unit of curved weight × SCALE`, with
//! `SCALE = 10^36`, kept in `Uint256` (max ≈ 1.16 × 10^77). Every cumulative
//! total the contract keeps per asset is a checked `Uint128`, so at most
//! `u128::MAX ≈ 3.4 × 10^38` units are ever distributed per asset. Hence:
//! - one deposit's numerator `amount × SCALE + remainder` ≤ 3.4 × 10^74 + 3.4 × 10^38;
//! - the index only grows by `numerator / W` with `W ≥ 1`, so it stays
//!   ≤ cumulative amount × SCALE ≤ 3.4 × 10^74;
//! - a member's scaled credit `w × (index - snapshot)` is at most its pool's
//!   cumulative amount × SCALE (its weight `w` is part of the total `W` of
//!   every deposit since the snapshot), so ≤ 3.4 × 10^74.
//!
//! That leaves a factor of 300 of headroom in `Uint256` even at the `Uint128`
//! ceiling; 18-decimal assets with supplies up to 10^30 (10^48 scaled) are far
//! below it. All operations are still checked. The large scale keeps a pool's
//! carried remainder (`< W / SCALE` units) below one unit for any total weight
//! up to 10^36.

use cosmwasm_std::{OverflowError, OverflowOperation, Uint128, Uint256};

/// Fixed point scale of a pool index.
pub const SCALE: Uint256 = Uint256::from_u128(1_000_000_000_000_000_000_000_000_000_000_000_000);

const BPS: u128 = 10_000;

fn overflow(op: OverflowOperation) -> OverflowError {
    OverflowError::new(op)
}

/// Splits `amount` among recipients with basis-point `weights` (summing to
/// 10,000) so that the parts sum to `amount` exactly.
///
/// Every recipient but `rest` gets `floor((amount × bps + carry) / 10,000)`
/// (capped by what is left of this deposit) and keeps the remainder as its
/// carry in 1/10,000 of a unit; `rest` takes what is left. So each non-rest
/// recipient's cumulative part is its exact cumulative share minus its carry
/// (never above the exact share), the rest recipient is ahead by the sum of
/// the carries, and nothing is created or lost. The carries stay below
/// `(n - 1) × 10,000` in total (proof: uncapped, each ends below 10,000;
/// capped, their sum falls by `amount × bps_rest`), so they fit a `u32`.
pub fn split(amount: Uint128, weights: &[u16], carries: &mut [u32], rest: usize) -> Vec<Uint128> {
    debug_assert_eq!(weights.len(), carries.len());
    let mut parts = vec![Uint128::zero(); weights.len()];
    let mut left = amount.u128();
    for (i, (w, c)) in weights.iter().zip(carries.iter_mut()).enumerate() {
        if i == rest {
            continue;
        }
        // amount × 10,000 + carry < 2^128 × 2^14 + 2^32: use 256 bits
        let x = amount.full_mul(*w) + Uint256::from(*c);
        let whole = x / Uint256::from(BPS);
        let part = if whole > Uint256::from(left) {
            left
        } else {
            Uint128::try_from(whole).expect("below left").u128()
        };
        let carry = x - Uint256::from(part) * Uint256::from(BPS);
        *c = u32::try_from(Uint128::try_from(carry).expect("carry is small").u128())
            .expect("carries stay below (n-1) x 10,000");
        parts[i] = Uint128::new(part);
        left -= part;
    }
    if let Some(p) = parts.get_mut(rest) {
        *p = Uint128::new(left);
        carries[rest] = 0;
    }
    parts
}

/// Moves a pool index by `amount` over `total_weight` (> 0): returns the new
/// index and the new division remainder (`< total_weight`), which the next
/// deposit carries in. `amount × SCALE + remainder = Δindex × W + new_remainder`.
pub fn accrue_index(
    index: Uint256,
    remainder: Uint256,
    amount: Uint128,
    total_weight: Uint128,
) -> Result<(Uint256, Uint256), OverflowError> {
    let w = Uint256::from(total_weight);
    let num = Uint256::from(amount)
        .checked_mul(SCALE)?
        .checked_add(remainder)?;
    let step = num
        .checked_div(w)
        .map_err(|_| overflow(OverflowOperation::Mul))?;
    Ok((index.checked_add(step)?, num - step * w))
}

/// A member's scaled owed amount after settling `weight` from `snapshot` to `index`.
pub fn settle(
    owed_scaled: Uint256,
    snapshot: Uint256,
    index: Uint256,
    weight: Uint128,
) -> Result<Uint256, OverflowError> {
    let delta = index.checked_sub(snapshot)?;
    owed_scaled.checked_add(delta.checked_mul(Uint256::from(weight))?)
}

/// Splits a scaled owed amount into whole units (paid) and the sub-unit rest (still owed).
pub fn whole_units(owed_scaled: Uint256) -> (Uint128, Uint256) {
    let units = owed_scaled / SCALE;
    let rest = owed_scaled - units * SCALE;
    // units ≤ cumulative Uint128 amount (module doc)
    (
        Uint128::try_from(units).expect("owed units fit a Uint128"),
        rest,
    )
}

/// A pool's index remainder in whole units (carried) — its sub-unit part is
/// counted as owed, so holdings cover it.
pub fn carried_units(remainder: Uint256) -> Uint128 {
    whole_units(remainder).0
}

/// Index into `weights` of the recipient taking the rounding rest: the largest
/// weight, first among equals.
pub fn rest_index(weights: &[u16]) -> usize {
    let mut best = 0;
    for (i, w) in weights.iter().enumerate() {
        if *w > weights[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use fairgrid::curve::Curve;
    use proptest::prelude::*;

    fn u(v: u128) -> Uint128 {
        Uint128::new(v)
    }

    #[test]
    fn split_of_one_unit_goes_to_the_rest_and_carries_the_others() {
        let w = [2_500u16, 5_000, 2_500];
        let mut c = [0u32; 3];
        let rest = rest_index(&w);
        assert_eq!(rest, 1);
        assert_eq!(split(u(1), &w, &mut c, rest), vec![u(0), u(1), u(0)]);
        assert_eq!(c, [2_500, 0, 2_500]);
        assert_eq!(split(u(1), &w, &mut c, rest), vec![u(0), u(1), u(0)]);
        assert_eq!(split(u(1), &w, &mut c, rest), vec![u(0), u(1), u(0)]);
        assert_eq!(c, [7_500, 0, 7_500]);
        // fourth unit: both quarters are owed one, only one unit exists; the
        // first is paid, the second is capped and carries a whole unit
        assert_eq!(split(u(1), &w, &mut c, rest), vec![u(1), u(0), u(0)]);
        assert_eq!(c, [0, 0, 10_000]);
        // the next unit pays it: cumulative 1, 3, 1 of 5 (exact 1.25, 2.5, 1.25)
        assert_eq!(split(u(1), &w, &mut c, rest), vec![u(0), u(0), u(1)]);
        assert_eq!(c, [2_500, 0, 2_500]);
    }

    #[test]
    fn split_parts_always_sum_to_the_deposit() {
        let w = [1u16, 3, 9_990, 6];
        let mut c = [0u32; 4];
        let rest = rest_index(&w);
        let mut got = [0u128; 4];
        for amount in [1u128, 1, 7, 9_999, 10_001, 3, 1, u128::MAX / 4] {
            let parts = split(u(amount), &w, &mut c, rest);
            assert_eq!(parts.iter().map(|p| p.u128()).sum::<u128>(), amount);
            for (g, p) in got.iter_mut().zip(&parts) {
                *g += p.u128();
            }
        }
        let total: u128 = [1u128, 1, 7, 9_999, 10_001, 3, 1, u128::MAX / 4]
            .iter()
            .sum();
        // non-rest recipients: cumulative = floor(exact) exactly (carry < 1 unit here)
        for i in [0, 1, 3] {
            let exact = Uint128::new(total).full_mul(w[i]);
            assert_eq!(
                Uint256::from(got[i]) * Uint256::from(10_000u32) + Uint256::from(c[i]),
                exact
            );
        }
    }

    #[test]
    fn split_of_uint128_max_does_not_overflow() {
        let w = [1u16, 9_999];
        let mut c = [9_999u32, 0];
        let parts = split(Uint128::MAX, &w, &mut c, 1);
        assert_eq!(parts[0] + parts[1], Uint128::MAX);
        let exact = Uint128::MAX.full_mul(1u16) + Uint256::from(9_999u32);
        assert_eq!(
            Uint256::from(parts[0]) * Uint256::from(10_000u32) + Uint256::from(c[0]),
            exact
        );
        let mut whole = [0u32];
        assert_eq!(
            split(Uint128::MAX, &[10_000], &mut whole, 0),
            vec![Uint128::MAX]
        );
    }

    #[test]
    fn split_caps_carried_over_parts_when_the_deposit_is_too_small() {
        // ten recipients with full carries and a deposit of one unit: the
        // carries cannot all be paid, the capped ones keep a larger carry
        let w = [1_000u16; 10];
        let mut c = [9_999u32; 10];
        c[0] = 0; // the rest recipient has none
        let parts = split(u(1), &w, &mut c, 0);
        assert_eq!(parts.iter().map(|p| p.u128()).sum::<u128>(), 1);
        assert_eq!(parts[1], u(1));
        assert_eq!(c[1], 9_999 + 1_000 - 10_000);
        assert_eq!(c[2], 9_999 + 1_000);
    }

    #[test]
    fn index_with_weight_one_and_unit_deposit() {
        let (i, r) = accrue_index(Uint256::zero(), Uint256::zero(), u(1), u(1)).unwrap();
        assert_eq!(i, SCALE);
        assert_eq!(r, Uint256::zero());
        let owed = settle(Uint256::zero(), Uint256::zero(), i, u(1)).unwrap();
        assert_eq!(whole_units(owed), (u(1), Uint256::zero()));
    }

    #[test]
    fn index_with_weight_1e30_carries_the_remainder() {
        let w = u(10u128.pow(30));
        // 1 unit over 10^30 weight: 10^6 per weight unit, no remainder
        let (i, r) = accrue_index(Uint256::zero(), Uint256::zero(), u(1), w).unwrap();
        assert_eq!(i, Uint256::from(1_000_000u32));
        assert_eq!(r, Uint256::zero());
        // 1 unit over 3 × 10^30: the remainder is carried, then completes
        let w3 = u(3 * 10u128.pow(30));
        let (i1, r1) = accrue_index(Uint256::zero(), Uint256::zero(), u(1), w3).unwrap();
        assert_eq!(i1, Uint256::from(333_333u32));
        assert_eq!(r1, Uint256::from(10u128.pow(30)));
        let (i2, r2) = accrue_index(i1, r1, u(2), w3).unwrap();
        assert_eq!(i2, Uint256::from(1_000_000u32));
        assert_eq!(r2, Uint256::zero());
        // a member with all the weight gets exactly 3 units
        let owed = settle(Uint256::zero(), Uint256::zero(), i2, w3).unwrap();
        assert_eq!(whole_units(owed), (u(3), Uint256::zero()));
    }

    #[test]
    fn index_with_uint128_max_deposits_does_not_overflow() {
        let (i, r) = accrue_index(Uint256::zero(), Uint256::zero(), Uint128::MAX, u(1)).unwrap();
        assert_eq!(i, Uint256::from(Uint128::MAX) * SCALE);
        assert_eq!(r, Uint256::zero());
        let owed = settle(Uint256::zero(), Uint256::zero(), i, u(1)).unwrap();
        assert_eq!(whole_units(owed).0, Uint128::MAX);
        // with the largest weight too
        let (i, r) =
            accrue_index(Uint256::zero(), Uint256::zero(), Uint128::MAX, Uint128::MAX).unwrap();
        assert_eq!(i, SCALE);
        assert_eq!(r, Uint256::zero());
        let owed = settle(Uint256::zero(), Uint256::zero(), i, Uint128::MAX).unwrap();
        assert_eq!(whole_units(owed), (Uint128::MAX, Uint256::zero()));
    }

    #[test]
    fn sub_unit_remainder_stays_owed() {
        // 1 unit to 3 members of weight 1: each is owed a third
        let (i, r) = accrue_index(Uint256::zero(), Uint256::zero(), u(1), u(3)).unwrap();
        assert_eq!(r, Uint256::one()); // 10^36 = 3 × 333.. + 1
        let owed = settle(Uint256::zero(), Uint256::zero(), i, u(1)).unwrap();
        let (units, rest) = whole_units(owed);
        assert_eq!(units, u(0));
        assert_eq!(rest, owed);
        // two more units: each member now gets exactly one
        let (i, r) = accrue_index(i, r, u(2), u(3)).unwrap();
        assert_eq!(r, Uint256::zero());
        let owed = settle(Uint256::zero(), Uint256::zero(), i, u(1)).unwrap();
        assert_eq!(whole_units(owed), (u(1), Uint256::zero()));
    }

    #[test]
    fn settle_refuses_a_snapshot_above_the_index() {
        assert!(settle(Uint256::zero(), Uint256::one(), Uint256::zero(), u(1)).is_err());
    }

    #[test]
    fn carried_units_are_the_whole_part_of_the_remainder() {
        assert_eq!(carried_units(SCALE - Uint256::one()), u(0));
        assert_eq!(
            carried_units(SCALE * Uint256::from(3u8) + Uint256::one()),
            u(3)
        );
    }

    #[test]
    fn rest_goes_to_the_largest_weight_first_among_equals() {
        assert_eq!(rest_index(&[10_000]), 0);
        assert_eq!(rest_index(&[3_000, 4_000, 3_000]), 1);
        assert_eq!(rest_index(&[5_000, 5_000]), 0);
    }

    /// Splitting a raw weight r into k pieces: under Linear the curved total
    /// is exactly r (no gain); under SquareRoot it rises above isqrt(r) (a
    /// gain, since √a + √b ≥ √(a+b)) but never above isqrt(k × r) (Cauchy-
    /// Schwarz) nor above r itself, the weight the same stake has under Linear.
    fn split_weights(r: u128, k: usize, cuts: &[u128]) -> Vec<u128> {
        let mut pieces = vec![r / k as u128; k];
        pieces[0] += r % k as u128;
        for (i, c) in cuts.iter().enumerate().take(k.saturating_sub(1)) {
            let moved = c % (pieces[i] + 1);
            pieces[i] -= moved;
            pieces[i + 1] += moved;
        }
        pieces
    }

    proptest! {
        #[test]
        fn split_sums_exactly_and_never_overpays_non_rest(
            raw in proptest::collection::vec(1u16..=5_000, 1..10),
            amounts in proptest::collection::vec(0u128..=1_000_000_000_000, 1..30),
        ) {
            // normalise to exactly 10,000: the last takes what is left, never 0
            let mut w: Vec<u16> = Vec::new();
            let mut left = 10_000u16;
            for r in raw {
                if left <= 1 { break; }
                let x = r.min(left - 1);
                w.push(x);
                left -= x;
            }
            w.push(left);
            let rest = rest_index(&w);
            let mut c = vec![0u32; w.len()];
            let mut got = vec![0u128; w.len()];
            let mut total = 0u128;
            for a in amounts {
                let parts = split(u(a), &w, &mut c, rest);
                prop_assert_eq!(parts.iter().map(|p| p.u128()).sum::<u128>(), a);
                for (g, p) in got.iter_mut().zip(&parts) { *g += p.u128(); }
                total += a;
                let carried: u64 = c.iter().map(|x| u64::from(*x)).sum();
                prop_assert!(carried < (w.len() as u64) * 10_000);
                for i in 0..w.len() {
                    let exact = total * u128::from(w[i]);
                    if i == rest {
                        prop_assert!(got[i] * 10_000 >= exact);
                        prop_assert!(got[i] * 10_000 < exact + (w.len() as u128) * 10_000);
                    } else {
                        prop_assert_eq!(got[i] * 10_000 + u128::from(c[i]), exact);
                    }
                }
            }
        }

        #[test]
        fn index_conserves_every_unit(
            deposits in proptest::collection::vec((1u128..=10u128.pow(24), 1u128..=10u128.pow(30)), 1..20),
        ) {
            let mut i = Uint256::zero();
            let mut r = Uint256::zero();
            for (a, w) in deposits {
                let before_scaled = Uint256::from(a) * SCALE + r;
                let (ni, nr) = accrue_index(i, r, u(a), u(w)).unwrap();
                prop_assert!(nr < Uint256::from(w));
                prop_assert_eq!((ni - i) * Uint256::from(w) + nr, before_scaled);
                i = ni;
                r = nr;
            }
        }

        #[test]
        fn splitting_weight_gains_nothing_under_linear_and_at_most_sqrt_k_under_square_root(
            r in 1u128..=10u128.pow(30),
            k in 1usize..=8,
            cuts in proptest::collection::vec(any::<u128>(), 8),
        ) {
            let pieces = split_weights(r, k, &cuts);
            prop_assert_eq!(pieces.iter().sum::<u128>(), r);
            let lin: u128 = pieces.iter().map(|p| Curve::Linear.apply(u(*p)).u128()).sum();
            prop_assert_eq!(lin, Curve::Linear.apply(u(r)).u128());
            let sq: u128 = pieces.iter().map(|p| Curve::SquareRoot.apply(u(*p)).u128()).sum();
            prop_assert!(sq <= lin);
            prop_assert!(sq <= Curve::SquareRoot.apply(u(r * k as u128)).u128());
        }
    }
}
