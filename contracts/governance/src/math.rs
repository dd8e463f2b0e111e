//! Pure integer math of governance: power, cap, incremental total, tally,
//! decision, status and concentration. No storage here.
use cosmwasm_std::{OverflowError, Uint128, Uint256, Uint512};
use fairgrid::bps::Bps;
use fairgrid::curve::Curve;
use fairgrid::governance::{ProposalStatus, Tally, Threshold, UnidentifiedPolicy, VoteOption};

use crate::state::{IdentityRecord, Metrics, Stored, TallyState, Terms};

const BPS: u64 = 10_000;

/// Uncapped power of a stake: the curve, or 0 below the minimum stake.
pub fn power(stake: Uint128, curve: Curve, min_stake: Uint128) -> Uint128 {
    if stake.is_zero() || stake < min_stake {
        Uint128::zero()
    } else {
        curve.apply(stake)
    }
}

/// Raw weight governance reports to its hook receivers (the fee pools) for a
/// stake, in FAIR base units: the stake itself, or 0 below `min_stake`, so
/// stake split into dust accounts earns nothing in any pool (a pool applies
/// its own curve on top; the deployed stakers pool is linear, under which
/// splitting above `min_stake` changes nothing either).
pub fn pool_weight(stake: Uint128, min_stake: Uint128) -> Uint128 {
    if stake < min_stake {
        Uint128::zero()
    } else {
        stake
    }
}

/// The most one voter counts on a proposal: `cap` of the total, rounded down.
pub fn cap_limit(cap: Bps, total_power: Uint128) -> Uint128 {
    cap.mul_floor(total_power)
}

/// Power a voter votes with: min(power, cap × total).
pub fn capped_power(
    stake: Uint128,
    curve: Curve,
    min_stake: Uint128,
    cap: Bps,
    total_power: Uint128,
) -> Uint128 {
    power(stake, curve, min_stake).min(cap_limit(cap, total_power))
}

/// The total after one staker's power goes from `old` to `new`.
pub fn next_total(total: Uint128, old: Uint128, new: Uint128) -> Result<Uint128, OverflowError> {
    total.checked_sub(old)?.checked_add(new)
}

fn slot<'a>(t: &'a mut Tally, option: &VoteOption) -> &'a mut Uint128 {
    match option {
        VoteOption::Yes => &mut t.yes,
        VoteOption::No => &mut t.no,
        VoteOption::Abstain => &mut t.abstain,
        VoteOption::Veto => &mut t.veto,
    }
}

/// Adds a ballot to the tally.
pub fn add_vote(t: &mut Tally, option: &VoteOption, power: Uint128) -> Result<(), OverflowError> {
    let s = slot(t, option);
    *s = s.checked_add(power)?;
    Ok(())
}

/// Removes a ballot from the tally (on a vote change).
pub fn sub_vote(t: &mut Tally, option: &VoteOption, power: Uint128) -> Result<(), OverflowError> {
    let s = slot(t, option);
    *s = s.checked_sub(power)?;
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    Rejected,
    Vetoed,
}

/// The decision once voting ended.
/// - quorum: turnout (all four options) × 10000 ≥ quorum × total power, and turnout > 0;
/// - vetoed: quorum met, veto > 0 and veto × 10000 ≥ veto_threshold × turnout;
/// - passed: quorum met, not vetoed, yes + no > 0 and, for `percent(p)`,
///   yes × 10000 ≥ p × (yes + no); for `majority`, yes × 2 > yes + no
///   (exactly half fails);
/// - rejected otherwise.
///
/// The denominator of the quorum is the uncapped total power: power cut away by
/// the cap is never counted, so with a cap of c and one voter holding more than
/// c of the total, the reachable turnout is below 100% and a quorum above it
/// can never be met. Choose quorum ≤ the power left after capping.
pub fn decide(
    t: &Tally,
    total_power: Uint128,
    quorum: Bps,
    threshold: Threshold,
    veto_threshold: Bps,
) -> Outcome {
    let w = |v: Uint128| Uint256::from(v);
    let bps = Uint256::from(BPS);
    let turnout = w(t.yes) + w(t.no) + w(t.abstain) + w(t.veto);
    let quorum_met =
        !turnout.is_zero() && turnout * bps >= w(total_power) * Uint256::from(quorum.get());
    if !quorum_met {
        return Outcome::Rejected;
    }
    if !t.veto.is_zero() && w(t.veto) * bps >= turnout * Uint256::from(veto_threshold.get()) {
        return Outcome::Vetoed;
    }
    let cast = w(t.yes) + w(t.no);
    let yes_enough = match threshold {
        Threshold::Percent(p) => w(t.yes) * bps >= cast * Uint256::from(p.get()),
        Threshold::Majority {} => w(t.yes) * Uint256::from(2u8) > cast,
    };
    if !cast.is_zero() && yes_enough {
        Outcome::Passed
    } else {
        Outcome::Rejected
    }
}

