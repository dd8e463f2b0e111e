//! Every refusal of the issue: the exact typed error, and nothing changed
//! (contract storage and every party's FAIR balance).
use super::lifecycle::{pay_native, staked_suite};
use super::*;
use fairgrid::AssetError;

#[test]
fn receive_from_another_cw20_is_refused() {
    let mut s = staked_suite(Setup::default());
    let alice = s.user("alice");
    let fake = s.other_token.clone();
    refused(
        &mut s,
        ContractError::Asset(AssetError::Cw20NotAccepted {
            sender: fake.to_string(),
        }),
        |s| s.send(&fake, &alice, 100, &ReceiveMsg::Stake {}),
    );
    refused(
        &mut s,
        ContractError::Asset(AssetError::Cw20NotAccepted {
            sender: fake.to_string(),
        }),
        |s| {
            s.send(
                &fake,
                &alice,
                1_000,
                &ReceiveMsg::Propose {
                    title: "t".into(),
                    description: "d".into(),
                    msgs: vec![],
                },
            )
        },
    );
}

#[test]
fn spoofed_receive_called_directly_is_refused() {
    let mut s = staked_suite(Setup::default());
    let alice = s.user("alice");
    refused(
        &mut s,
        ContractError::Asset(AssetError::Cw20NotAccepted {
            sender: alice.to_string(),
        }),
        |s| {
            s.exec(
                &alice,
                &ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
                    sender: alice.to_string(),
                    amount: u(1_000_000),
                    msg: to_json_binary(&ReceiveMsg::Stake {}).unwrap(),
                }),
            )
        },
    );
}

#[test]
fn vote_with_no_power_at_start_height_is_refused() {
    let mut s = staked_suite(Setup::default());
    let (alice, erin) = (s.user("alice"), s.user("erin"));
    let id = s.propose(&alice);
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
}

#[test]
fn vote_after_voting_period_is_refused() {
    let mut s = staked_suite(Setup::default());
    let alice = s.user("alice");
    let id = s.propose(&alice);
    let end = s.proposal(id).voting_end;
    s.set_time(end);
    refused(
        &mut s,
        ContractError::VotingClosed {
            id,
            voting_end: end,
            now: end,
        },
        |s| s.vote(&alice, id, VoteOption::Yes),
    );
}

fn passed(s: &mut Suite) -> u64 {
    let alice = s.user("alice");
    let bob = s.user("bob");
    let id = s
        .propose_msgs(&alice, 100, vec![pay_native(&bob, 1)])
        .unwrap();
    s.vote(&alice, id, VoteOption::Yes).unwrap();
    id
}

#[test]
fn execute_before_timelock_ends_is_refused() {
    let mut s = staked_suite(Setup::default());
    let id = passed(&mut s);
    let p = s.proposal(id);
    s.set_time(p.executable_at - 1);
    refused(
        &mut s,
        ContractError::TimelockNotOver {
            id,
            executable_at: p.executable_at,
            now: p.executable_at - 1,
        },
        |s| s.execute(id),
    );
    // still open: not passed
    let alice = s.user("alice");
    let open = s.propose(&alice);
    refused(
        &mut s,
        ContractError::NotPassed {
            id: open,
            status: ProposalStatus::Open,
        },
        |s| s.execute(open),
    );
}

#[test]
fn execute_twice_is_refused() {
    let mut s = staked_suite(Setup::default());
    let id = passed(&mut s);
    s.set_time(s.proposal(id).executable_at);
    s.execute(id).unwrap();
    s.check();
    refused(
        &mut s,
        ContractError::AlreadyExecuted {
            id,
            status: ProposalStatus::Executed,
        },
        |s| s.execute(id),
    );
}

#[test]
fn execute_after_expiry_is_refused() {
    let mut s = staked_suite(Setup::default());
    let id = passed(&mut s);
    let exp = s.proposal(id).expires_at;
    s.set_time(exp);
    refused(
        &mut s,
        ContractError::ProposalExpired {
            id,
            expires_at: exp,
            now: exp,
        },
        |s| s.execute(id),
    );
}

