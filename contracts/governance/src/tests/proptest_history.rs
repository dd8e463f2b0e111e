//! Random stake, vote, execute and close histories run on the real contract
//! and token. After every step the invariants hold (`Suite::check`); every
//! vote's power, every execute and close outcome, and every status equal the
//! model's direct recomputation; at the end, for EVERY height seen, the
//! snapshotted stake of each user and the total power equal the model.
//! Proposals also carry FAIR messages of every kind (transfer, send as a
//! stake or as a deposit, burn, allowance, transfer_from, send_from,
//! burn_from, migrate of governance): each ends `execution_failed`, and after
//! every step FAIR held = staked + pending claims + unsettled deposits and no
//! allowance of governance's FAIR is outstanding (`Suite::check`).
use std::collections::BTreeSet;

use super::*;
use crate::math::Outcome;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Step {
    Stake(usize, u128),
    Unstake(usize, u128),
    NextBlock(u64),
    Propose(usize),
    /// Proposer, kind of FAIR message (see `fair_msg`), amount.
    ProposeFair(usize, u8, u128),
    /// Voter, option, and which proposal (index into those created so far).
    Vote(usize, u8, usize),
    Execute(usize),
    Close(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0usize..5, 1u128..3_000).prop_map(|(u, a)| Step::Stake(u, a)),
        1 => (0usize..5, 1u128..3_000).prop_map(|(u, a)| Step::Unstake(u, a)),
        3 => (1u64..30).prop_map(Step::NextBlock),
        1 => (90u64..160).prop_map(Step::NextBlock),
        2 => (0usize..5).prop_map(Step::Propose),
        2 => (0usize..5, 0u8..FAIR_KINDS, 1u128..3_000).prop_map(|(u, k, a)| Step::ProposeFair(u, k, a)),
        4 => (0usize..5, prop_oneof![3 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8), 1 => Just(3u8)], 0usize..8)
            .prop_map(|(u, o, p)| Step::Vote(u, o, p)),
        2 => (0usize..8).prop_map(Step::Execute),
        2 => (0usize..8).prop_map(Step::Close),
    ]
}

/// Current ballot (option code, power) per user index.
type Ballots = BTreeMap<usize, (u8, Uint128)>;

#[derive(Default)]
struct Model {
    stakes: Vec<Uint128>,
    /// Stakes at the start of each height seen.
    history: BTreeMap<u64, Vec<Uint128>>,
    /// Per proposal: start height and current ballots.
    ballots: BTreeMap<u64, (u64, Ballots)>,
    executed: BTreeSet<u64>,
    /// Proposals carrying a FAIR message: their execution fails.
    fair: BTreeSet<u64>,
    failed: BTreeSet<u64>,
    settled: BTreeSet<u64>,
}

struct Rules {
    curve: Curve,
    min_stake: Uint128,
    quorum: u16,
}

impl Rules {
    fn power(&self, x: Uint128) -> Uint128 {
        math::power(x, self.curve, self.min_stake)
    }

    fn total(&self, at: &[Uint128]) -> Uint128 {
        at.iter().map(|x| self.power(*x)).sum()
    }

    /// Direct recomputation of the outcome (threshold 50 %, veto 33.34 %).
    fn outcome(&self, m: &Model, id: u64) -> Outcome {
        let (start, ballots) = &m.ballots[&id];
        let mut sums = [0u128; 4];
        for (o, p) in ballots.values() {
            sums[*o as usize] += p.u128();
        }
        let [y, n, a, v] = sums;
        let turnout = y + n + a + v;
        let total = self.total(&m.history[start]).u128();
        let quorum_met = turnout > 0 && turnout * 10_000 >= total * self.quorum as u128;
        if !quorum_met {
            Outcome::Rejected
        } else if v > 0 && v * 10_000 >= turnout * 3_334 {
            Outcome::Vetoed
        } else if y + n > 0 && y * 10_000 >= (y + n) * 5_000 {
            Outcome::Passed
        } else {
            Outcome::Rejected
        }
    }