/// Times that decide the status of a proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    pub voting_end: u64,
    pub executable_at: u64,
    pub expires_at: u64,
}

/// Effective status from what is stored, the outcome of the vote and the time.
/// Boundaries: open while now < voting_end; passed (timelocked) while
/// now < executable_at; executable while now < expires_at; expired from expires_at.
pub fn effective_status(
    stored: Stored,
    outcome: impl FnOnce() -> Outcome,
    clock: Clock,
    now: u64,
) -> ProposalStatus {
    match stored {
        Stored::Executed => ProposalStatus::Executed,
        Stored::ExecutionFailed => ProposalStatus::ExecutionFailed,
        Stored::GuardianVetoed => ProposalStatus::Vetoed,
        Stored::Pending if now < clock.voting_end => ProposalStatus::Open,
        Stored::Pending => match outcome() {
            Outcome::Rejected => ProposalStatus::Rejected,
            Outcome::Vetoed => ProposalStatus::Vetoed,
            Outcome::Passed if now < clock.executable_at => ProposalStatus::Passed,
            Outcome::Passed if now < clock.expires_at => ProposalStatus::Executable,
            Outcome::Passed => ProposalStatus::Expired,
        },
    }
}

/// The effective status of a proposal from its terms, its tally and the
/// block time `now` (seconds): `effective_status` with the decision of the
/// terms copied at creation.
pub fn status_of(terms: &Terms, tally: &TallyState, now: u64) -> ProposalStatus {
    effective_status(
        tally.stored,
        || {
            decide(
                &tally.tally(),
                terms.total_power,
                terms.quorum,
                terms.threshold,
                terms.veto_threshold,
            )
        },
        Clock {
            voting_end: terms.voting_end,
            executable_at: terms.executable_at(),
            expires_at: terms.expires_at(),
        },
        now,
    )
}

pub fn sq(x: Uint128) -> Uint256 {
    x.full_mul(x)
}

/// Herfindahl index in bps: Σx² × 10000 / (Σx)², rounded down; 0 when Σx = 0.
pub fn hhi_bps(sum_sq: Uint256, sum: Uint128) -> u64 {
    if sum.is_zero() {
        return 0;
    }
    let num = Uint512::from(sum_sq) * Uint512::from(BPS);
    let den = Uint512::from(sq(sum));
    let q = num / den;
    u64::try_from(Uint128::try_from(q).unwrap_or(Uint128::MAX).u128()).unwrap_or(u64::MAX)
}

/// `ceil(sqrt(n))`, exact (at most 2^64, so it fits).
pub fn ceil_sqrt(n: Uint128) -> Uint128 {
    let r = fairgrid::curve::isqrt_u128(n);
    if r.full_mul(r) < Uint256::from(n) {
        r + Uint128::one()
    } else {
        r
    }
}

/// The `linear_share` divisor at total stake `total_stake`: `2 × ceil(sqrt(S))`
/// (at least 1 when nothing is staked, so no division by zero).
pub fn share_divisor(total_stake: Uint128) -> Uint256 {
    (Uint256::from(ceil_sqrt(total_stake)) * Uint256::from(2u8)).max(Uint256::one())
}

fn narrow(x: Uint256) -> Uint128 {
    Uint128::try_from(x).unwrap_or(Uint128::MAX)
}

