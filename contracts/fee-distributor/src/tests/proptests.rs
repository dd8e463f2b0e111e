//! Property test: random sequences of native and cw20 deposits, weight
//! changes through the hook, claims and recipient changes. After EVERY step:
//! - the invariants of `Suite::check_invariants` (reconciliation identity
//!   exact, held = owed + carried ≥ owed, members' claims within the books);
//! - nobody is paid more than their exact rational share: the model keeps
//!   each member's share as an exact fraction over D = lcm(1..=21) (every
//!   pool's total weight stays ≤ 21 here, so D / W is an integer);
//! - claim-frequency independence: A claims every step, B (always the same
//!   weight as A) only at the end; paid(A) + pending(A) = pending(B) at every
//!   step and the final balances are equal, ±0;
//! - splitting: in the linear pool L1 (raw a) + L2 (raw b) never earn more
//!   than LW (raw a + b), and at most one unit less (sub-unit remainders,
//!   still owed); in the square-root pool S1 + S2 have a curved weight at
//!   least SW's (splitting gains, √a + √b ≥ √(a+b)) but never above isqrt(2(a+b))
//!   nor above a + b, the weight the same stake has in a linear pool;
//! - a pool share arriving while the pool's total weight is zero goes to the
//!   fallback, and the fallback's balance is exactly the sum of those shares;
//! - retiring an asset's slot succeeds exactly when its reconciliation shows
//!   nothing owed and nothing carried, and is otherwise refused naming those
//!   two amounts; a retired asset accepted again takes its own slot back and
//!   every check above still holds.

use cosmwasm_std::{Addr, Uint128};
use fairgrid::asset::{AssetInfo, AssetInfoUnchecked};
use fairgrid::curve::{isqrt_u128, Curve};
use fairgrid::distributor::ExecuteMsg;
use proptest::prelude::*;

use super::suite::*;
use crate::ContractError;

/// lcm(1..=21)
const D: u128 = 232_792_560;

#[derive(Debug, Clone)]
enum Step {
    Deposit {
        asset: usize,
        amount: u128,
    },
    /// A and B together (raw 0..=3)
    StakePair(u128),
    /// C (raw 0..=3)
    StakeC(u128),
    /// linear trio: L1 = a, L2 = b, LW = a + b (a, b in 0..=2)
    StakeTrio(u128, u128),
    /// P1 or P2 (raw 0..=16)
    Provide(bool, u128),
    /// square-root trio: S1 = a, S2 = b, SW = a + b (a, b in 0..=16)
    ProvideTrio(u128, u128),
    /// member index, assets mask (0 = all)
    Claim(usize, u8),
    /// raw weights, normalised to 10,000
    Recipients([u16; 4]),
    /// the owner retires an asset's slot (and, if that works, accepts the
    /// asset again at once)
    Retire(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0usize..3, prop_oneof![Just(1u128), 1u128..=1_000, 1u128..=1_000_000])
            .prop_map(|(asset, amount)| Step::Deposit { asset, amount }),
        2 => (0u128..=3).prop_map(Step::StakePair),
        1 => (0u128..=3).prop_map(Step::StakeC),
        2 => (0u128..=2, 0u128..=2).prop_map(|(a, b)| Step::StakeTrio(a, b)),
        2 => (any::<bool>(), 0u128..=16).prop_map(|(p, r)| Step::Provide(p, r)),
        2 => (0u128..=16, 0u128..=16).prop_map(|(a, b)| Step::ProvideTrio(a, b)),
        3 => (0usize..11, 0u8..8).prop_map(|(m, mask)| Step::Claim(m, mask)),
        1 => [1u16..=100, 1u16..=100, 1u16..=100, 1u16..=100].prop_map(Step::Recipients),
        1 => (0usize..3).prop_map(Step::Retire),
    ]
}

/// Member indices: 0 A, 1 B, 2 C, 3 L1, 4 L2, 5 LW (stakers, linear);
/// 6 P1, 7 P2, 8 S1, 9 S2, 10 SW (providers, square root).
const NAMES: [&str; 11] = [
    "a", "b", "c", "l1", "l2", "lw", "p1", "p2", "s1", "s2", "sw",
];

struct Model {
    members: Vec<Addr>,
    raw: [u128; 11],
    /// exact share × D, per member per asset
    exact: Vec<[u128; 3]>,
    fallback: [u128; 3],
}

