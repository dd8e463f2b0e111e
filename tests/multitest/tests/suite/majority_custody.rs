//! Issue 11: no majority can take what stakers, depositors and claimants are
//! owed. One test per numbered input of the issue, on the market as
//! `Market::deploy` wires it (governance is its own wasm admin; FAIR has 6
//! decimals; voting 3 days, timelock 1 day, unbonding 14 days), with exact
//! balances and governance's own invariant (FAIR held = staked + pending
//! claims + unsettled deposits, no outstanding allowance) after every step.

use cosmwasm_std::{
    to_json_binary, Addr, Binary, CosmosMsg, Deps, DepsMut, Empty, Env, MessageInfo, Response,
    StdResult, Uint128, WasmMsg,
};
use cw20::{Cw20ExecuteMsg, Cw20QueryMsg};
use cw_multi_test::{AppResponse, ContractWrapper, Executor};
use fairgrid::governance::{self, ProposalStatus, VoteOption};
use fairgrid_governance::ContractError;
use fairgrid_multitest::market::{Market, DAY, FAIR};
use fairgrid_testing::wasm_attr as attr;

const HOLDERS: usize = 10;
const STAKE: u128 = 100 * FAIR;
const START: u128 = 200 * FAIR;
const DEPOSIT: u128 = 10 * FAIR;
const UNBONDING: u64 = 14 * DAY;
const VOTING: u64 = 3 * DAY;

struct World {
    m: Market,
    holders: Vec<Addr>,
    mallory: Addr,
}

/// Ten holders with 200 FAIR each, 100 FAIR of it staked (1,000 FAIR in all).
fn world() -> World {
    let api = cosmwasm_std::testing::MockApi::default();
    let holders: Vec<Addr> = (0..HOLDERS)
        .map(|i| api.addr_make(&format!("holder{i}")))
        .collect();
    let mallory = api.addr_make("mallory");
    let fair: Vec<(&Addr, u128)> = holders.iter().map(|h| (h, START)).collect();
    let mut m = Market::deploy(&fair, &[]);
    let gov = m.governance.clone();
    for h in &holders {
        m.send_fair(h, &gov, STAKE, &governance::ReceiveMsg::Stake {})
            .unwrap();
    }
    m.advance(5);
    let w = World {
        m,
        holders,
        mallory,
    };
    check(&w);
    w
}

fn metrics(m: &Market) -> governance::MetricsResponse {
    m.app
        .wrap()
        .query_wasm_smart(&m.governance, &governance::QueryMsg::Metrics {})
        .unwrap()
}

/// FAIR held by governance = staked + pending claims + unsettled deposits,
/// and no allowance of governance's FAIR is outstanding.
fn check(w: &World) {
    let m = &w.m;
    let x = metrics(m);
    assert_eq!(
        Uint128::new(m.fair_balance(&m.governance)),
        x.total_stake + x.total_claims + x.total_deposits,
        "governance holds exactly what it owes"
    );
    let a: cw20::AllAllowancesResponse = m
        .app
        .wrap()
        .query_wasm_smart(
            &m.token,
            &Cw20QueryMsg::AllAllowances {
                owner: m.governance.to_string(),
                start_after: None,
                limit: Some(1),
            },
        )
        .unwrap();
    assert_eq!(a.allowances, vec![], "no allowance of governance's FAIR");
}

fn propose(w: &mut World, who: usize, msgs: Vec<CosmosMsg>) -> u64 {
    let (gov, h) = (w.m.governance.clone(), w.holders[who].clone());
    let res =
        w.m.send_fair(
            &h,
            &gov,
            DEPOSIT,
            &governance::ReceiveMsg::Propose {
                title: "issue 11".into(),
                description: String::new(),
                msgs,
            },
        )
        .unwrap();
    check(w);
    attr(&res, "proposal_id").parse().unwrap()
}

fn gov_exec(
    w: &mut World,
    who: &Addr,
    msg: &governance::ExecuteMsg,
) -> anyhow::Result<AppResponse> {
    let gov = w.m.governance.clone();
    w.m.app.execute_contract(who.clone(), gov, msg, &[])
}

