//! Random stake, vote and proposal histories run on the real contract and
//! token. After every step the invariants hold; at the end, for EVERY height
//! seen, the snapshotted stake of each user and the total power equal the
//! model, and every proposal's decision equals a direct recomputation from
//! the model's ballots.
use super::*;
use crate::math::Outcome;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Step {
    Stake(usize, u128),
    Unstake(usize, u128),
    NextBlock(u64),
    Propose(usize),
    Vote(usize, u8),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0usize..5, 1u128..3_000).prop_map(|(u, a)| Step::Stake(u, a)),
        1 => (0usize..5, 1u128..3_000).prop_map(|(u, a)| Step::Unstake(u, a)),
        2 => (1u64..40).prop_map(Step::NextBlock),
        1 => (0usize..5).prop_map(Step::Propose),
        3 => (0usize..5, 0u8..4).prop_map(|(u, o)| Step::Vote(u, o)),
    ]
}

/// Current ballot (option code, power) per user index.
type Ballots = BTreeMap<usize, (u8, Uint128)>;

struct Model {
    stakes: Vec<Uint128>,
    /// Stakes at the start of each height seen.
    history: BTreeMap<u64, Vec<Uint128>>,
    /// Per proposal: start height, and current ballot (option, power) per user.
    ballots: BTreeMap<u64, (u64, Ballots)>,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_histories_keep_power_snapshots_tallies_and_decisions_exact(
        sqrt in any::<bool>(),
        min_stake in 0u128..300,
        cap in 1_000u16..=10_000,
        quorum in 0u16..=6_000,
        steps in prop::collection::vec(step(), 1..40),
    ) {
        let curve = if sqrt { Curve::SquareRoot } else { Curve::Linear };
        let mut params = default_params(&treasury_addr());
        params.cap = bps(cap);
        params.quorum = bps(quorum);
        let mut s = Suite::with(Setup { curve, min_stake: u(min_stake), params: Some(params.clone()), ..Setup::default() });
        let users: Vec<Addr> = s.users[..5].to_vec();
        let power = |x: Uint128| math::power(x, curve, u(min_stake));
        let mut m = Model {
            stakes: vec![Uint128::zero(); 5],
            history: BTreeMap::new(),
            ballots: BTreeMap::new(),
        };
        m.history.insert(s.height(), m.stakes.clone());
        for st in steps {
            match st {
                Step::Stake(i, a) => {
                    s.stake(&users[i], a).unwrap();
                    m.stakes[i] += u(a);
                }
                Step::Unstake(i, a) => {
                    let a = u(a).min(m.stakes[i]);
                    if a.is_zero() {
                        continue;
                    }
                    s.unstake(&users[i], a.u128()).unwrap();
                    m.stakes[i] -= a;
                }
                Step::NextBlock(secs) => {
                    s.advance(secs);
                    m.history.insert(s.height(), m.stakes.clone());
                }
                Step::Propose(i) => {
                    let id = s.propose(&users[i]);
                    m.ballots.insert(id, (s.height(), BTreeMap::new()));
                }
                Step::Vote(i, o) => {
                    let Some((&id, _)) = m.ballots.iter().next_back() else { continue };
                    let p = s.proposal(id);
                    let at = &m.history[&p.start_height];
                    let total: Uint128 = at.iter().map(|x| power(*x)).sum();
                    prop_assert_eq!(p.total_power, total);
                    let expect = math::capped_power(at[i], curve, u(min_stake), bps(cap), total);
                    let vote = crate::state::option_from_code(o);
                    let res = s.vote(&users[i], id, vote);
                    if s.now() >= p.voting_end {
                        let ok = matches!(err(res.unwrap_err()), ContractError::VotingClosed { .. });
                        prop_assert!(ok);
                    } else if expect.is_zero() {
                        let ok = matches!(err(res.unwrap_err()), ContractError::NoVotingPower { .. });
                        prop_assert!(ok);
                    } else {
                        res.unwrap();
                        m.ballots.get_mut(&id).unwrap().1.insert(i, (o, expect));
                    }
                }
            }
            s.check();
            let h = s.height();
            let total: Uint128 = m.history[&h].iter().map(|x| power(*x)).sum();
            prop_assert_eq!(s.total_power(Some(h)), total);
        }
        // every height seen: stakes and total as they were at the start of it
        for (h, at) in &m.history {
            let total: Uint128 = at.iter().map(|x| power(*x)).sum();
            prop_assert_eq!(s.total_power(Some(*h)), total, "total at {}", h);
            for (i, who) in users.iter().enumerate() {
                prop_assert_eq!(s.power_at(who, Some(*h)).stake, at[i], "stake at {}", h);
            }
        }
        // decisions equal a direct recomputation from the model's ballots
        s.advance(params.voting_period + 1);
        for (id, (start, ballots)) in &m.ballots {
            let mut sums = [0u128; 4];
            for (o, p) in ballots.values() {
                sums[*o as usize] += p.u128();
            }
            let [y, n, a, v] = sums;
            let turnout = y + n + a + v;
            let total = m.history[start].iter().map(|x| power(*x)).sum::<Uint128>().u128();
            let quorum_met = turnout > 0 && turnout * 10_000 >= total * quorum as u128;
            let expect = if !quorum_met {
                Outcome::Rejected
            } else if v > 0 && v * 10_000 >= turnout * 3_334 {
                Outcome::Vetoed
            } else if y + n > 0 && y * 10_000 >= (y + n) * 5_000 {
                Outcome::Passed
            } else {
                Outcome::Rejected
            };
            let p = s.proposal(*id);
            prop_assert_eq!(p.tally.yes.u128(), y);
            let status = match expect {
                Outcome::Rejected => ProposalStatus::Rejected,
                Outcome::Vetoed => ProposalStatus::Vetoed,
                Outcome::Passed => if s.now() < p.executable_at { ProposalStatus::Passed } else { ProposalStatus::Executable },
            };
            prop_assert_eq!(p.status, status, "proposal {}", id);
        }
    }
}
