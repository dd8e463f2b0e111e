//! Basis points: a share in 1/10,000ths, never above the whole.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Uint128, Uint256};
use thiserror::Error;

/// 10,000 basis points are the whole.
pub const BPS_DENOMINATOR: u16 = 10_000;

#[derive(Error, Debug, PartialEq, Eq)]
pub enum BpsError {
    #[error("basis points must be at most 10000, got {got}")]
    AboveWhole { got: u64 },
}

/// A share in basis points, 0..=10,000. Deserialising a larger number fails,
/// so a message can never carry an invalid share.
#[cw_serde]
#[derive(Copy, Default, Eq, PartialOrd, Ord, Hash)]
#[serde(try_from = "u16", into = "u16")]
pub struct Bps(u16);

impl Bps {
    pub const ZERO: Bps = Bps(0);
    pub const ONE_HUNDRED_PERCENT: Bps = Bps(BPS_DENOMINATOR);

    pub fn new(bps: u16) -> Result<Self, BpsError> {
        if bps > BPS_DENOMINATOR {
            return Err(BpsError::AboveWhole { got: bps.into() });
        }
        Ok(Bps(bps))
    }

    pub const fn get(self) -> u16 {
        self.0
    }

    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// `floor(amount * bps / 10,000)`: for what a contract pays out or keeps as fee
    /// from someone else's money. Computed in 256 bits, so it never overflows.
    pub fn mul_floor(self, amount: Uint128) -> Uint128 {
        let product = amount.full_mul(self.0);
        narrow(product / Uint256::from(BPS_DENOMINATOR))
    }

    /// `ceil(amount * bps / 10,000)`: for what a contract takes in or requires.
    pub fn mul_ceil(self, amount: Uint128) -> Uint128 {
        let product = amount.full_mul(self.0);
        let denom = Uint256::from(BPS_DENOMINATOR);
        let floor = product / denom;
        let rounded = if (product % denom).is_zero() {
            floor
        } else {
            floor + Uint256::one()
        };
        narrow(rounded)
    }

    /// The remainder `amount * bps mod 10,000` that `mul_floor` leaves out, in
    /// units of 1/10,000 of one token unit: what a carry must keep.
    pub fn mul_remainder(self, amount: Uint128) -> u16 {
        let product = amount.full_mul(self.0);
        let rem = product % Uint256::from(BPS_DENOMINATOR);
        // < 10,000 by construction
        u16::try_from(narrow(rem).u128()).expect("remainder below 10000")
    }
}

/// A value proven to be at most a `Uint128` times a fraction ≤ 1 fits back.
fn narrow(v: Uint256) -> Uint128 {
    Uint128::try_from(v).expect("a share of a Uint128 fits in a Uint128")
}

impl TryFrom<u16> for Bps {
    type Error = BpsError;
    fn try_from(value: u16) -> Result<Self, Self::Error> {
        Bps::new(value)
    }
}

impl From<Bps> for u16 {
    fn from(value: Bps) -> Self {
        value.0
    }
}

impl std::fmt::Display for Bps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} bps", self.0)
    }
}

/// Checks that a set of shares adds up to exactly the whole.
pub fn sum_is_whole(parts: impl IntoIterator<Item = Bps>) -> Result<(), u32> {
    let sum: u32 = parts.into_iter().map(|b| u32::from(b.0)).sum();
    if sum == u32::from(BPS_DENOMINATOR) {
        Ok(())
    } else {
        Err(sum)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::{from_json, to_json_string};

    #[test]
    fn new_accepts_zero_to_whole_and_refuses_above() {
        assert_eq!(Bps::new(0).unwrap().get(), 0);
        assert_eq!(Bps::new(10_000).unwrap(), Bps::ONE_HUNDRED_PERCENT);
        assert_eq!(Bps::new(10_001), Err(BpsError::AboveWhole { got: 10_001 }));
        assert_eq!(
            Bps::new(u16::MAX),
            Err(BpsError::AboveWhole {
                got: u16::MAX.into()
            })
        );
    }

    #[test]
    fn deserialising_above_whole_fails() {
        assert_eq!(from_json::<Bps>("250").unwrap(), Bps::new(250).unwrap());
        let err = from_json::<Bps>("10001").unwrap_err().to_string();
        assert!(err.contains("at most 10000, got 10001"), "{err}");
        assert_eq!(to_json_string(&Bps::new(42).unwrap()).unwrap(), "42");
    }

    #[test]
    fn floor_rounds_down_and_ceil_rounds_up() {
        let fee = Bps::new(250).unwrap(); // 2.5 %
        assert_eq!(fee.mul_floor(Uint128::new(1)), Uint128::zero());
        assert_eq!(fee.mul_ceil(Uint128::new(1)), Uint128::one());
        assert_eq!(fee.mul_remainder(Uint128::new(1)), 250);
        assert_eq!(fee.mul_floor(Uint128::new(399)), Uint128::new(9));
        assert_eq!(fee.mul_ceil(Uint128::new(399)), Uint128::new(10));
        assert_eq!(fee.mul_floor(Uint128::new(400)), Uint128::new(10));
        assert_eq!(fee.mul_ceil(Uint128::new(400)), Uint128::new(10));
        assert_eq!(fee.mul_remainder(Uint128::new(400)), 0);
    }

    #[test]
    fn zero_amount_and_zero_share_give_zero() {
        let fee = Bps::new(9_999).unwrap();
        assert_eq!(fee.mul_floor(Uint128::zero()), Uint128::zero());
        assert_eq!(fee.mul_ceil(Uint128::zero()), Uint128::zero());
        assert_eq!(Bps::ZERO.mul_ceil(Uint128::MAX), Uint128::zero());
    }

    #[test]
    fn max_amount_does_not_overflow() {
        let whole = Bps::ONE_HUNDRED_PERCENT;
        assert_eq!(whole.mul_floor(Uint128::MAX), Uint128::MAX);
        assert_eq!(whole.mul_ceil(Uint128::MAX), Uint128::MAX);
        let half = Bps::new(5_000).unwrap();
        assert_eq!(half.mul_floor(Uint128::MAX), Uint128::new(u128::MAX / 2));
        assert_eq!(half.mul_ceil(Uint128::MAX), Uint128::new(u128::MAX / 2 + 1));
    }

    #[test]
    fn floor_plus_remainder_reconstructs_the_product() {
        for amount in [1u128, 7, 9_999, 10_001, 123_456_789, u128::MAX] {
            for bps in [1u16, 3, 2_500, 9_999, 10_000] {
                let b = Bps::new(bps).unwrap();
                let a = Uint128::new(amount);
                let rebuilt =
                    b.mul_floor(a).full_mul(BPS_DENOMINATOR) + Uint256::from(b.mul_remainder(a));
                assert_eq!(rebuilt, a.full_mul(bps));
                let ceil = b.mul_ceil(a);
                let expect = b.mul_floor(a) + Uint128::from((b.mul_remainder(a) > 0) as u8);
                assert_eq!(ceil, expect);
            }
        }
    }

    #[test]
    fn shares_are_checked_jointly() {
        let b = |v| Bps::new(v).unwrap();
        assert_eq!(sum_is_whole([b(5_000), b(3_000), b(2_000)]), Ok(()));
        assert_eq!(sum_is_whole([b(10_000), b(10_000)]), Err(20_000));
        assert_eq!(sum_is_whole([b(9_999)]), Err(9_999));
        assert_eq!(sum_is_whole([]), Err(0));
    }
}