fn vote(w: &mut World, who: usize, id: u64, vote: VoteOption) {
    let h = w.holders[who].clone();
    gov_exec(
        w,
        &h,
        &governance::ExecuteMsg::Vote {
            proposal_id: id,
            vote,
        },
    )
    .unwrap();
    check(w);
}

fn proposal(w: &World, id: u64) -> governance::ProposalResponse {
    w.m.app
        .wrap()
        .query_wasm_smart(
            &w.m.governance,
            &governance::QueryMsg::Proposal { proposal_id: id },
        )
        .unwrap()
}

fn now(w: &World) -> u64 {
    w.m.app.block_info().time.seconds()
}

fn advance_to(w: &mut World, t: u64) {
    let n = now(w);
    w.m.advance(t - n);
}

/// Everyone votes yes, then the proposal is executed once executable.
fn pass_and_execute(w: &mut World, msgs: Vec<CosmosMsg>) -> (u64, AppResponse) {
    let id = propose(w, 0, msgs);
    w.m.advance(5);
    for i in 0..HOLDERS {
        vote(w, i, id, VoteOption::Yes);
    }
    let t = proposal(w, id).executable_at;
    advance_to(w, t);
    let h = w.holders[1].clone();
    let res = gov_exec(w, &h, &governance::ExecuteMsg::Execute { proposal_id: id }).unwrap();
    check(w);
    (id, res)
}

fn fair_msg(w: &World, msg: &Cw20ExecuteMsg) -> CosmosMsg {
    WasmMsg::Execute {
        contract_addr: w.m.token.to_string(),
        msg: to_json_binary(msg).unwrap(),
        funds: vec![],
    }
    .into()
}

fn self_msg(w: &World, msg: &governance::ExecuteMsg) -> CosmosMsg {
    WasmMsg::Execute {
        contract_addr: w.m.governance.to_string(),
        msg: to_json_binary(msg).unwrap(),
        funds: vec![],
    }
    .into()
}

fn params(w: &World) -> governance::ParamsMsg {
    fairgrid_multitest::market::governance_params(&w.m.community)
}

/// Input 1.
#[test]
fn allowance_drain_ends_execution_failed_and_nothing_owed_becomes_spendable() {
    let mut w = world();
    let mallory = w.mallory.clone();
    let grant = fair_msg(
        &w,
        &Cw20ExecuteMsg::IncreaseAllowance {
            spender: mallory.to_string(),
            amount: Uint128::new(1_000 * FAIR),
            expires: None,
        },
    );
    let (id, res) = pass_and_execute(&mut w, vec![grant]);
    let p = proposal(&w, id);
    assert!(p.class.custody);
    assert_eq!(p.status, ProposalStatus::ExecutionFailed);
    assert!(attr(&res, "error").contains("an allowance of 1000000000 of governance's FAIR"));
    // Stakes all held; the deposit went back to the proposer.
    assert_eq!(w.m.fair_balance(&w.m.governance), 1_000 * FAIR);
    assert_eq!(w.m.fair_balance(&w.holders[0]), START - STAKE);
    // Mallory can neither take the stake nor stake it back as her own.
    let (token, gov) = (w.m.token.clone(), w.m.governance.clone());
    for msg in [
        Cw20ExecuteMsg::TransferFrom {
            owner: gov.to_string(),
            recipient: mallory.to_string(),
            amount: Uint128::new(1_000 * FAIR),
        },
        Cw20ExecuteMsg::SendFrom {
            owner: gov.to_string(),
            contract: gov.to_string(),
            amount: Uint128::new(1_000 * FAIR),
            msg: to_json_binary(&governance::ReceiveMsg::Stake {}).unwrap(),
        },
    ] {
        w.m.app
            .execute_contract(mallory.clone(), token.clone(), &msg, &[])
            .unwrap_err();
    }
    assert_eq!(w.m.fair_balance(&mallory), 0);
    assert_eq!(metrics(&w.m).total_stake, Uint128::new(1_000 * FAIR));
    assert_eq!(w.m.fair_balance(&w.m.governance), 1_000 * FAIR);
    check(&w);
}

// A contract whose migration sends all FAIR governance holds to one address.
#[derive(serde::Serialize, serde::Deserialize, Debug)]
struct Drain {
    token: String,
    to: String,
}