    fn status(&self, s: &Suite, m: &Model, id: u64) -> ProposalStatus {
        let p = s.proposal(id);
        let now = s.now();
        if m.executed.contains(&id) {
            return ProposalStatus::Executed;
        }
        if m.failed.contains(&id) {
            return ProposalStatus::ExecutionFailed;
        }
        if now < p.voting_end {
            return ProposalStatus::Open;
        }
        match self.outcome(m, id) {
            Outcome::Rejected => ProposalStatus::Rejected,
            Outcome::Vetoed => ProposalStatus::Vetoed,
            Outcome::Passed if now < p.executable_at => ProposalStatus::Passed,
            Outcome::Passed if now < p.expires_at => ProposalStatus::Executable,
            Outcome::Passed => ProposalStatus::Expired,
        }
    }
}

const FAIR_KINDS: u8 = 9;

/// A proposal message of kind `k` over `a` base units of governance's FAIR.
fn fair_msg(s: &Suite, k: u8, a: u128, to: &Addr) -> CosmosMsg {
    let gov = s.gov.to_string();
    let cw20 = |m: Cw20ExecuteMsg| -> CosmosMsg {
        cosmwasm_std::WasmMsg::Execute {
            contract_addr: s.token.to_string(),
            msg: to_json_binary(&m).unwrap(),
            funds: vec![],
        }
        .into()
    };
    let hook = |m: &ReceiveMsg| to_json_binary(m).unwrap();
    let amount = u(a);
    match k {
        0 => cw20(Cw20ExecuteMsg::Transfer {
            recipient: to.to_string(),
            amount,
        }),
        1 => cw20(Cw20ExecuteMsg::Send {
            contract: gov,
            amount,
            msg: hook(&ReceiveMsg::Stake {}),
        }),
        2 => cw20(Cw20ExecuteMsg::Send {
            contract: gov,
            amount,
            msg: hook(&ReceiveMsg::Propose {
                title: "t".into(),
                description: String::new(),
                msgs: vec![],
            }),
        }),
        3 => cw20(Cw20ExecuteMsg::Burn { amount }),
        4 => cw20(Cw20ExecuteMsg::IncreaseAllowance {
            spender: to.to_string(),
            amount,
            expires: None,
        }),
        5 => cw20(Cw20ExecuteMsg::TransferFrom {
            owner: gov,
            recipient: to.to_string(),
            amount,
        }),
        6 => cw20(Cw20ExecuteMsg::SendFrom {
            owner: gov.clone(),
            contract: gov,
            amount,
            msg: hook(&ReceiveMsg::Stake {}),
        }),
        7 => cw20(Cw20ExecuteMsg::BurnFrom { owner: gov, amount }),
        _ => cosmwasm_std::WasmMsg::Migrate {
            contract_addr: gov,
            new_code_id: s.code_id,
            msg: to_json_binary(&fairgrid::governance::MigrateMsg::default()).unwrap(),
        }
        .into(),
    }
}