/// Power of a stake `s` held without identity, under `policy`, when the
/// total stake is `total_stake` (see `UnidentifiedPolicy`).
pub fn unidentified_power(
    policy: UnidentifiedPolicy,
    stake: Uint128,
    total_stake: Uint128,
    curve: Curve,
    min_stake: Uint128,
) -> Uint128 {
    match (policy, curve) {
        (UnidentifiedPolicy::None, _) => Uint128::zero(),
        (UnidentifiedPolicy::PerAddress, _) | (UnidentifiedPolicy::LinearShare, Curve::Linear) => {
            power(stake, curve, min_stake)
        }
        (UnidentifiedPolicy::LinearShare, Curve::SquareRoot) if stake < min_stake => {
            Uint128::zero()
        }
        (UnidentifiedPolicy::LinearShare, Curve::SquareRoot) => {
            narrow(Uint256::from(stake) / share_divisor(total_stake))
        }
    }
}

/// The policy's power of all stake without identity (O(1) from the sums).
/// `linear_share` under `square_root`: `floor(U / (2c))` over all stake
/// without identity `U` (dust below `min_stake` included: it cannot be
/// told apart in O(1)), at least the sum of the per-address powers, which
/// are 0 below `min_stake`. The excess only makes quorum harder, like stake
/// that does not vote.
pub fn unidentified_total(m: &Metrics, curve: Curve) -> Result<Uint128, OverflowError> {
    Ok(match (m.policy, curve) {
        (UnidentifiedPolicy::None, _) => Uint128::zero(),
        (UnidentifiedPolicy::PerAddress, _) | (UnidentifiedPolicy::LinearShare, Curve::Linear) => {
            m.unid_power
        }
        (UnidentifiedPolicy::LinearShare, Curve::SquareRoot) => {
            let u = m.total_stake.checked_sub(m.id_stake)?;
            narrow(Uint256::from(u) / share_divisor(m.total_stake))
        }
    })
}

/// HHI of (uncapped) power per voting unit, in bps: each identity one unit
/// with `curve(identity stake)`, each address without identity one unit
/// under the policy. Under `linear_share` with the square root, power is
/// counted in units of `1/d` (`d` = [`share_divisor`]): an identity weighs
/// `p × d` and an address without identity its stake `s`, so numerator
/// (`Σ (p d)² + Σ s²`) and denominator (`(Σ p d + U)²`) use the same
/// unrounded units and the index never exceeds 10,000 (the rounded
/// `total_power` would let `Σ (s/d)²` outgrow it: 10,009 bps for a single
/// staker).
pub fn unit_hhi_bps(m: &Metrics, curve: Curve) -> u64 {
    match (m.policy, curve) {
        (UnidentifiedPolicy::LinearShare, Curve::SquareRoot) => {
            let d = Uint512::from(share_divisor(m.total_stake));
            let unidentified = Uint512::from(m.total_stake.saturating_sub(m.id_stake));
            let num = Uint512::from(m.id_sq_power)
                .saturating_mul(d.saturating_mul(d))
                .saturating_add(Uint512::from(m.unid_sq_stake));
            let root = Uint512::from(m.id_power)
                .saturating_mul(d)
                .saturating_add(unidentified);
            if root.is_zero() {
                return 0;
            }
            let q = num.saturating_mul(Uint512::from(BPS)) / root.saturating_mul(root);
            u64::try_from(Uint128::try_from(q).unwrap_or(Uint128::MAX).u128()).unwrap_or(u64::MAX)
        }
        // Every other policy counts rounded powers on both sides.
        (UnidentifiedPolicy::None, _) => hhi_bps(m.id_sq_power, m.total_power),
        (UnidentifiedPolicy::PerAddress, _) | (UnidentifiedPolicy::LinearShare, Curve::Linear) => {
            hhi_bps(m.id_sq_power.saturating_add(m.unid_sq_power), m.total_power)
        }
    }
}

/// Sets `total_power` from the sums: Σ identity power + the policy's power
/// of the stake without identity.
pub fn refresh_total(m: &mut Metrics, curve: Curve) -> Result<(), OverflowError> {
    m.total_power = m.id_power.checked_add(unidentified_total(m, curve)?)?;
    Ok(())
}