fn drain_migrate(deps: DepsMut, env: Env, msg: Drain) -> StdResult<Response> {
    let held: cw20::BalanceResponse = deps.querier.query_wasm_smart(
        &msg.token,
        &Cw20QueryMsg::Balance {
            address: env.contract.address.to_string(),
        },
    )?;
    Ok(Response::new().add_message(WasmMsg::Execute {
        contract_addr: msg.token,
        msg: to_json_binary(&Cw20ExecuteMsg::Transfer {
            recipient: msg.to,
            amount: held.balance,
        })?,
        funds: vec![],
    }))
}

fn drain_any(
    _d: DepsMut,
    _e: Env,
    _i: MessageInfo,
    _m: serde::de::IgnoredAny,
) -> StdResult<Response> {
    Ok(Response::new())
}

fn drain_query(_d: Deps, _e: Env, _m: Empty) -> StdResult<Binary> {
    Ok(Binary::default())
}

/// Input 2: six of ten pass a migration of governance to a drainer; the four
/// who voted no unstake as soon as it appears and are paid before it can run.
#[test]
fn holders_who_disagree_leave_with_their_stake_before_a_hostile_upgrade() {
    let mut w = world();
    let drain_code = w.m.app.store_code(Box::new(
        ContractWrapper::new(drain_any, drain_any, drain_query).with_migrate(drain_migrate),
    ));
    let mallory = w.mallory.clone();
    let upgrade: CosmosMsg = WasmMsg::Migrate {
        contract_addr: w.m.governance.to_string(),
        new_code_id: drain_code,
        msg: to_json_binary(&Drain {
            token: w.m.token.to_string(),
            to: mallory.to_string(),
        })
        .unwrap(),
    }
    .into();
    let id = propose(&mut w, 0, vec![upgrade]);
    let p = proposal(&w, id);
    assert!(p.class.custody);
    // timelock max(1 day, unbonding 14 days)
    assert_eq!(p.executable_at, p.voting_end + UNBONDING);
    w.m.advance(5);
    for i in 0..6 {
        vote(&mut w, i, id, VoteOption::Yes);
    }
    for i in 6..HOLDERS {
        vote(&mut w, i, id, VoteOption::No);
        let h = w.holders[i].clone();
        gov_exec(
            &mut w,
            &h,
            &governance::ExecuteMsg::Unstake {
                amount: Uint128::new(STAKE),
            },
        )
        .unwrap();
        check(&w);
    }
    // The dissenters' claims mature while the proposal is still timelocked.
    w.m.advance(UNBONDING);
    assert!(now(&w) < p.executable_at);
    assert_eq!(proposal(&w, id).status, ProposalStatus::Passed);
    for i in 6..HOLDERS {
        let h = w.holders[i].clone();
        gov_exec(&mut w, &h, &governance::ExecuteMsg::Claim {}).unwrap();
        assert_eq!(w.m.fair_balance(&h), START);
        check(&w);
    }
    let h = w.holders[1].clone();
    let e = gov_exec(
        &mut w,
        &h,
        &governance::ExecuteMsg::Execute { proposal_id: id },
    )
    .unwrap_err()
    .downcast::<ContractError>()
    .unwrap();
    assert_eq!(
        e,
        ContractError::TimelockNotOver {
            id,
            executable_at: p.executable_at,
            now: now(&w),
        }
    );
    // The yes voters get what they voted for: only their 600 FAIR is left.
    advance_to(&mut w, p.executable_at);
    gov_exec(
        &mut w,
        &h,
        &governance::ExecuteMsg::Execute { proposal_id: id },
    )
    .unwrap();
    assert_eq!(w.m.fair_balance(&mallory), 600 * FAIR);
    assert_eq!(w.m.fair_balance(&w.m.governance), 0);
    for i in 6..HOLDERS {
        assert_eq!(w.m.fair_balance(&w.holders[i]), START);
    }
    // the proposer's deposit was refunded before the upgrade ran
    assert_eq!(w.m.fair_balance(&w.holders[0]), START - STAKE);
}