impl Model {
    fn pool_of(i: usize) -> (&'static str, Curve) {
        if i < 6 {
            ("stakers", Curve::Linear)
        } else {
            ("providers", Curve::SquareRoot)
        }
    }
    fn weight(&self, i: usize) -> u128 {
        Self::pool_of(i).1.apply(Uint128::new(self.raw[i])).u128()
    }
    fn total(&self, pool: &str) -> u128 {
        (0..11)
            .filter(|i| Self::pool_of(*i).0 == pool)
            .map(|i| self.weight(i))
            .sum()
    }
}

fn set_raw(s: &mut Suite, m: &mut Model, i: usize, raw: u128) {
    let source = if i < 6 {
        s.gov.clone()
    } else {
        s.escrow.clone()
    };
    let who = m.members[i].clone();
    s.hook(&source, &who, m.raw[i], raw).unwrap();
    m.raw[i] = raw;
}

fn normalise(raw: [u16; 4]) -> [u16; 4] {
    let sum: u32 = raw.iter().map(|x| u32::from(*x)).sum();
    let mut w = raw.map(|x| (u32::from(x) * 10_000 / sum) as u16);
    let got: u16 = w.iter().sum();
    w[0] += 10_000 - got;
    w
}

fn run(steps: Vec<Step>) -> Result<(), TestCaseError> {
    let mut s = Suite::new();
    let assets = s.assets();
    let mut m = Model {
        members: NAMES.iter().map(|n| s.addr(n)).collect(),
        raw: [0; 11],
        exact: vec![[0; 3]; 11],
        fallback: [0; 3],
    };
    for st in steps {
        match st.clone() {
            Step::Deposit { asset, amount } => {
                let res = match asset {
                    0 => s.deposit(DENOM, amount),
                    1 => s.deposit(DENOM2, amount),
                    _ => s.deposit_cw20(amount),
                }
                .unwrap();
                let mut sum = 0u128;
                for v in attr(&res, "sent").iter().chain(&attr(&res, "burned")) {
                    sum += v.split(':').next().unwrap().parse::<u128>().unwrap();
                }
                for v in attr(&res, "fallback") {
                    let mut it = v.split(':');
                    let part: u128 = it.next().unwrap().parse().unwrap();
                    let pool = it.next().unwrap();
                    prop_assert_eq!(m.total(pool), 0, "fallback only for an empty pool");
                    m.fallback[asset] += part;
                    sum += part;
                }
                for v in attr(&res, "pool") {
                    let (part, pool) = v.split_once(':').unwrap();
                    let part: u128 = part.parse().unwrap();
                    let w = m.total(pool);
                    prop_assert!(w > 0 && w <= 21, "pool {} weight {}", pool, w);
                    for i in (0..11).filter(|i| Model::pool_of(*i).0 == pool) {
                        m.exact[i][asset] += part * m.weight(i) * (D / w);
                    }
                    sum += part;
                }
                prop_assert_eq!(sum, amount, "parts sum to the deposit");
            }
            Step::StakePair(r) => {
                set_raw(&mut s, &mut m, 0, r);
                set_raw(&mut s, &mut m, 1, r);
            }
            Step::StakeC(r) => set_raw(&mut s, &mut m, 2, r),
            Step::StakeTrio(a, b) => {
                set_raw(&mut s, &mut m, 3, a);
                set_raw(&mut s, &mut m, 4, b);
                set_raw(&mut s, &mut m, 5, a + b);
            }
            Step::Provide(first, r) => set_raw(&mut s, &mut m, if first { 6 } else { 7 }, r),
            Step::ProvideTrio(a, b) => {
                set_raw(&mut s, &mut m, 8, a);
                set_raw(&mut s, &mut m, 9, b);
                set_raw(&mut s, &mut m, 10, a + b);
            }
            Step::Claim(i, mask) if i != 1 => {
                let who = m.members[i].clone();
                let pick: Option<Vec<AssetInfoUnchecked>> = (mask != 0).then(|| {
                    (0..3)
                        .filter(|k| mask & (1 << k) != 0)
                        .map(|k| AssetInfoUnchecked::from(assets[k].clone()))
                        .collect()
                });
                claim_or_nothing(&mut s, &who, pick)?;
            }
            Step::Claim(..) => {} // B never claims before the end
            Step::Recipients(raw) => {
                let w = normalise(raw);
                let owner = s.owner.clone();
                let treasury = s.treasury.clone();
                let mut set = vec![];
                for (k, x) in w.iter().enumerate() {
                    if *x == 0 {
                        continue;
                    }
                    set.push(match k {
                        0 => pool_r("stakers", *x),
                        1 => pool_r("providers", *x),
                        2 => addr_r(&treasury, *x),
                        _ => burn_r(*x),
                    });
                }
                s.exec(&owner, &ExecuteMsg::SetRecipients { recipients: set }, &[])
                    .unwrap();
            }
            Step::Retire(k) => {
                let owner = s.owner.clone();
                let rec = s.recon(&assets[k]);
                let asset = AssetInfoUnchecked::from(assets[k].clone());
                let retire = ExecuteMsg::RetireAsset {
                    asset: asset.clone(),
                };
                match s.exec(&owner, &retire, &[]) {
                    Ok(_) => {
                        prop_assert!(rec.owed.is_zero() && rec.carried.is_zero());
                        let again = ExecuteMsg::UpdateAssets {
                            add: vec![asset],
                            remove: vec![],
                        };
                        s.exec(&owner, &again, &[]).unwrap();
                        let status = &s.config().assets[k];
                        prop_assert_eq!(&status.info, &assets[k]);
                        prop_assert!(status.accepted && !status.retired);
                    }
                    Err(e) => prop_assert_eq!(
                        e.downcast::<ContractError>().unwrap(),
                        ContractError::AssetStillOwed {
                            asset: assets[k].to_string(),
                            owed: rec.owed,
                            carried: rec.carried,
                        }
                    ),
                }
            }
        }
        // A claims every step
        let a = m.members[0].clone();
        claim_or_nothing(&mut s, &a, None)?;
        check(&s, &m, &assets)?;
    }
    // B claims once at the end: A and B are paid the same, to the unit
    let b = m.members[1].clone();
    claim_or_nothing(&mut s, &b, None)?;
    for a in &assets {
        prop_assert_eq!(s.balance(a, &m.members[0]), s.balance(a, &m.members[1]));
    }
    check(&s, &m, &assets)?;
    Ok(())
}

