//! Weight curves: how a raw amount (stake, collateral) becomes power or weight.
//!
//! Precision: `SquareRoot` returns `floor(sqrt(amount))` of the amount in the
//! token's base units. With 6- or 18-decimal tokens a holder's base-unit amount
//! is large, so the floor loses less than one part in `sqrt(amount)` (under
//! 1e-6 for one whole 6-decimal token). The curve is exact, monotone
//! non-decreasing and never exceeds the linear value for amounts ≥ 1.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Uint128, Uint256};

/// How a raw amount maps to voting power or pool weight.
#[cw_serde]
#[derive(Copy, Default, Eq)]
pub enum Curve {
    /// power = amount: splitting or pooling changes nothing.
    #[default]
    Linear,
    /// power = floor(sqrt(amount)): quadratic voting, where power costs the
    /// square of its size.
    ///
    /// What splitting does: the curve is concave, so an amount `a` split
    /// evenly over `k` addresses weighs `k × floor(sqrt(a / k))`, about
    /// `sqrt(k)` times the unsplit `floor(sqrt(a))` (1 FAIR as 100 accounts
    /// of 0.01 FAIR: 100 × 100 = 10,000 against 1,000). Applied per address
    /// it pays whoever splits, whatever the minimum (above it, k addresses
    /// still get about √k). It resists splitting only when the amounts of
    /// one holder are summed before the curve: governance applies it per
    /// identity (`curve(Σ stake of the identity's addresses)`, so an
    /// identity's power depends only on its total), and gives stake without
    /// identity a power linear in stake (`UnidentifiedPolicy::LinearShare`:
    /// `floor(s / (2 ceil(sqrt(S))))`, which splitting cannot raise and which
    /// never exceeds `sqrt(s) / 2`, so neither splitting nor leaving an
    /// identity pays). What remains is one holder with several identities,
    /// which only attesters can prevent. The deployed fee pools stay
    /// `Linear`, where any split of `a` weighs exactly `a` (and governance
    /// reports 0 below `min_stake`).
    SquareRoot,
}

impl Curve {
    pub fn apply(self, amount: Uint128) -> Uint128 {
        match self {
            Curve::Linear => amount,
            Curve::SquareRoot => isqrt_u128(amount),
        }
    }
}

/// `floor(sqrt(n))` for a `Uint128`, exact.
pub fn isqrt_u128(n: Uint128) -> Uint128 {
    Uint128::new(n.u128().isqrt())
}

/// `floor(sqrt(n))` for a `Uint256`, exact, by Newton's iteration from an
/// initial guess above the root (the iteration then decreases monotonically).
pub fn isqrt_u256(n: Uint256) -> Uint256 {
    if n < Uint256::from(2u8) {
        return n;
    }
    // 2^ceil(bits/2) >= sqrt(n)
    let bits = 256 - leading_zeros(n);
    let mut x = Uint256::one() << bits.div_ceil(2);
    loop {
        let y = (x + n / x) >> 1;
        if y >= x {
            return x;
        }
        x = y;
    }
}

fn leading_zeros(n: Uint256) -> u32 {
    let bytes = n.to_be_bytes();
    let mut zeros = 0;
    for b in bytes {
        if b == 0 {
            zeros += 8;
        } else {
            return zeros + b.leading_zeros();
        }
    }
    zeros
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn isqrt_of_small_values_and_squares() {
        let cases: [(u128, u128); 10] = [
            (0, 0),
            (1, 1),
            (2, 1),
            (3, 1),
            (4, 2),
            (8, 2),
            (9, 3),
            (10, 3),
            (99, 9),
            (100, 10),
        ];
        for (n, root) in cases {
            assert_eq!(isqrt_u128(Uint128::new(n)), Uint128::new(root), "u128 {n}");
            assert_eq!(
                isqrt_u256(Uint256::from(n)),
                Uint256::from(root),
                "u256 {n}"
            );
        }
    }

    #[test]
    fn isqrt_at_square_plus_and_minus_one() {
        for r in [2u128, 3, 1_000, 1_000_000_007, u64::MAX as u128] {
            let sq = r * r;
            assert_eq!(isqrt_u128(Uint128::new(sq)).u128(), r);
            assert_eq!(isqrt_u128(Uint128::new(sq - 1)).u128(), r - 1);
            assert_eq!(isqrt_u128(Uint128::new(sq + 1)).u128(), r);
            assert_eq!(isqrt_u256(Uint256::from(sq - 1)), Uint256::from(r - 1));
            assert_eq!(isqrt_u256(Uint256::from(sq + 1)), Uint256::from(r));
        }
    }

    #[test]
    fn isqrt_of_max_values() {
        // floor(sqrt(2^128 - 1)) = 2^64 - 1
        assert_eq!(isqrt_u128(Uint128::MAX).u128(), u64::MAX as u128);
        assert_eq!(
            isqrt_u256(Uint256::from(u128::MAX)),
            Uint256::from(u64::MAX)
        );
        // floor(sqrt(2^256 - 1)) = 2^128 - 1
        assert_eq!(isqrt_u256(Uint256::MAX), Uint256::from(u128::MAX));
    }

    #[test]
    fn curves_apply() {
        let a = Uint128::new(1_000_000);
        assert_eq!(Curve::Linear.apply(a), a);
        assert_eq!(Curve::SquareRoot.apply(a), Uint128::new(1_000));
        assert_eq!(Curve::SquareRoot.apply(Uint128::zero()), Uint128::zero());
        assert_eq!(Curve::Linear.apply(Uint128::MAX), Uint128::MAX);
    }

    proptest! {
        #[test]
        fn isqrt_u128_is_the_floor_root(n in any::<u128>()) {
            let r = isqrt_u128(Uint128::new(n)).u128();
            prop_assert!(r * r <= n);
            let next = r + 1;
            prop_assert!(next.checked_mul(next).is_none_or(|sq| sq > n));
        }

        #[test]
        fn isqrt_u256_agrees_with_u128(n in any::<u128>()) {
            prop_assert_eq!(isqrt_u256(Uint256::from(n)), Uint256::from(isqrt_u128(Uint128::new(n)).u128()));
        }

        #[test]
        fn isqrt_u256_is_the_floor_root_on_wide_values(hi in any::<u128>(), lo in any::<u128>()) {
            let n = (Uint256::from(hi) << 128) + Uint256::from(lo);
            let r = isqrt_u256(n);
            prop_assert!(r.checked_mul(r).unwrap() <= n);
            let next = r + Uint256::one();
            prop_assert!(next.checked_mul(next).map_or(true, |sq| sq > n));
        }

        #[test]
        fn square_root_curve_is_monotone_and_below_linear(a in any::<u128>(), b in any::<u128>()) {
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            let f = |v| Curve::SquareRoot.apply(Uint128::new(v));
            prop_assert!(f(lo) <= f(hi));
            prop_assert!(f(hi) <= Uint128::new(hi));
        }
    }
}