#[test]
fn guardian_veto_outside_the_timelock_is_refused() {
    let mut s = staked_suite(Setup::default());
    let id = passed(&mut s);
    let g = s.guardian.clone();
    let veto = ExecuteMsg::GuardianVeto { proposal_id: id };
    // during voting
    refused(
        &mut s,
        ContractError::VetoOutsideTimelock {
            id,
            status: ProposalStatus::Open,
        },
        |s| s.exec(&g, &veto),
    );
    // once executable
    s.set_time(s.proposal(id).executable_at);
    refused(
        &mut s,
        ContractError::VetoOutsideTimelock {
            id,
            status: ProposalStatus::Executable,
        },
        |s| s.exec(&g, &veto),
    );
}

#[test]
fn veto_by_anyone_but_the_guardian_is_refused() {
    let mut s = staked_suite(Setup::default());
    let id = passed(&mut s);
    s.set_time(s.proposal(id).voting_end);
    let alice = s.user("alice");
    let g = s.guardian.clone();
    refused(
        &mut s,
        ContractError::NotGuardian {
            sender: alice.to_string(),
            guardian: g.to_string(),
        },
        |s| s.exec(&alice, &ExecuteMsg::GuardianVeto { proposal_id: id }),
    );
}

#[test]
fn config_hook_and_guardian_changes_not_sent_by_the_contract_are_refused() {
    let mut s = staked_suite(Setup::default());
    let gov = s.gov.to_string();
    let treasury = s.treasury.clone();
    for who in [s.admin.clone(), s.guardian.clone(), s.user("alice")] {
        let msgs = [
            (
                "update_config",
                ExecuteMsg::UpdateConfig {
                    params: default_params(&treasury),
                },
            ),
            (
                "update_hooks",
                ExecuteMsg::UpdateHooks {
                    add: vec![who.to_string()],
                    remove: vec![],
                },
            ),
            (
                "update_guardian",
                ExecuteMsg::UpdateGuardian {
                    guardian: Some(who.to_string()),
                },
            ),
            ("run_proposal", ExecuteMsg::RunProposal { proposal_id: 1 }),
            ("check_solvency", ExecuteMsg::CheckSolvency {}),
        ];
        for (action, msg) in msgs {
            refused(
                &mut s,
                ContractError::NotSelf {
                    action: action.into(),
                    sender: who.to_string(),
                    expected: gov.clone(),
                },
                |s| s.exec(&who, &msg),
            );
        }
    }
}

#[test]
fn unstake_more_than_staked_is_refused() {
    let mut s = staked_suite(Setup::default());
    let (alice, erin) = (s.user("alice"), s.user("erin"));
    refused(
        &mut s,
        ContractError::UnstakeTooMuch {
            requested: u(401),
            staked: u(400),
        },
        |s| s.unstake(&alice, 401),
    );
    refused(
        &mut s,
        ContractError::UnstakeTooMuch {
            requested: u(1),
            staked: u(0),
        },
        |s| s.unstake(&erin, 1),
    );
    refused(
        &mut s,
        ContractError::ZeroAmount {
            what: "unstake amount".into(),
        },
        |s| s.unstake(&alice, 0),
    );
}

#[test]
fn claim_before_the_unbonding_period_is_refused() {
    let mut s = staked_suite(Setup::default());
    let alice = s.user("alice");
    let t0 = s.now();
    s.unstake(&alice, 100).unwrap();
    s.set_time(t0 + 999);
    refused(
        &mut s,
        ContractError::NothingToClaim {
            address: alice.to_string(),
            pending: u(100),
        },
        |s| s.claim(&alice),
    );
}