fn claim_or_nothing(
    s: &mut Suite,
    who: &Addr,
    pick: Option<Vec<AssetInfoUnchecked>>,
) -> Result<(), TestCaseError> {
    let before = s.pending(who);
    match s.claim(who, pick, None) {
        Ok(_) => {}
        Err(e) => {
            let e = e.downcast::<ContractError>().unwrap();
            prop_assert_eq!(
                e,
                ContractError::NothingToClaim {
                    address: who.to_string()
                }
            );
            prop_assert_eq!(s.pending(who), before);
        }
    }
    Ok(())
}

#[allow(clippy::needless_range_loop)] // k and i index several parallel tables
fn check(s: &Suite, m: &Model, assets: &[AssetInfo]) -> Result<(), TestCaseError> {
    s.check_invariants();
    let pending: Vec<Vec<u128>> = m
        .members
        .iter()
        .map(|a| {
            s.pending(a)
                .pending
                .iter()
                .map(|p| p.amount.u128())
                .collect()
        })
        .collect();
    let got = |i: usize, k: usize| -> u128 { s.balance(&assets[k], &m.members[i]) + pending[i][k] };
    for k in 0..3 {
        for i in 0..11 {
            prop_assert!(
                got(i, k) * D <= m.exact[i][k],
                "{} got {} > exact {}/{}",
                NAMES[i],
                got(i, k),
                m.exact[i][k],
                D
            );
        }
        // A (claims every step) and B (never): same total
        prop_assert_eq!(got(0, k), got(1, k));
        // linear split never gains, loses less than one unit per extra piece
        let split = got(3, k) + got(4, k);
        prop_assert!(split <= got(5, k) && got(5, k) <= split + 1);
        // square root: the split pieces earn at least the whole (a gain)
        prop_assert!(got(8, k) + got(9, k) + 1 >= got(10, k));
        prop_assert_eq!(s.balance(&assets[k], &s.fallback), m.fallback[k]);
    }
    // square root: splitting gains curved weight, bounded by √2 × and by linear
    let w = |i: usize| s.member("providers", &m.members[i]).weight.u128();
    let raw = m.raw[8] + m.raw[9];
    prop_assert_eq!(w(10), isqrt_u128(Uint128::new(raw)).u128());
    prop_assert!(w(8) + w(9) >= w(10));
    prop_assert!(w(8) + w(9) <= isqrt_u128(Uint128::new(2 * raw)).u128());
    prop_assert!(w(8) + w(9) <= raw);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_sequences_keep_every_invariant(steps in proptest::collection::vec(step(), 1..40)) {
        run(steps)?;
    }
}
