//! Proposals: creation, votes, decisions, timelock, execution, expiry,
//! deposits, guardian, and terms fixed at creation.
use super::*;
use cosmwasm_std::BankMsg;

pub fn pay_native(to: &Addr, amount: u128) -> CosmosMsg {
    BankMsg::Send {
        to_address: to.to_string(),
        amount: coins(amount, NATIVE),
    }
    .into()
}

/// alice 400, bob 300, carol 200, dave 100 staked; one block later.
pub fn staked_suite(setup: Setup) -> Suite {
    let mut s = Suite::with(setup);
    for (name, amount) in [("alice", 400), ("bob", 300), ("carol", 200), ("dave", 100)] {
        let a = s.user(name);
        s.stake(&a, amount).unwrap();
    }
    s.next_block();
    s.check();
    s
}

#[test]
fn stake_propose_vote_execute_runs_messages_and_refunds_deposit() {
    let mut s = staked_suite(Setup::default());
    let (alice, bob, erin) = (s.user("alice"), s.user("bob"), s.user("erin"));
    let fair_before = s.fair(&erin);
    let id = s
        .propose_msgs(&erin, 150, vec![pay_native(&bob, 250)])
        .unwrap();
    assert_eq!(id, 1);
    assert_eq!(s.fair(&erin), fair_before - u(150));
    s.check();
    let p = s.proposal(id);
    assert_eq!(p.status, ProposalStatus::Open);
    assert_eq!(p.total_power, u(1_000));
    assert_eq!(p.deposit, u(150));
    let t0 = p.voting_end - 100;
    assert_eq!(
        (p.voting_end, p.executable_at, p.expires_at),
        (t0 + 100, t0 + 3_700, t0 + 3_800)
    );
    s.vote(&alice, id, VoteOption::Yes).unwrap();
    s.check();
    s.set_time(t0 + 100);
    assert_eq!(s.status(id), ProposalStatus::Passed);
    s.set_time(t0 + 3_700);
    assert_eq!(s.status(id), ProposalStatus::Executable);
    let res = s.execute(id).unwrap();
    assert_eq!(attr(&res, "action"), "execute");
    s.check();
    let p = s.proposal(id);
    assert_eq!(p.status, ProposalStatus::Executed);
    assert!(p.deposit_settled);
    assert_eq!(s.fair(&erin), fair_before);
    assert_eq!(
        s.app.wrap().query_balance(&bob, NATIVE).unwrap().amount,
        u(250)
    );
}

#[test]
fn vote_can_be_changed_while_open_and_tally_follows() {
    let mut s = staked_suite(Setup::default());
    let (alice, bob) = (s.user("alice"), s.user("bob"));
    let id = s.propose(&alice);
    s.vote(&alice, id, VoteOption::Yes).unwrap();
    s.vote(&bob, id, VoteOption::No).unwrap();
    s.check();
    assert_eq!(s.tally(id).yes, u(400));
    s.vote(&alice, id, VoteOption::Veto).unwrap();
    s.check();
    let t = s.tally(id);
    assert_eq!(
        (t.yes, t.no, t.abstain, t.veto),
        (u(0), u(300), u(0), u(400))
    );
    s.vote(&alice, id, VoteOption::Abstain).unwrap();
    s.vote(&alice, id, VoteOption::Abstain).unwrap();
    s.check();
    let t = s.tally(id);
    assert_eq!(
        (t.yes, t.no, t.abstain, t.veto),
        (u(0), u(300), u(400), u(0))
    );
}

#[test]
fn proposal_without_quorum_is_rejected_and_close_refunds_deposit() {
    let mut s = staked_suite(Setup::default());
    let (dave, erin) = (s.user("dave"), s.user("erin"));
    let before = s.fair(&erin);
    let id = s.propose(&erin);
    s.vote(&dave, id, VoteOption::Yes).unwrap(); // 100 of 1000 < 30%
    let end = s.proposal(id).voting_end;
    s.set_time(end);
    assert_eq!(s.status(id), ProposalStatus::Rejected);
    s.check();
    let res = s.close(id).unwrap();
    assert_eq!(attr(&res, "deposit_to"), erin.to_string());
    assert_eq!(s.fair(&erin), before);
    assert!(s.proposal(id).deposit_settled);
    s.check();
}

#[test]
fn threshold_not_met_is_rejected() {
    let mut s = staked_suite(Setup::default());
    let (alice, bob, carol) = (s.user("alice"), s.user("bob"), s.user("carol"));
    let id = s.propose(&alice);
    s.vote(&alice, id, VoteOption::No).unwrap();
    s.vote(&bob, id, VoteOption::Yes).unwrap();
    s.vote(&carol, id, VoteOption::Abstain).unwrap();
    s.set_time(s.proposal(id).voting_end);
    assert_eq!(s.status(id), ProposalStatus::Rejected);
    s.check();
}