/// Adds (`sign` true) or removes an address's stake as a voting unit
/// without identity.
pub fn unidentified_sums(
    m: &mut Metrics,
    stake: Uint128,
    curve: Curve,
    min_stake: Uint128,
    add: bool,
) -> Result<(), OverflowError> {
    let p = power(stake, curve, min_stake);
    let (sp, ss) = (sq(p), sq(stake));
    if add {
        m.unid_power = m.unid_power.checked_add(p)?;
        m.unid_sq_power = m.unid_sq_power.checked_add(sp)?;
        m.unid_sq_stake = m.unid_sq_stake.checked_add(ss)?;
        if !stake.is_zero() {
            m.unid_stakers += 1;
        }
    } else {
        m.unid_power = m.unid_power.checked_sub(p)?;
        m.unid_sq_power = m.unid_sq_power.checked_sub(sp)?;
        m.unid_sq_stake = m.unid_sq_stake.checked_sub(ss)?;
        if !stake.is_zero() {
            m.unid_stakers = m.unid_stakers.saturating_sub(1);
        }
    }
    Ok(())
}

/// Adds (`add`) or removes an address's stake to/from an identity's record
/// and the identity sums: the identity's power goes from `curve(old sum)` to
/// `curve(new sum)`.
pub fn identity_sums(
    m: &mut Metrics,
    rec: &mut IdentityRecord,
    stake: Uint128,
    curve: Curve,
    min_stake: Uint128,
    add: bool,
) -> Result<(), OverflowError> {
    let old_sum = rec.stake;
    let new_sum = if add {
        old_sum.checked_add(stake)?
    } else {
        old_sum.checked_sub(stake)?
    };
    if !stake.is_zero() {
        if add {
            rec.stakers += 1;
        } else {
            rec.stakers = rec.stakers.saturating_sub(1);
        }
    }
    rec.stake = new_sum;
    let (op, np) = (
        power(old_sum, curve, min_stake),
        power(new_sum, curve, min_stake),
    );
    m.id_power = next_total(m.id_power, op, np)?;
    m.id_sq_power = m.id_sq_power.checked_sub(sq(op))?.checked_add(sq(np))?;
    m.id_stake = if add {
        m.id_stake.checked_add(stake)?
    } else {
        m.id_stake.checked_sub(stake)?
    };
    match (old_sum.is_zero(), new_sum.is_zero()) {
        (true, false) => m.identities += 1,
        (false, true) => m.identities = m.identities.saturating_sub(1),
        _ => {}
    }
    Ok(())
}