/// Input 3.
#[test]
fn unbounded_unbonding_period_is_refused_and_unstake_keeps_working() {
    let mut w = world();
    let mut bad = params(&w);
    bad.unbonding_period = cw_utils::Duration::Time(u64::MAX);
    let set = self_msg(&w, &governance::ExecuteMsg::UpdateConfig { params: bad });
    let (id, res) = pass_and_execute(&mut w, vec![set]);
    assert_eq!(proposal(&w, id).status, ProposalStatus::ExecutionFailed);
    let why = attr(&res, "error");
    assert!(why.contains("invalid parameter unbonding_period"), "{why}");
    let c: governance::ConfigResponse =
        w.m.app
            .wrap()
            .query_wasm_smart(&w.m.governance, &governance::QueryMsg::Config {})
            .unwrap();
    assert_eq!(
        c.params.unbonding_period,
        cw_utils::Duration::Time(UNBONDING)
    );
    let h = w.holders[3].clone();
    gov_exec(
        &mut w,
        &h,
        &governance::ExecuteMsg::Unstake {
            amount: Uint128::new(STAKE),
        },
    )
    .unwrap();
    check(&w);
    w.m.advance(UNBONDING);
    gov_exec(&mut w, &h, &governance::ExecuteMsg::Claim {}).unwrap();
    assert_eq!(w.m.fair_balance(&h), START);
    assert_eq!(w.m.fair_balance(&w.m.governance), 900 * FAIR);
    check(&w);
}

/// Input 4.
#[test]
fn guardian_cannot_veto_its_removal_and_always_has_a_timelock_window() {
    let mut w = world();
    let guardian = w.m.addr("guardian");
    let appoint = self_msg(
        &w,
        &governance::ExecuteMsg::UpdateGuardian {
            guardian: Some(guardian.to_string()),
        },
    );
    let (id, _) = pass_and_execute(&mut w, vec![appoint]);
    assert_eq!(proposal(&w, id).status, ProposalStatus::Executed);
    // timelock 0 is refused while a guardian exists
    let mut zero = params(&w);
    zero.timelock = 0;
    let set = self_msg(&w, &governance::ExecuteMsg::UpdateConfig { params: zero });
    let (id, res) = pass_and_execute(&mut w, vec![set]);
    assert_eq!(proposal(&w, id).status, ProposalStatus::ExecutionFailed);
    assert!(attr(&res, "error").contains("while a guardian is set, got 0"));
    // the guardian cannot veto its own removal
    let remove = self_msg(
        &w,
        &governance::ExecuteMsg::UpdateGuardian { guardian: None },
    );
    let id = propose(&mut w, 0, vec![remove]);
    w.m.advance(5);
    for i in 0..HOLDERS {
        vote(&mut w, i, id, VoteOption::Yes);
    }
    let t = proposal(&w, id).voting_end;
    advance_to(&mut w, t);
    assert_eq!(proposal(&w, id).status, ProposalStatus::Passed);
    let e = gov_exec(
        &mut w,
        &guardian,
        &governance::ExecuteMsg::GuardianVeto { proposal_id: id },
    )
    .unwrap_err()
    .downcast::<ContractError>()
    .unwrap();
    assert_eq!(
        e,
        ContractError::GuardianChangeNotVetoable {
            id,
            guardian: guardian.to_string()
        }
    );
    let t = proposal(&w, id).executable_at;
    advance_to(&mut w, t);
    let h = w.holders[2].clone();
    gov_exec(
        &mut w,
        &h,
        &governance::ExecuteMsg::Execute { proposal_id: id },
    )
    .unwrap();
    let c: governance::ConfigResponse =
        w.m.app
            .wrap()
            .query_wasm_smart(&w.m.governance, &governance::QueryMsg::Config {})
            .unwrap();
    assert_eq!(c.guardian, None);
    // three deposits refunded
    assert_eq!(w.m.fair_balance(&w.holders[0]), START - STAKE);
    assert_eq!(w.m.fair_balance(&w.m.governance), 1_000 * FAIR);
    check(&w);
}

