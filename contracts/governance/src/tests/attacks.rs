//! The attacks of the issue, each a named test.
use super::lifecycle::{pay_native, staked_suite};
use super::*;

#[test]
fn flash_stake_in_start_block_gives_no_power() {
    let mut s = staked_suite(Setup::default());
    let (alice, erin) = (s.user("alice"), s.user("erin"));
    // erin stakes in the very block the proposal is created, before and after it
    s.stake(&erin, 5_000).unwrap();
    let id = s.propose(&alice);
    s.stake(&erin, 5_000).unwrap();
    s.check();
    let h = s.proposal(id).start_height;
    assert_eq!(s.proposal(id).total_power, u(1_000));
    let before = s.snapshot();
    assert_eq!(
        err(s.vote(&erin, id, VoteOption::No).unwrap_err()),
        ContractError::NoVotingPower {
            voter: erin.to_string(),
            id,
            height: h
        }
    );
    assert_eq!(s.snapshot(), before);
    // still nothing in later blocks: power is read at the start height
    s.next_block();
    assert!(s.vote(&erin, id, VoteOption::No).is_err());
    s.vote(&alice, id, VoteOption::Yes).unwrap();
    s.set_time(s.proposal(id).voting_end);
    assert_eq!(s.status(id), ProposalStatus::Passed);
    s.check();
}

#[test]
fn vote_then_unstake_and_restake_from_another_address_cannot_vote_twice() {
    // no unbonding delay, so the tokens can move while the vote is open
    let mut params = default_params(&treasury_addr());
    params.unbonding_period = Duration::Time(0);
    let mut s = staked_suite(Setup {
        params: Some(params),
        ..Setup::default()
    });
    let (alice, erin) = (s.user("alice"), s.user("erin"));
    let id = s.propose(&alice);
    s.vote(&alice, id, VoteOption::Yes).unwrap();
    // alice moves her tokens out...
    s.unstake(&alice, 400).unwrap();
    s.claim(&alice).unwrap();
    // ...to erin, who stakes them
    s.app
        .execute_contract(
            alice.clone(),
            s.token.clone(),
            &Cw20ExecuteMsg::Transfer {
                recipient: erin.to_string(),
                amount: u(400),
            },
            &[],
        )
        .unwrap();
    s.stake(&erin, 400).unwrap();
    s.check();
    let h = s.proposal(id).start_height;
    refused(
        &mut s,
        ContractError::NoVotingPower {
            voter: erin.to_string(),
            id,
            height: h,
        },
        |s| s.vote(&erin, id, VoteOption::Yes),
    );
    // alice's ballot keeps its start-height power, counted once
    assert_eq!(s.tally(id).yes, u(400));
    // and re-voting replaces the ballot, never adds it twice
    s.vote(&alice, id, VoteOption::Yes).unwrap();
    assert_eq!(s.tally(id).yes, u(400));
    s.check();
}

#[test]
fn whale_with_90_percent_under_square_root_and_10_percent_cap_cannot_pass_alone() {
    let mut params = default_params(&treasury_addr());
    params.cap = bps(1_000);
    let mut s = Suite::with(Setup {
        curve: Curve::SquareRoot,
        params: Some(params),
        extra_users: 4,
        ..Setup::default()
    });
    let whale = s.user("whale");
    let rest: Vec<Addr> = s.users.iter().filter(|a| **a != whale).cloned().collect();
    assert_eq!(rest.len(), 9);
    // whale 810_000 (90 %), nine others 10_000 each (10 % together)
    s.stake(&whale, 810_000).unwrap();
    for a in &rest {
        s.stake(a, 10_000).unwrap();
    }
    s.next_block();
    s.check();
    assert_eq!(s.metrics().total_stake, u(900_000));
    let id = s
        .propose_msgs(&whale, 100, vec![pay_native(&whale, 500)])
        .unwrap();
    // power: whale sqrt = 900, each other 100; total 1800; cap 180
    assert_eq!(s.proposal(id).total_power, u(1_800));
    s.vote(&whale, id, VoteOption::Yes).unwrap();
    for a in &rest {
        s.vote(a, id, VoteOption::No).unwrap();
    }
    s.check();
    let t = s.tally(id);
    assert_eq!((t.yes, t.no), (u(180), u(900)));
    s.set_time(s.proposal(id).executable_at);
    assert_eq!(s.status(id), ProposalStatus::Rejected);
    assert_eq!(
        err(s.execute(id).unwrap_err()),
        ContractError::NotPassed {
            id,
            status: ProposalStatus::Rejected
        }
    );
    // even if only two of the nine oppose, the whale still loses
    let id = s
        .propose_msgs(&whale, 100, vec![pay_native(&whale, 500)])
        .unwrap();
    s.vote(&whale, id, VoteOption::Yes).unwrap();
    s.vote(&rest[0], id, VoteOption::No).unwrap();
    s.vote(&rest[1], id, VoteOption::No).unwrap();
    s.set_time(s.proposal(id).voting_end);
    assert_eq!(s.status(id), ProposalStatus::Rejected);
    s.check();
}