#[test]
fn vetoed_by_vote_sends_deposit_to_treasury() {
    let mut s = staked_suite(Setup::default());
    let (alice, bob, erin) = (s.user("alice"), s.user("bob"), s.user("erin"));
    let id = s.propose(&erin);
    s.vote(&alice, id, VoteOption::Veto).unwrap(); // 400 of 700 ≥ 33.34%
    s.vote(&bob, id, VoteOption::Yes).unwrap();
    s.set_time(s.proposal(id).voting_end);
    assert_eq!(s.status(id), ProposalStatus::Vetoed);
    let res = s.close(id).unwrap();
    assert_eq!(attr(&res, "deposit_to"), s.treasury.to_string());
    assert_eq!(s.fair(&s.treasury), u(100));
    s.check();
}

#[test]
fn guardian_veto_during_timelock_sends_deposit_to_treasury() {
    let mut s = staked_suite(Setup::default());
    let (alice, erin) = (s.user("alice"), s.user("erin"));
    let id = s
        .propose_msgs(&erin, 100, vec![pay_native(&erin, 1)])
        .unwrap();
    s.vote(&alice, id, VoteOption::Yes).unwrap();
    let p = s.proposal(id);
    s.set_time(p.executable_at - 1);
    assert_eq!(s.status(id), ProposalStatus::Passed);
    let g = s.guardian.clone();
    let res = s
        .exec(&g, &ExecuteMsg::GuardianVeto { proposal_id: id })
        .unwrap();
    assert_eq!(attr(&res, "action"), "guardian_veto");
    s.check();
    assert_eq!(s.status(id), ProposalStatus::Vetoed);
    assert_eq!(s.fair(&s.treasury), u(100));
    s.advance(1);
    assert_eq!(
        err(s.execute(id).unwrap_err()),
        ContractError::NotPassed {
            id,
            status: ProposalStatus::Vetoed
        }
    );
    assert_eq!(
        err(s.close(id).unwrap_err()),
        ContractError::DepositAlreadySettled { id }
    );
    s.check();
}

#[test]
fn passed_proposal_not_executed_in_window_expires_and_close_refunds() {
    let mut s = staked_suite(Setup::default());
    let (alice, erin) = (s.user("alice"), s.user("erin"));
    let before = s.fair(&erin);
    let id = s.propose(&erin);
    s.vote(&alice, id, VoteOption::Yes).unwrap();
    let p = s.proposal(id);
    s.set_time(p.expires_at - 1);
    assert_eq!(s.status(id), ProposalStatus::Executable);
    s.set_time(p.expires_at);
    assert_eq!(s.status(id), ProposalStatus::Expired);
    s.close(id).unwrap();
    assert_eq!(s.fair(&erin), before);
    s.check();
}

#[test]
fn open_proposal_cannot_be_closed() {
    let mut s = staked_suite(Setup::default());
    let alice = s.user("alice");
    let id = s.propose(&alice);
    refused(
        &mut s,
        ContractError::NotFinished {
            id,
            status: ProposalStatus::Open,
        },
        |s| s.close(id),
    );
}

#[test]
fn cap_limits_each_voter_to_its_share_of_total_power() {
    let mut params = default_params(&Addr::unchecked("x"));
    params.cap = bps(2_500);
    let mut s = staked_suite(Setup {
        params: Some(ParamsMsg {
            treasury: treasury_addr().to_string(),
            ..params
        }),
        ..Setup::default()
    });
    let (alice, dave) = (s.user("alice"), s.user("dave"));
    let id = s.propose(&alice);
    let r: VotingPowerResponse = s.q(&QueryMsg::ProposalVotingPower {
        proposal_id: id,
        address: alice.to_string(),
    });
    assert_eq!(r.power, u(250)); // 400 capped at 25% of 1000
    s.vote(&alice, id, VoteOption::Yes).unwrap();
    s.vote(&dave, id, VoteOption::No).unwrap();
    s.check();
    let t = s.tally(id);
    assert_eq!((t.yes, t.no), (u(250), u(100)));
}

/// The quorum denominator is the UNcapped total power: power cut away by the
/// cap counts for nobody, so the reachable turnout is below 100 % and a quorum
/// above it cannot be met even when every staker votes.
#[test]
fn cap_with_high_quorum_can_make_quorum_unreachable() {
    let treasury = treasury_addr();
    let mut params = default_params(&treasury);
    params.cap = bps(1_000);
    params.quorum = bps(7_000);
    let mut s = Suite::with(Setup {
        curve: Curve::SquareRoot,
        params: Some(params),
        ..Setup::default()
    });
    let whale = s.user("whale");
    s.stake(&whale, 810_000).unwrap(); // power 900
    let mut small = vec![];
    for name in ["alice", "bob", "carol", "dave", "erin"] {
        let a = s.user(name);
        s.stake(&a, 32_400).unwrap(); // power 180 each, exactly the cap
        small.push(a);
    }
    s.next_block();
    s.check();
    let id = s.propose(&whale);
    assert_eq!(s.proposal(id).total_power, u(1_800));
    for a in small.iter().chain([&whale]) {
        s.vote(a, id, VoteOption::Yes).unwrap();
    }
    s.check();
    // 6 × 180 = 1080 of 1800 = 60 % < 70 %
    assert_eq!(s.tally(id).yes, u(1_080));
    s.set_time(s.proposal(id).voting_end);
    assert_eq!(s.status(id), ProposalStatus::Rejected);
}