/// Input 5.
#[test]
fn oversized_proposal_messages_are_refused_and_listings_filter_on_small_records() {
    let mut w = world();
    let big: CosmosMsg = WasmMsg::Execute {
        contract_addr: w.m.escrow.to_string(),
        msg: Binary::new(vec![b'x'; governance::MAX_MSGS_BYTES]),
        funds: vec![],
    }
    .into();
    let (gov, h) = (w.m.governance.clone(), w.holders[0].clone());
    let e =
        w.m.send_fair(
            &h,
            &gov,
            DEPOSIT,
            &governance::ReceiveMsg::Propose {
                title: "big".into(),
                description: String::new(),
                msgs: vec![big],
            },
        )
        .unwrap_err()
        .downcast::<ContractError>()
        .unwrap();
    assert!(matches!(
        e,
        ContractError::MsgsTooLarge { max, .. } if max == governance::MAX_MSGS_BYTES
    ));
    assert_eq!(w.m.fair_balance(&h), START - STAKE);
    // Three near-limit proposals and one small one; the listing filtered on
    // `open` returns only the open one (its body), with the others skipped
    // without their bodies being read.
    let near: CosmosMsg = WasmMsg::Execute {
        contract_addr: w.m.escrow.to_string(),
        msg: Binary::new(vec![b'x'; governance::MAX_MSGS_BYTES / 2]),
        funds: vec![],
    }
    .into();
    for _ in 0..3 {
        propose(&mut w, 0, vec![near.clone()]);
    }
    w.m.advance(VOTING);
    let open = propose(&mut w, 1, vec![]);
    let list: governance::ProposalsResponse =
        w.m.app
            .wrap()
            .query_wasm_smart(
                &gov,
                &governance::QueryMsg::Proposals {
                    status: Some(ProposalStatus::Open),
                    start_after: None,
                    limit: None,
                },
            )
            .unwrap();
    assert_eq!(
        list.proposals.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![open]
    );
    assert_eq!(
        w.m.fair_balance(&w.m.governance),
        1_000 * FAIR + 4 * DEPOSIT
    );
    check(&w);
}

/// Input 6.
#[test]
fn unvoted_spam_loses_its_deposit_when_only_passed_proposals_are_refunded() {
    let mut w = world();
    let mut strict = params(&w);
    strict.deposit_refund = governance::RefundPolicy::OnlyPassed;
    let set = self_msg(&w, &governance::ExecuteMsg::UpdateConfig { params: strict });
    let (id, _) = pass_and_execute(&mut w, vec![set]);
    assert_eq!(proposal(&w, id).status, ProposalStatus::Executed);
    let community = w.m.community.clone();
    let before = w.m.fair_balance(&community);
    let spam = propose(&mut w, 5, vec![]);
    assert_eq!(
        proposal(&w, spam).terms.deposit_refund,
        governance::RefundPolicy::OnlyPassed
    );
    let t = proposal(&w, spam).voting_end;
    advance_to(&mut w, t);
    assert_eq!(proposal(&w, spam).status, ProposalStatus::Rejected);
    let h = w.holders[9].clone();
    gov_exec(
        &mut w,
        &h,
        &governance::ExecuteMsg::CloseProposal { proposal_id: spam },
    )
    .unwrap();
    assert_eq!(w.m.fair_balance(&w.holders[5]), START - STAKE - DEPOSIT);
    assert_eq!(w.m.fair_balance(&community), before + DEPOSIT);
    assert_eq!(w.m.fair_balance(&w.m.governance), 1_000 * FAIR);
    check(&w);
}