fn pick(m: &Model, i: usize) -> Option<u64> {
    let ids: Vec<u64> = m.ballots.keys().copied().collect();
    ids.get(i % ids.len().max(1)).copied()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_histories_keep_power_snapshots_tallies_and_decisions_exact(
        sqrt in any::<bool>(),
        min_stake in 0u128..300,
        cap in 1_000u16..=10_000,
        quorum in 0u16..=4_000,
        initial in prop::collection::vec(0u128..3_000, 5),
        steps in prop::collection::vec(step(), 1..40),
    ) {
        let curve = if sqrt { Curve::SquareRoot } else { Curve::Linear };
        let mut params = default_params(&treasury_addr());
        params.cap = bps(cap);
        params.quorum = bps(quorum);
        let mut s = Suite::with(Setup { curve, min_stake: u(min_stake), params: Some(params.clone()), ..Setup::default() });
        let users: Vec<Addr> = s.users[..5].to_vec();
        let r = Rules { curve, min_stake: u(min_stake), quorum };
        let mut m = Model { stakes: vec![Uint128::zero(); 5], ..Model::default() };
        m.history.insert(s.height(), m.stakes.clone());
        for (i, a) in initial.iter().enumerate() {
            if *a > 0 {
                s.stake(&users[i], *a).unwrap();
                m.stakes[i] += u(*a);
            }
        }
        s.advance(5);
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
                Step::ProposeFair(i, k, a) => {
                    let msg = fair_msg(&s, k, a, &users[(i + 1) % 5]);
                    let id = s.propose_msgs(&users[i], 100, vec![msg]).unwrap();
                    prop_assert_eq!(s.proposal(id).class.custody, k != 0);
                    m.ballots.insert(id, (s.height(), BTreeMap::new()));
                    m.fair.insert(id);
                }
                Step::Vote(i, o, p) => {
                    let Some(id) = pick(&m, p) else { continue };
                    let p = s.proposal(id);
                    let at = &m.history[&p.start_height];
                    let total = r.total(at);
                    prop_assert_eq!(p.total_power, total);
                    let expect = math::capped_power(at[i], curve, u(min_stake), bps(cap), total);
                    let res = s.vote(&users[i], id, crate::state::option_from_code(o));
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
                Step::Execute(p) => {
                    let Some(id) = pick(&m, p) else { continue };
                    let status = r.status(&s, &m, id);
                    let res = s.execute(id);
                    if status == ProposalStatus::Executable {
                        res.unwrap();
                        if m.fair.contains(&id) {
                            m.failed.insert(id);
                        } else {
                            m.executed.insert(id);
                        }
                        m.settled.insert(id);
                    } else {
                        let e = err(res.unwrap_err());
                        let ok = match status {
                            ProposalStatus::Passed => matches!(e, ContractError::TimelockNotOver { .. }),
                            ProposalStatus::Executed | ProposalStatus::ExecutionFailed => matches!(e, ContractError::AlreadyExecuted { .. }),
                            ProposalStatus::Expired => matches!(e, ContractError::ProposalExpired { .. }),
                            _ => e == ContractError::NotPassed { id, status },
                        };
                        prop_assert!(ok, "{:?} on {:?}", e, status);
                    }
                }
                Step::Close(p) => {
                    let Some(id) = pick(&m, p) else { continue };
                    let status = r.status(&s, &m, id);
                    let finished = matches!(
                        status,
                        ProposalStatus::Rejected | ProposalStatus::Vetoed | ProposalStatus::Expired | ProposalStatus::Executed | ProposalStatus::ExecutionFailed
                    );
                    let res = s.close(id);
                    if finished && !m.settled.contains(&id) {
                        let to = attr(&res.unwrap(), "deposit_to");
                        let expect_to = if status == ProposalStatus::Vetoed {
                            s.treasury.to_string()
                        } else {
                            s.proposal(id).proposer.to_string()
                        };
                        prop_assert_eq!(to, expect_to);
                        m.settled.insert(id);
                    } else if finished {
                        prop_assert_eq!(err(res.unwrap_err()), ContractError::DepositAlreadySettled { id });
                    } else {
                        prop_assert_eq!(err(res.unwrap_err()), ContractError::NotFinished { id, status });
                    }
                }
            }
            s.check();
            let h = s.height();
            prop_assert_eq!(s.total_power(Some(h)), r.total(&m.history[&h]));
            for id in m.ballots.keys() {
                prop_assert_eq!(s.status(*id), r.status(&s, &m, *id), "proposal {}", id);
                prop_assert_eq!(s.proposal(*id).deposit_settled, m.settled.contains(id));
            }
        }
        // every height seen: stakes and total as they were at the start of it
        for (h, at) in &m.history {
            prop_assert_eq!(s.total_power(Some(*h)), r.total(at), "total at {}", h);
            for (i, who) in users.iter().enumerate() {
                prop_assert_eq!(s.power_at(who, Some(*h)).stake, at[i], "stake at {}", h);
            }
        }
        // every decision once voting is over; then, after the timelock,
        // execute what passed and close the rest: all deposits settle
        s.advance(params.voting_period + 1);
        for id in m.ballots.keys() {
            prop_assert_eq!(s.status(*id), r.status(&s, &m, *id), "proposal {}", id);
        }
        s.advance(params.timelock);
        let ids: Vec<u64> = m.ballots.keys().copied().collect();
        for id in ids {
            match r.status(&s, &m, id) {
                ProposalStatus::Executable => {
                    s.execute(id).unwrap();
                    if m.fair.contains(&id) {
                        m.failed.insert(id);
                    } else {
                        m.executed.insert(id);
                    }
                    m.settled.insert(id);
                }
                ProposalStatus::Passed | ProposalStatus::Open => prop_assert!(false, "still pending"),
                _ if !m.settled.contains(&id) => {
                    s.close(id).unwrap();
                    m.settled.insert(id);
                }
                _ => {}
            }
            s.check();
            prop_assert_eq!(s.status(id), r.status(&s, &m, id));
        }
        let metrics = s.metrics();
        prop_assert_eq!(metrics.total_deposits, Uint128::zero());
        prop_assert_eq!(s.fair(&s.gov), metrics.total_stake + metrics.total_claims);
    }
}