#[test]
fn config_change_does_not_alter_open_proposal() {
    let mut s = staked_suite(Setup::default());
    let (alice, bob) = (s.user("alice"), s.user("bob"));
    let mut stricter = default_params(&s.treasury);
    stricter.quorum = bps(10_000);
    stricter.voting_period = 1_000;
    stricter.cap = bps(100);
    let change = s
        .propose_msgs(
            &alice,
            100,
            vec![cosmwasm_std::WasmMsg::Execute {
                contract_addr: s.gov.to_string(),
                msg: to_json_binary(&ExecuteMsg::UpdateConfig { params: stricter }).unwrap(),
                funds: vec![],
            }
            .into()],
        )
        .unwrap();
    s.next_block();
    let open = s.propose(&bob);
    let before = s.proposal(open);
    s.vote(&alice, change, VoteOption::Yes).unwrap();
    s.set_time(s.proposal(change).executable_at);
    s.execute(change).unwrap();
    s.check();
    assert_eq!(s.proposal(change).status, ProposalStatus::Executed);
    // open keeps its terms and times
    let after = s.proposal(open);
    assert_eq!(after.terms, before.terms);
    assert_eq!(after.voting_end, before.voting_end);
    // a new proposal gets the new ones
    let new = s.propose(&bob);
    assert_eq!(s.proposal(new).terms.quorum, bps(10_000));
    assert_eq!(s.proposal(new).terms.cap, bps(100));
    s.check();
}

#[test]
fn status_changes_exactly_at_voting_end_timelock_and_expiry() {
    let mut s = staked_suite(Setup::default());
    let alice = s.user("alice");
    let id = s.propose(&alice);
    s.vote(&alice, id, VoteOption::Yes).unwrap();
    let p = s.proposal(id);
    s.set_time(p.voting_end - 1);
    assert_eq!(s.status(id), ProposalStatus::Open);
    s.vote(&alice, id, VoteOption::Yes).unwrap(); // last second still open
    s.set_time(p.voting_end);
    assert_eq!(s.status(id), ProposalStatus::Passed);
    s.set_time(p.executable_at - 1);
    assert_eq!(s.status(id), ProposalStatus::Passed);
    s.set_time(p.executable_at);
    assert_eq!(s.status(id), ProposalStatus::Executable);
    s.set_time(p.expires_at - 1);
    s.execute(id).unwrap(); // last second of the window
    s.check();
}

#[test]
fn proposals_query_filters_by_status_and_paginates() {
    let mut s = staked_suite(Setup::default());
    let alice = s.user("alice");
    let ids: Vec<u64> = (0..5).map(|_| s.propose(&alice)).collect();
    s.vote(&alice, ids[1], VoteOption::Yes).unwrap();
    s.vote(&alice, ids[3], VoteOption::Yes).unwrap();
    s.set_time(s.proposal(ids[4]).voting_end);
    let page: fairgrid::governance::ProposalsResponse = s.q(&QueryMsg::Proposals {
        status: Some(ProposalStatus::Passed),
        start_after: None,
        limit: Some(1),
    });
    assert_eq!(page.proposals.len(), 1);
    assert_eq!(page.proposals[0].id, ids[1]);
    assert_eq!(page.next_start_after, Some(ids[1]));
    let page: fairgrid::governance::ProposalsResponse = s.q(&QueryMsg::Proposals {
        status: Some(ProposalStatus::Passed),
        start_after: page.next_start_after,
        limit: Some(10),
    });
    assert_eq!(
        page.proposals.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![ids[3]]
    );
    assert_eq!(page.next_start_after, None);
    let all: fairgrid::governance::ProposalsResponse = s.q(&QueryMsg::Proposals {
        status: None,
        start_after: None,
        limit: Some(100),
    });
    assert_eq!(all.proposals.len(), 5);
    let rejected: fairgrid::governance::ProposalsResponse = s.q(&QueryMsg::Proposals {
        status: Some(ProposalStatus::Rejected),
        start_after: None,
        limit: None,
    });
    assert_eq!(rejected.proposals.len(), 3);
}

#[test]
fn vote_queries_return_each_ballot_once() {
    let mut s = staked_suite(Setup::default());
    let alice = s.user("alice");
    let id = s.propose(&alice);
    for name in ["alice", "bob", "carol", "dave"] {
        let a = s.user(name);
        s.vote(&a, id, VoteOption::No).unwrap();
    }
    let all = s.all_votes(id).ballots;
    assert_eq!(all.len(), 4);
    let mut voters: Vec<_> = all.iter().map(|b| b.voter.clone()).collect();
    voters.dedup();
    assert_eq!(voters.len(), 4);
    let one: fairgrid::governance::BallotResponse = s.q(&QueryMsg::Ballot {
        proposal_id: id,
        voter: alice.to_string(),
    });
    assert_eq!(one.ballot.unwrap().power, u(400));
    s.check();
}