/// Input 7: governance migrates the escrow and the distributor, then itself;
/// every stored record of the first two reads back byte for byte, and every
/// staker's stake, claims and the totals read back exactly.
#[test]
fn migrations_by_proposal_keep_every_record() {
    let mut w = world();
    let h = w.holders[4].clone();
    gov_exec(
        &mut w,
        &h,
        &governance::ExecuteMsg::Unstake {
            amount: Uint128::new(STAKE / 2),
        },
    )
    .unwrap();
    let code = |w: &World, a: &Addr| w.m.app.wrap().query_wasm_contract_info(a).unwrap().code_id;
    let migrate = |w: &World, a: &Addr, msg: Binary| -> CosmosMsg {
        WasmMsg::Migrate {
            contract_addr: a.to_string(),
            new_code_id: code(w, a),
            msg,
        }
        .into()
    };
    let (escrow, distributor, gov) = (
        w.m.escrow.clone(),
        w.m.distributor.clone(),
        w.m.governance.clone(),
    );
    let raw_escrow = w.m.app.dump_wasm_raw(&escrow);
    let raw_distributor = w.m.app.dump_wasm_raw(&distributor);
    let msgs = vec![
        migrate(
            &w,
            &escrow,
            to_json_binary(&fairgrid::escrow::MigrateMsg {}).unwrap(),
        ),
        migrate(
            &w,
            &distributor,
            to_json_binary(&fairgrid::distributor::MigrateMsg {}).unwrap(),
        ),
    ];
    let (id, _) = pass_and_execute(&mut w, msgs);
    assert_eq!(proposal(&w, id).status, ProposalStatus::Executed);
    assert_eq!(w.m.app.dump_wasm_raw(&escrow), raw_escrow);
    assert_eq!(w.m.app.dump_wasm_raw(&distributor), raw_distributor);

    let view = |w: &World| {
        let q = w.m.app.wrap();
        let mut v = vec![format!("{:?}", metrics(&w.m))];
        for h in &w.holders {
            let s: governance::StakeResponse = q
                .query_wasm_smart(
                    &gov,
                    &governance::QueryMsg::Stake {
                        address: h.to_string(),
                    },
                )
                .unwrap();
            let c: governance::ClaimsResponse = q
                .query_wasm_smart(
                    &gov,
                    &governance::QueryMsg::Claims {
                        address: h.to_string(),
                    },
                )
                .unwrap();
            v.push(format!("{s:?} {c:?}"));
        }
        v
    };
    let before = view(&w);
    let me = migrate(
        &w,
        &gov,
        to_json_binary(&governance::MigrateMsg::default()).unwrap(),
    );
    let (id, res) = pass_and_execute(&mut w, vec![me]);
    assert_eq!(attr(&res, "to_layout"), "3");
    let p = proposal(&w, id);
    assert!(p.class.custody);
    assert_eq!(p.status, ProposalStatus::Executed);
    assert_eq!(view(&w), before);
    // 950 FAIR staked + 50 FAIR claimed
    assert_eq!(w.m.fair_balance(&gov), 1_000 * FAIR);
    check(&w);
}

/// A majority that re-points the stakers pool at another source (so the pool
/// refuses governance's weight changes) cannot hold the others' FAIR by it:
/// unstaking still works, the refused hook is reported, and the claim pays
/// the whole stake after the unbonding period.
#[test]
fn a_majority_that_breaks_the_stakers_pool_cannot_block_unstaking() {
    let mut w = world();
    let dist = w.m.distributor.clone();
    let repoint = WasmMsg::Execute {
        contract_addr: dist.to_string(),
        msg: to_json_binary(&fairgrid::distributor::ExecuteMsg::UpdatePool {
            pool_id: fairgrid_multitest::market::STAKERS_POOL.into(),
            source: Some(w.mallory.to_string()),
            curve: None,
        })
        .unwrap(),
        funds: vec![],
    };
    let (id, _) = pass_and_execute(&mut w, vec![repoint.into()]);
    assert_eq!(proposal(&w, id).status, ProposalStatus::Executed);
    let leaver = w.holders[9].clone();
    let res = gov_exec(
        &mut w,
        &leaver,
        &governance::ExecuteMsg::Unstake {
            amount: Uint128::new(STAKE),
        },
    )
    .unwrap();
    check(&w);
    let reported: Vec<(String, String)> = res
        .events
        .iter()
        .filter(|e| {
            e.attributes
                .iter()
                .any(|a| a.key == "action" && a.value == "weight_hook_failed")
        })
        .flat_map(|e| e.attributes.iter())
        .filter(|a| a.key == "staker")
        .map(|a| (a.key.clone(), a.value.clone()))
        .collect();
    assert_eq!(reported, vec![("staker".to_string(), leaver.to_string())]);
    let t = now(&w) + UNBONDING;
    advance_to(&mut w, t);
    let before = w.m.fair_balance(&leaver);
    gov_exec(&mut w, &leaver, &governance::ExecuteMsg::Claim {}).unwrap();
    check(&w);
    assert_eq!(w.m.fair_balance(&leaver), before + STAKE);
}