#[test]
fn splitting_stake_into_dust_accounts_under_min_stake_gains_nothing() {
    let mut s = Suite::with(Setup {
        curve: Curve::SquareRoot,
        min_stake: u(1_000),
        extra_users: 10,
        ..Setup::default()
    });
    let alice = s.user("alice");
    // honest: alice stakes 10_000 in one account → power 100
    s.stake(&alice, 10_000).unwrap();
    // attacker: 10_000 split into ten accounts of 999 (+ remainder kept)
    let dust: Vec<Addr> = (0..10).map(|i| s.user(&format!("user{i}"))).collect();
    for d in &dust {
        s.stake(d, 999).unwrap();
    }
    s.next_block();
    s.check();
    assert_eq!(s.total_power(None), u(100));
    for d in &dust {
        assert_eq!(s.power_at(d, None).power, u(0));
    }
    let id = s.propose(&alice);
    for d in dust.clone() {
        let h = s.proposal(id).start_height;
        refused(
            &mut s,
            ContractError::NoVotingPower {
                voter: d.to_string(),
                id,
                height: h,
            },
            |s| s.vote(&d, id, VoteOption::No),
        );
    }
    // the dust raised neither the total (quorum denominator) nor the HHI count
    assert_eq!(s.proposal(id).total_power, u(100));
    assert_eq!(s.metrics().power_hhi_bps, 10_000);
}

#[test]
fn failing_proposal_message_does_not_block_later_proposals() {
    let mut s = staked_suite(Setup::default());
    let (alice, bob) = (s.user("alice"), s.user("bob"));
    // the contract holds 1_000 ujuno: the first message succeeds, the second fails
    let bad = s
        .propose_msgs(
            &alice,
            100,
            vec![pay_native(&bob, 10), pay_native(&bob, 1_000_000)],
        )
        .unwrap();
    let good = s
        .propose_msgs(&alice, 100, vec![pay_native(&bob, 7)])
        .unwrap();
    s.vote(&alice, bad, VoteOption::Yes).unwrap();
    s.vote(&alice, good, VoteOption::Yes).unwrap();
    s.set_time(s.proposal(bad).executable_at);
    let alice_fair = s.fair(&alice);
    let res = s.execute(bad).unwrap();
    assert_eq!(attr(&res, "action"), "execute");
    assert!(res
        .events
        .iter()
        .flat_map(|e| &e.attributes)
        .any(|a| a.key == "action" && a.value == "execution_failed"));
    s.check();
    let p = s.proposal(bad);
    assert_eq!(p.status, ProposalStatus::ExecutionFailed);
    // the whole sub-call reverted: bob got nothing from the first message
    assert_eq!(
        s.app.wrap().query_balance(&bob, NATIVE).unwrap().amount,
        u(0)
    );
    // the deposit was still refunded (the proposal passed)
    assert_eq!(s.fair(&alice), alice_fair + u(100));
    // final: it cannot be retried
    assert_eq!(
        err(s.execute(bad).unwrap_err()),
        ContractError::AlreadyExecuted {
            id: bad,
            status: ProposalStatus::ExecutionFailed
        }
    );
    // the later proposal executes
    s.execute(good).unwrap();
    s.check();
    assert_eq!(s.status(good), ProposalStatus::Executed);
    assert_eq!(
        s.app.wrap().query_balance(&bob, NATIVE).unwrap().amount,
        u(7)
    );
}