#[test]
fn proposal_with_deposit_below_the_minimum_is_refused() {
    let mut s = staked_suite(Setup::default());
    let alice = s.user("alice");
    refused(
        &mut s,
        ContractError::DepositTooLow {
            got: u(99),
            min: u(100),
        },
        |s| {
            let token = s.token.clone();
            s.send(
                &token,
                &alice,
                99,
                &ReceiveMsg::Propose {
                    title: "t".into(),
                    description: "d".into(),
                    msgs: vec![],
                },
            )
        },
    );
}

#[test]
fn proposal_without_the_minimum_power_is_refused() {
    let mut params = default_params(&treasury_addr());
    params.min_propose_power = u(300);
    let mut s = staked_suite(Setup {
        params: Some(params),
        ..Setup::default()
    });
    let (dave, erin) = (s.user("dave"), s.user("erin"));
    let h = s.height();
    // staking in the same block does not help
    s.stake(&erin, 1_000).unwrap();
    for (who, power) in [(dave, 100), (erin, 0)] {
        refused(
            &mut s,
            ContractError::ProposePowerTooLow {
                proposer: who.to_string(),
                power: u(power),
                min: u(300),
                height: h,
            },
            |s| {
                s.propose_msgs(&who, 100, vec![])
                    .map(|_| AppResponse::default())
            },
        );
    }
    s.next_block();
    let erin = s.user("erin");
    s.propose_msgs(&erin, 100, vec![]).unwrap();
    s.check();
}

#[test]
fn bad_proposal_text_and_too_many_messages_are_refused() {
    let mut s = staked_suite(Setup::default());
    let alice = s.user("alice");
    let propose = |title: String, description: String, msgs: Vec<CosmosMsg>| ReceiveMsg::Propose {
        title,
        description,
        msgs,
    };
    let token = s.token.clone();
    let cases = [
        (
            propose(String::new(), "d".into(), vec![]),
            ContractError::BadTitle { len: 0, max: 256 },
        ),
        (
            propose("t".repeat(257), "d".into(), vec![]),
            ContractError::BadTitle { len: 257, max: 256 },
        ),
        (
            propose("t".into(), "d".repeat(8_193), vec![]),
            ContractError::DescriptionTooLong {
                len: 8_193,
                max: 8_192,
            },
        ),
        (
            propose("t".into(), "d".into(), vec![pay_native(&alice, 1); 17]),
            ContractError::TooManyMsgs { count: 17, max: 16 },
        ),
    ];
    for (msg, e) in cases {
        refused(&mut s, e, |s| s.send(&token, &alice, 100, &msg));
    }
}

#[test]
fn native_funds_on_any_execute_are_refused() {
    let mut s = staked_suite(Setup::default());
    let admin = s.admin.clone();
    let gov = s.gov.clone();
    let before = s.snapshot();
    let e = s
        .app
        .execute_contract(admin, gov, &ExecuteMsg::Claim {}, &coins(5, NATIVE))
        .unwrap_err();
    assert_eq!(
        err(e),
        ContractError::Asset(AssetError::UnexpectedFunds {
            got: format!("5{NATIVE}")
        })
    );
    assert_eq!(s.snapshot(), before);
}

#[test]
fn unknown_proposal_is_refused() {
    let mut s = staked_suite(Setup::default());
    let alice = s.user("alice");
    refused(&mut s, ContractError::ProposalNotFound { id: 9 }, |s| {
        s.vote(&alice, 9, VoteOption::Yes)
    });
    refused(&mut s, ContractError::ProposalNotFound { id: 9 }, |s| {
        s.execute(9)
    });
}

#[test]
fn more_than_max_pending_claims_is_refused() {
    let mut s = staked_suite(Setup::default());
    let alice = s.user("alice");
    for _ in 0..fairgrid::governance::MAX_CLAIMS {
        s.unstake(&alice, 1).unwrap();
    }
    s.check();
    refused(
        &mut s,
        ContractError::TooManyClaims {
            address: alice.to_string(),
            max: fairgrid::governance::MAX_CLAIMS,
        },
        |s| s.unstake(&alice, 1),
    );
}