/// Applies one staker's change to the running sums (O(1)).
pub fn apply_metrics(
    m: &mut Metrics,
    old_stake: Uint128,
    new_stake: Uint128,
    old_power: Uint128,
    new_power: Uint128,
) -> Result<(), OverflowError> {
    match (old_stake.is_zero(), new_stake.is_zero()) {
        (true, false) => m.stakers += 1,
        (false, true) => m.stakers -= 1,
        _ => {}
    }
    m.total_stake = m
        .total_stake
        .checked_sub(old_stake)?
        .checked_add(new_stake)?;
    m.sum_sq_stake = m
        .sum_sq_stake
        .checked_sub(sq(old_stake))?
        .checked_add(sq(new_stake))?;
    m.sum_sq_power = m
        .sum_sq_power
        .checked_sub(sq(old_power))?
        .checked_add(sq(new_power))?;
    m.sum_power = next_total(m.sum_power, old_power, new_power)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    #[test]
    fn power_hhi_of_one_staker_without_identity_is_exactly_10000_bps() {
        // One address, 10 FAIR, linear_share: floor(s/d) = 707 while s/d =
        // 707.03; counted in the same units on both sides the index is 100 %.
        let s = 10_000_000u128;
        let m = Metrics {
            total_stake: u(s),
            unid_sq_stake: Uint256::from(s) * Uint256::from(s),
            unid_stakers: 1,
            stakers: 1,
            policy: UnidentifiedPolicy::LinearShare,
            ..Metrics::default()
        };
        assert_eq!(unit_hhi_bps(&m, Curve::SquareRoot), 10_000);
    }

    #[test]
    fn power_hhi_mixes_identities_and_unidentified_stake_in_one_unit() {
        // An identity with 4 FAIR (power 2000) and an address without one
        // with 5 FAIR: S = 9 FAIR, d = 2 × 3000 = 6000; units 2000 × 6000 =
        // 12,000,000 and 5,000,000: HHI = (12e6² + 5e6²) / 17e6² = 0.5848…
        let m = Metrics {
            total_stake: u(9_000_000),
            id_stake: u(4_000_000),
            id_power: u(2_000),
            id_sq_power: Uint256::from(4_000_000u128),
            identities: 1,
            unid_sq_stake: Uint256::from(25_000_000_000_000u128),
            unid_stakers: 1,
            stakers: 2,
            policy: UnidentifiedPolicy::LinearShare,
            ..Metrics::default()
        };
        assert_eq!(unit_hhi_bps(&m, Curve::SquareRoot), 5_847);
        // Empty: 0, not a division by zero.
        assert_eq!(
            unit_hhi_bps(
                &Metrics {
                    policy: UnidentifiedPolicy::LinearShare,
                    ..Metrics::default()
                },
                Curve::SquareRoot
            ),
            0
        );
    }

    proptest! {
        #[test]
        fn power_hhi_never_exceeds_10000_bps(
            stakes in proptest::collection::vec(1u128..1_000_000_000_000_000, 1..20),
            identified in proptest::collection::vec(1u128..1_000_000_000_000_000, 0..5),
        ) {
            let total: u128 = stakes.iter().chain(&identified).sum();
            let mut m = Metrics {
                total_stake: u(total),
                policy: UnidentifiedPolicy::LinearShare,
                ..Metrics::default()
            };
            for s in &stakes {
                m.unid_sq_stake += Uint256::from(*s) * Uint256::from(*s);
            }
            for s in &identified {
                let p = fairgrid::curve::isqrt_u128(u(*s));
                m.id_stake += u(*s);
                m.id_power += p;
                m.id_sq_power += Uint256::from(p) * Uint256::from(p);
            }
            let hhi = unit_hhi_bps(&m, Curve::SquareRoot);
            prop_assert!(hhi <= 10_000, "{hhi}");
            prop_assert!(hhi > 0);
        }
    }

    fn b(v: u16) -> Bps {
        Bps::new(v).unwrap()
    }
    fn u(v: u128) -> Uint128 {
        Uint128::new(v)
    }

    #[test]
    fn power_is_zero_below_min_stake_and_curve_at_or_above() {
        assert_eq!(power(u(99), Curve::Linear, u(100)), u(0));
        assert_eq!(power(u(100), Curve::Linear, u(100)), u(100));
        assert_eq!(power(u(99), Curve::SquareRoot, u(100)), u(0));
        assert_eq!(power(u(100), Curve::SquareRoot, u(100)), u(10));
        assert_eq!(power(u(120), Curve::SquareRoot, u(100)), u(10));
        assert_eq!(power(u(0), Curve::Linear, u(0)), u(0));
        assert_eq!(power(u(1), Curve::SquareRoot, u(0)), u(1));
    }

    #[test]
    fn power_at_uint128_extremes() {
        assert_eq!(power(Uint128::MAX, Curve::Linear, u(0)), Uint128::MAX);
        // floor(sqrt(2^128 - 1)) = 2^64 - 1
        assert_eq!(
            power(Uint128::MAX, Curve::SquareRoot, u(0)),
            u(u64::MAX as u128)
        );
        assert_eq!(
            power(Uint128::MAX, Curve::SquareRoot, Uint128::MAX),
            u(u64::MAX as u128)
        );
        assert_eq!(power(u(u128::MAX - 1), Curve::Linear, Uint128::MAX), u(0));
    }

    #[test]
    fn cap_rounds_down_and_never_overflows() {
        assert_eq!(cap_limit(b(1_000), u(999)), u(99));
        assert_eq!(cap_limit(b(10_000), Uint128::MAX), Uint128::MAX);
        assert_eq!(cap_limit(b(0), Uint128::MAX), u(0));
        assert_eq!(
            cap_limit(b(5_000), Uint128::MAX),
            u(u128::MAX / 2) // floor
        );
        assert_eq!(
            capped_power(Uint128::MAX, Curve::Linear, u(0), b(1_000), Uint128::MAX),
            u(u128::MAX / 10)
        );
        assert_eq!(
            capped_power(u(50), Curve::Linear, u(0), b(1_000), u(1_000)),
            u(50)
        );
        assert_eq!(
            capped_power(u(500), Curve::Linear, u(0), b(1_000), u(1_000)),
            u(100)
        );
    }

    #[test]
    fn next_total_is_checked() {
        assert_eq!(next_total(u(10), u(3), u(5)).unwrap(), u(12));
        assert!(next_total(u(1), u(3), u(5)).is_err());
        assert!(next_total(Uint128::MAX, u(0), u(1)).is_err());
        assert_eq!(
            next_total(Uint128::MAX, Uint128::MAX, Uint128::MAX).unwrap(),
            Uint128::MAX
        );
    }

    fn tally(y: u128, n: u128, a: u128, v: u128) -> Tally {
        Tally {
            yes: u(y),
            no: u(n),
            abstain: u(a),
            veto: u(v),
        }
    }

    /// DAO DAO's vote battery for a strict majority (`majority {}`): yes must
    /// be strictly more than half of yes + no; abstentions count only for
    /// quorum; exactly half fails. Quorum 0 here, so only the threshold decides.
    #[test]
    fn majority_threshold_follows_dao_dao_vote_battery() {
        let m = Threshold::Majority {};
        let vt = b(10_000);
        let cases: [(u128, u128, u128, Outcome); 12] = [
            (1, 0, 0, Outcome::Passed),
            (0, 1, 0, Outcome::Rejected),
            (1, 1, 0, Outcome::Rejected), // exactly half fails
            (2, 1, 0, Outcome::Passed),
            (50, 50, 0, Outcome::Rejected), // exactly half fails
            (51, 49, 0, Outcome::Passed),
            (49, 51, 0, Outcome::Rejected),
            (1, 1, 100, Outcome::Rejected), // abstentions aside
            (2, 1, 100, Outcome::Passed),   // abstentions aside
            (0, 0, 10, Outcome::Rejected),  // only abstentions
            (u128::MAX / 2 + 1, u128::MAX / 2, 0, Outcome::Passed),
            (u128::MAX / 2, u128::MAX / 2, 0, Outcome::Rejected),
        ];
        for (y, n, a, expect) in cases {
            assert_eq!(
                decide(&tally(y, n, a, 0), u(u128::MAX), b(0), m, vt),
                expect,
                "yes {y} no {n} abstain {a}"
            );
        }
        // Unlike `percent(5000)`, where exactly half passes.
        assert_eq!(
            decide(
                &tally(1, 1, 0, 0),
                u(2),
                b(0),
                Threshold::Percent(b(5_000)),
                vt
            ),
            Outcome::Passed
        );
    }

    #[test]
    fn decide_boundaries() {
        let (q, th, vt) = (b(4_000), Threshold::Percent(b(5_000)), b(3_334));
        // quorum exactly met (40 of 100), yes exactly half
        assert_eq!(
            decide(&tally(20, 20, 0, 0), u(100), q, th, vt),
            Outcome::Passed
        );
        // one short of quorum
        assert_eq!(
            decide(&tally(20, 19, 0, 0), u(100), q, th, vt),
            Outcome::Rejected
        );
        // abstain counts for quorum, not for threshold
        assert_eq!(
            decide(&tally(1, 0, 39, 0), u(100), q, th, vt),
            Outcome::Passed
        );
        // threshold one short
        assert_eq!(
            decide(&tally(49, 51, 0, 0), u(100), q, th, vt),
            Outcome::Rejected
        );
        // veto share at threshold vetoes
        assert_eq!(
            decide(&tally(6_666, 0, 0, 3_334), u(10_000), q, th, vt),
            Outcome::Vetoed
        );
        assert_eq!(
            decide(&tally(6_667, 0, 0, 3_333), u(10_000), q, th, vt),
            Outcome::Passed
        );
        // nothing cast
        assert_eq!(
            decide(&tally(0, 0, 0, 0), u(0), b(0), th, vt),
            Outcome::Rejected
        );
        // only abstain
        assert_eq!(
            decide(&tally(0, 0, 5, 0), u(5), q, th, vt),
            Outcome::Rejected
        );
    }

    #[test]
    fn decide_at_uint128_extremes() {
        let m = Uint128::MAX;
        let t = Tally {
            yes: m,
            no: m,
            abstain: m,
            veto: u(0),
        };
        assert_eq!(
            decide(&t, m, b(10_000), Threshold::Percent(b(5_000)), b(10_000)),
            Outcome::Passed
        );
        let t = Tally {
            yes: m,
            no: m,
            abstain: m,
            veto: m,
        };
        assert_eq!(
            decide(&t, m, b(10_000), Threshold::Percent(b(5_000)), b(2_500)),
            Outcome::Vetoed
        );
    }

    #[test]
    fn status_boundaries() {
        let c = Clock {
            voting_end: 100,
            executable_at: 150,
            expires_at: 200,
        };
        let pass = || Outcome::Passed;
        assert_eq!(
            effective_status(Stored::Pending, pass, c, 99),
            ProposalStatus::Open
        );
        assert_eq!(
            effective_status(Stored::Pending, pass, c, 100),
            ProposalStatus::Passed
        );
        assert_eq!(
            effective_status(Stored::Pending, pass, c, 149),
            ProposalStatus::Passed
        );
        assert_eq!(
            effective_status(Stored::Pending, pass, c, 150),
            ProposalStatus::Executable
        );
        assert_eq!(
            effective_status(Stored::Pending, pass, c, 199),
            ProposalStatus::Executable
        );
        assert_eq!(
            effective_status(Stored::Pending, pass, c, 200),
            ProposalStatus::Expired
        );
        assert_eq!(
            effective_status(Stored::Pending, || Outcome::Vetoed, c, 100),
            ProposalStatus::Vetoed
        );
        assert_eq!(
            effective_status(Stored::Pending, || Outcome::Rejected, c, 100),
            ProposalStatus::Rejected
        );
        assert_eq!(
            effective_status(Stored::Executed, pass, c, 0),
            ProposalStatus::Executed
        );
        assert_eq!(
            effective_status(Stored::ExecutionFailed, pass, c, 500),
            ProposalStatus::ExecutionFailed
        );
        assert_eq!(
            effective_status(Stored::GuardianVetoed, pass, c, 160),
            ProposalStatus::Vetoed
        );
    }

    #[test]
    fn hhi_of_one_holder_is_whole_and_of_equal_holders_is_inverse() {
        assert_eq!(hhi_bps(Uint256::zero(), u(0)), 0);
        assert_eq!(hhi_bps(sq(u(7)), u(7)), 10_000);
        // four equal holders: 2500 bps
        assert_eq!(hhi_bps(sq(u(5)) * Uint256::from(4u8), u(20)), 2_500);
        // three equal: 3333.33 → 3333
        assert_eq!(hhi_bps(sq(u(5)) * Uint256::from(3u8), u(15)), 3_333);
        // extreme: one holder of Uint128::MAX
        assert_eq!(hhi_bps(sq(Uint128::MAX), Uint128::MAX), 10_000);
    }

    #[test]
    fn metrics_count_stakers_and_sums() {
        let mut m = Metrics::default();
        apply_metrics(&mut m, u(0), u(10), u(0), u(3)).unwrap();
        apply_metrics(&mut m, u(0), u(20), u(0), u(4)).unwrap();
        assert_eq!(m.stakers, 2);
        assert_eq!(m.total_stake, u(30));
        assert_eq!(m.sum_sq_stake, Uint256::from(500u32));
        assert_eq!(m.sum_sq_power, Uint256::from(25u32));
        apply_metrics(&mut m, u(10), u(0), u(3), u(0)).unwrap();
        assert_eq!(m.stakers, 1);
        assert_eq!(m.sum_sq_stake, Uint256::from(400u32));
        apply_metrics(&mut m, u(0), Uint128::MAX - u(20), u(0), u(0)).unwrap();
        assert_eq!(m.total_stake, Uint128::MAX);
        assert!(apply_metrics(&mut m, u(0), u(1), u(0), u(0)).is_err());
    }

    fn option(i: u8) -> VoteOption {
        crate::state::option_from_code(i % 4)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Random stake histories over heights: the incremental total equals the
        /// sum of the curve over all stakers at every height, and the metrics
        /// equal their direct recomputation.
        #[test]
        fn incremental_total_power_equals_sum_of_curve(
            sqrt in any::<bool>(),
            min_stake in 0u128..50,
            steps in prop::collection::vec((0usize..6, 0u128..10_000, any::<bool>()), 1..40),
        ) {
            let curve = if sqrt { Curve::SquareRoot } else { Curve::Linear };
            let min = u(min_stake);
            let mut stakes: BTreeMap<usize, Uint128> = BTreeMap::new();
            let mut total = Uint128::zero();
            let mut m = Metrics::default();
            for (who, amount, bond) in steps {
                let old = stakes.get(&who).copied().unwrap_or_default();
                let new = if bond { old + u(amount) } else { old.saturating_sub(u(amount)) };
                let (op, np) = (power(old, curve, min), power(new, curve, min));
                total = next_total(total, op, np).unwrap();
                apply_metrics(&mut m, old, new, op, np).unwrap();
                stakes.insert(who, new);
                let direct: Uint128 = stakes.values().map(|s| power(*s, curve, min)).sum();
                prop_assert_eq!(total, direct);
                prop_assert_eq!(m.total_stake, stakes.values().copied().sum::<Uint128>());
                prop_assert_eq!(m.stakers, stakes.values().filter(|s| !s.is_zero()).count() as u64);
                let ss: Uint256 = stakes.values().map(|s| sq(*s)).fold(Uint256::zero(), |a, x| a + x);
                prop_assert_eq!(m.sum_sq_stake, ss);
                let ps: Uint256 = stakes.values().map(|s| sq(power(*s, curve, min))).fold(Uint256::zero(), |a, x| a + x);
                prop_assert_eq!(m.sum_sq_power, ps);
            }
        }

        /// Ballots changed at random: the tally equals the sum of the current
        /// ballots, and the decision equals a direct recomputation in u128.
        #[test]
        fn tally_equals_current_ballots_and_decision_recomputes(
            votes in prop::collection::vec((0usize..8, 0u8..4, 1u64..1_000_000), 1..40),
            total in 0u64..10_000_000,
            quorum in 0u16..=10_000,
            threshold in 1u16..=10_000,
            veto_threshold in 1u16..=10_000,
        ) {
            let mut t = Tally::default();
            let mut ballots: BTreeMap<usize, (u8, u64)> = BTreeMap::new();
            for (who, opt, pw) in votes {
                if let Some((o, p)) = ballots.get(&who) {
                    sub_vote(&mut t, &option(*o), u(*p as u128)).unwrap();
                }
                add_vote(&mut t, &option(opt), u(pw as u128)).unwrap();
                ballots.insert(who, (opt, pw));
                let mut sums = [0u128; 4];
                for (o, p) in ballots.values() {
                    sums[*o as usize] += *p as u128;
                }
                prop_assert_eq!(&t, &tally(sums[0], sums[1], sums[2], sums[3]));
                let [y, n, a, v] = sums;
                let turnout = y + n + a + v;
                let total = total as u128;
                let quorum_met = turnout > 0 && turnout * 10_000 >= total * quorum as u128;
                let expect = if !quorum_met {
                    Outcome::Rejected
                } else if v > 0 && v * 10_000 >= turnout * veto_threshold as u128 {
                    Outcome::Vetoed
                } else if y + n > 0 && y * 10_000 >= (y + n) * threshold as u128 {
                    Outcome::Passed
                } else {
                    Outcome::Rejected
                };
                prop_assert_eq!(decide(&t, u(total), b(quorum), Threshold::Percent(b(threshold)), b(veto_threshold)), expect);
            }
        }
    }
}