#[test]
fn proposal_spam_costs_the_deposit() {
    let mut s = staked_suite(Setup::default());
    let (alice, bob, erin) = (s.user("alice"), s.user("bob"), s.user("erin"));
    let before = s.fair(&erin);
    // erin has no stake but pays deposits; each spam proposal locks 100 FAIR
    let ids: Vec<u64> = (0..3).map(|_| s.propose(&erin)).collect();
    assert_eq!(s.fair(&erin), before - u(300));
    assert_eq!(s.metrics().total_deposits, u(300));
    s.check();
    for id in &ids {
        s.vote(&alice, *id, VoteOption::Veto).unwrap();
        s.vote(&bob, *id, VoteOption::No).unwrap();
    }
    s.set_time(s.proposal(ids[2]).voting_end);
    for id in &ids {
        assert_eq!(s.status(*id), ProposalStatus::Vetoed);
        s.close(*id).unwrap();
        s.check();
    }
    // vetoed spam: the deposits went to the treasury, not back to erin
    assert_eq!(s.fair(&erin), before - u(300));
    assert_eq!(s.fair(&s.treasury), u(300));
    // and no deposit, no proposal
    let token = s.token.clone();
    assert!(s
        .send(
            &token,
            &erin,
            1,
            &ReceiveMsg::Propose {
                title: "t".into(),
                description: "d".into(),
                msgs: vec![]
            }
        )
        .is_err());
}

#[test]
fn proposal_message_cannot_rerun_another_proposal() {
    let mut s = staked_suite(Setup::default());
    let (alice, bob) = (s.user("alice"), s.user("bob"));
    let first = s
        .propose_msgs(&alice, 100, vec![pay_native(&bob, 5)])
        .unwrap();
    let rerun: CosmosMsg = cosmwasm_std::WasmMsg::Execute {
        contract_addr: s.gov.to_string(),
        msg: to_json_binary(&ExecuteMsg::RunProposal { proposal_id: first }).unwrap(),
        funds: vec![],
    }
    .into();
    let second = s.propose_msgs(&alice, 100, vec![rerun]).unwrap();
    s.vote(&alice, first, VoteOption::Yes).unwrap();
    s.vote(&alice, second, VoteOption::Yes).unwrap();
    s.set_time(s.proposal(first).executable_at);
    s.execute(first).unwrap();
    s.execute(second).unwrap();
    s.check();
    assert_eq!(s.status(second), ProposalStatus::ExecutionFailed);
    // bob was paid once
    assert_eq!(
        s.app.wrap().query_balance(&bob, NATIVE).unwrap().amount,
        u(5)
    );
}

fn fair_transfer(s: &Suite, to: &Addr, amount: u128) -> CosmosMsg {
    cosmwasm_std::WasmMsg::Execute {
        contract_addr: s.token.to_string(),
        msg: to_json_binary(&Cw20ExecuteMsg::Transfer {
            recipient: to.to_string(),
            amount: u(amount),
        })
        .unwrap(),
        funds: vec![],
    }
    .into()
}

/// A proposal may spend FAIR the contract holds beyond what it owes (the
/// treasury), never the stakes, pending claims or other proposals' deposits.
#[test]
fn proposal_cannot_spend_stakers_fair_only_surplus() {
    let mut s = staked_suite(Setup::default());
    let (alice, bob, erin) = (s.user("alice"), s.user("bob"), s.user("erin"));
    // 50 FAIR of surplus arrives as a plain transfer (e.g. the treasury share)
    let gov = s.gov.clone();
    s.app
        .execute_contract(
            bob.clone(),
            s.token.clone(),
            &Cw20ExecuteMsg::Transfer {
                recipient: gov.to_string(),
                amount: u(50),
            },
            &[],
        )
        .unwrap();
    s.surplus = u(50);
    s.check();
    let steal = fair_transfer(&s, &erin, 51);
    let spend = fair_transfer(&s, &erin, 50);
    let bad = s.propose_msgs(&alice, 100, vec![steal]).unwrap();
    let pending = s.propose(&bob); // its deposit must stay covered too
    s.vote(&alice, bad, VoteOption::Yes).unwrap();
    s.set_time(s.proposal(bad).executable_at);
    let erin_before = s.fair(&erin);
    let res = s.execute(bad).unwrap();
    let why = attr(&res, "error");
    assert!(why.contains("1099 FAIR held, below the 1100 owed"), "{why}");
    assert_eq!(s.status(bad), ProposalStatus::ExecutionFailed);
    assert_eq!(s.fair(&erin), erin_before);
    assert_eq!(s.fair(&s.gov), u(1_000 + 100 + 50));
    assert!(!s.proposal(pending).deposit_settled);
    s.check();
    let good = s.propose_msgs(&alice, 100, vec![spend]).unwrap();
    s.vote(&alice, good, VoteOption::Yes).unwrap();
    s.set_time(s.proposal(good).executable_at);
    s.execute(good).unwrap();
    assert_eq!(s.status(good), ProposalStatus::Executed);
    assert_eq!(s.fair(&erin), erin_before + u(50));
    // stakes + the pending deposit; the surplus is spent
    assert_eq!(s.fair(&s.gov), u(1_000 + 100));
    s.surplus = u(0);
    s.check();
}

/// Attack (finding 2): a majority adds, by an ordinary proposal, a hook
/// receiver that burns all the gas it is given. The stake hooks are
/// replied to on error only, but on a chain an out-of-gas in a submessage
/// without a gas limit aborts the whole transaction, whatever its reply
/// mode: every stake and unstake would fail, and nobody could leave before
/// a custody proposal. Each hook submessage carries `HOOK_GAS_LIMIT`, so the
/// receiver's out-of-gas is an error the reply reports and the stake change
/// stands. (cw-multi-test meters no gas, so the submessages themselves are
/// checked, on the contract's own responses.)
#[test]
fn a_hook_that_burns_all_gas_cannot_block_staking_or_unstaking() {
    use crate::contract::{execute, instantiate};
    use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env};
    use cosmwasm_std::{ReplyOn, SubMsg};
    use fairgrid::hook::HOOK_GAS_LIMIT;
    let mut deps = mock_dependencies();
    let api = deps.api;
    let (token, alice) = (api.addr_make("token"), api.addr_make("alice"));
    let hooks = [api.addr_make("gas_bomb"), api.addr_make("pool")];
    let mut env = mock_env();
    instantiate(
        deps.as_mut(),
        env.clone(),
        message_info(&api.addr_make("admin"), &[]),
        InstantiateMsg {
            token: token.to_string(),
            curve: Curve::SquareRoot,
            min_stake: u(1),
            params: default_params(&api.addr_make("treasury")),
            guardian: None,
            hooks: hooks.iter().map(|h| h.to_string()).collect(),
            identity: Default::default(),
        },
    )
    .unwrap();
    let check = |msgs: &[SubMsg]| {
        assert_eq!(msgs.len(), hooks.len());
        for (m, hook) in msgs.iter().zip(&hooks) {
            assert_eq!(m.reply_on, ReplyOn::Error);
            assert_eq!(m.gas_limit, Some(HOOK_GAS_LIMIT), "hook to {hook}");
        }
    };
    let stake = ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
        sender: alice.to_string(),
        amount: u(500),
        msg: to_json_binary(&ReceiveMsg::Stake {}).unwrap(),
    });
    let res = execute(deps.as_mut(), env.clone(), message_info(&token, &[]), stake).unwrap();
    check(&res.messages);
    env.block.height += 1;
    let unstake = ExecuteMsg::Unstake { amount: u(200) };
    let res = execute(deps.as_mut(), env, message_info(&alice, &[]), unstake).unwrap();
    check(&res.messages);
}
