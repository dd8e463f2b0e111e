//! What a majority cannot do to stakers (issue 11): allowances, sends and
//! self-stakes of owed FAIR roll back; custody-changing proposals wait for the
//! unbonding period; the guardian cannot veto its own removal and always has
//! a window; message bytes are bounded; the refund policy.
use super::lifecycle::staked_suite;
use super::*;
use cosmwasm_std::WasmMsg;
use fairgrid::governance::{ConfigResponse, ProposalClass, MAX_MSGS_BYTES, MAX_PERIOD};

fn fair_msg(s: &Suite, msg: &Cw20ExecuteMsg) -> CosmosMsg {
    WasmMsg::Execute {
        contract_addr: s.token.to_string(),
        msg: to_json_binary(msg).unwrap(),
        funds: vec![],
    }
    .into()
}

fn self_msg(s: &Suite, msg: &ExecuteMsg) -> CosmosMsg {
    WasmMsg::Execute {
        contract_addr: s.gov.to_string(),
        msg: to_json_binary(msg).unwrap(),
        funds: vec![],
    }
    .into()
}

/// alice (400 of 1000 staked, the rest by bob, carol, dave) proposes `msgs`
/// and votes yes; returns the id, still open.
fn propose_and_pass(s: &mut Suite, msgs: Vec<CosmosMsg>) -> u64 {
    let alice = s.user("alice");
    let id = s.propose_msgs(&alice, 100, msgs).unwrap();
    s.vote(&alice, id, VoteOption::Yes).unwrap();
    s.check();
    id
}

fn execution_error(s: &mut Suite, id: u64) -> String {
    s.set_time(s.proposal(id).executable_at);
    let res = s.execute(id).unwrap();
    assert_eq!(s.status(id), ProposalStatus::ExecutionFailed);
    s.check();
    attr(&res, "error")
}

#[test]
fn allowance_of_staked_fair_rolls_back_and_stays_unspendable() {
    let mut s = staked_suite(Setup::default());
    let mallory = s.user("erin");
    let grant = fair_msg(
        &s,
        &Cw20ExecuteMsg::IncreaseAllowance {
            spender: mallory.to_string(),
            amount: u(1_000),
            expires: None,
        },
    );
    let id = propose_and_pass(&mut s, vec![grant]);
    assert_eq!(
        s.proposal(id).class,
        ProposalClass {
            custody: true,
            guardian_change: false
        }
    );
    let held = s.fair(&s.gov);
    let why = execution_error(&mut s, id);
    assert!(why.contains(&format!(
        "would leave {mallory} an allowance of 1000 of governance's FAIR"
    )));
    // The deposit was refunded (100); stakes are all still held.
    assert_eq!(s.fair(&s.gov), held - u(100));
    assert_eq!(s.fair(&s.gov), u(1_000));
    let (token, gov) = (s.token.clone(), s.gov.clone());
    s.app
        .execute_contract(
            mallory.clone(),
            token,
            &Cw20ExecuteMsg::TransferFrom {
                owner: gov.to_string(),
                recipient: mallory.to_string(),
                amount: u(1),
            },
            &[],
        )
        .unwrap_err();
    assert_eq!(s.fair(&s.gov), u(1_000));
    s.check();
}

#[test]
fn send_of_owed_fair_into_a_contract_that_keeps_it_rolls_back() {
    let mut s = staked_suite(Setup::default());
    // Governance sends 500 FAIR to itself as a new proposal's deposit: the
    // balance does not move, but 500 more is owed.
    let keep = fair_msg(
        &s,
        &Cw20ExecuteMsg::Send {
            contract: s.gov.to_string(),
            amount: u(500),
            msg: to_json_binary(&ReceiveMsg::Propose {
                title: "kept".into(),
                description: String::new(),
                msgs: vec![],
            })
            .unwrap(),
        },
    );
    let stake = fair_msg(
        &s,
        &Cw20ExecuteMsg::Send {
            contract: s.gov.to_string(),
            amount: u(500),
            msg: to_json_binary(&ReceiveMsg::Stake {}).unwrap(),
        },
    );
    for msg in [keep, stake] {
        let id = propose_and_pass(&mut s, vec![msg]);
        assert!(s.proposal(id).class.custody);
        let why = execution_error(&mut s, id);
        assert!(why.contains("1000 FAIR held, below the 1500 owed"), "{why}");
        assert_eq!(s.fair(&s.gov), u(1_000));
        assert_eq!(s.staked(&s.gov.clone()), u(0));
        assert_eq!(s.proposal_count(), id);
    }
}

#[test]
fn burn_of_owed_fair_rolls_back() {
    let mut s = staked_suite(Setup::default());
    let burn = fair_msg(&s, &Cw20ExecuteMsg::Burn { amount: u(1) });
    let id = propose_and_pass(&mut s, vec![burn]);
    let why = execution_error(&mut s, id);
    assert!(why.contains("999 FAIR held, below the 1000 owed"), "{why}");
    assert_eq!(s.fair(&s.gov), u(1_000));
}

#[test]
fn custody_proposal_waits_the_unbonding_period_so_a_dissenter_is_paid_first() {
    let mut params = default_params(&treasury_addr());
    params.unbonding_period = Duration::Time(10_000);
    let mut s = staked_suite(Setup {
        params: Some(params.clone()),
        ..Setup::default()
    });
    let (dave, gov) = (s.user("dave"), s.gov.clone());
    let upgrade = self_upgrade(&s, &gov);
    let id = propose_and_pass(&mut s, vec![upgrade]);
    let p = s.proposal(id);
    assert!(p.class.custody);
    assert_eq!(p.terms.deposit_refund, RefundPolicy::NotVetoed);
    // timelock max(3600, unbonding 10000)
    assert_eq!(p.executable_at, p.voting_end + 10_000);
    // dave (100 staked) leaves in the last second of voting
    s.set_time(p.voting_end - 1);
    let dave_before = s.fair(&dave);
    s.unstake(&dave, 100).unwrap();
    s.check();
    s.set_time(p.voting_end - 1 + 10_000);
    assert_eq!(s.status(id), ProposalStatus::Passed);
    s.claim(&dave).unwrap();
    assert_eq!(s.fair(&dave), dave_before + u(100));
    s.check();
    // an ordinary proposal keeps the plain timelock
    let id2 = propose_and_pass(&mut s, vec![]);
    let p2 = s.proposal(id2);
    assert!(!p2.class.custody);
    assert_eq!(p2.executable_at, p2.voting_end + MIN_GUARDIAN_TIMELOCK);
}

#[test]
fn longer_unbonding_voted_meanwhile_delays_a_custody_proposal() {
    let mut s = staked_suite(Setup::default());
    let gov = s.gov.clone();
    let admin_change: CosmosMsg = WasmMsg::UpdateAdmin {
        contract_addr: gov.to_string(),
        admin: s.user("erin").to_string(),
    }
    .into();
    let custody = propose_and_pass(&mut s, vec![admin_change]);
    let mut longer = default_params(&s.treasury);
    longer.unbonding_period = Duration::Time(20_000);
    let raise = self_msg(&s, &ExecuteMsg::UpdateConfig { params: longer });
    let change = propose_and_pass(&mut s, vec![raise]);
    s.set_time(s.proposal(change).executable_at);
    s.execute(change).unwrap();
    assert_eq!(s.status(change), ProposalStatus::Executed);
    let p = s.proposal(custody);
    assert_eq!(s.status(custody), ProposalStatus::Executable);
    let now = s.now();
    refused(
        &mut s,
        ContractError::TimelockNotOver {
            id: custody,
            executable_at: p.voting_end + 20_000,
            now,
        },
        |s| s.execute(custody),
    );
}

#[test]
fn classification_of_every_message_kind() {
    let mut s = Suite::new();
    let (gov, token, erin) = (s.gov.clone(), s.token.clone(), s.user("erin"));
    let other = s.other_token.clone();
    let wasm_exec = |to: &Addr, msg: Binary| -> CosmosMsg {
        WasmMsg::Execute {
            contract_addr: to.to_string(),
            msg,
            funds: vec![],
        }
        .into()
    };
    let cw20 = |m: Cw20ExecuteMsg| to_json_binary(&m).unwrap();
    let transfer = Cw20ExecuteMsg::Transfer {
        recipient: erin.to_string(),
        amount: u(1),
    };
    let cases: Vec<(CosmosMsg, bool, bool)> = vec![
        (wasm_exec(&token, cw20(transfer.clone())), false, false),
        (
            wasm_exec(&other, cw20(Cw20ExecuteMsg::Burn { amount: u(1) })),
            false,
            false,
        ),
        (
            wasm_exec(&token, cw20(Cw20ExecuteMsg::Burn { amount: u(1) })),
            true,
            false,
        ),
        (
            wasm_exec(
                &token,
                cw20(Cw20ExecuteMsg::SendFrom {
                    owner: erin.to_string(),
                    contract: gov.to_string(),
                    amount: u(1),
                    msg: Binary::default(),
                }),
            ),
            true,
            false,
        ),
        (wasm_exec(&token, Binary::from(b"{}")), true, false),
        (
            WasmMsg::Migrate {
                contract_addr: token.to_string(),
                new_code_id: 1,
                msg: Binary::from(b"{}"),
            }
            .into(),
            true,
            false,
        ),
        (
            WasmMsg::ClearAdmin {
                contract_addr: gov.to_string(),
            }
            .into(),
            true,
            false,
        ),
        (
            WasmMsg::ClearAdmin {
                contract_addr: other.to_string(),
            }
            .into(),
            false,
            false,
        ),
        (
            WasmMsg::UpdateAdmin {
                contract_addr: "NOT-AN-ADDRESS".into(),
                admin: erin.to_string(),
            }
            .into(),
            true,
            false,
        ),
        (
            self_msg(&s, &ExecuteMsg::UpdateGuardian { guardian: None }),
            false,
            true,
        ),
        (
            self_msg(
                &s,
                &ExecuteMsg::UpdateHooks {
                    add: vec![],
                    remove: vec![],
                },
            ),
            false,
            false,
        ),
        (lifecycle::pay_native(&erin, 1), false, false),
    ];
    let alice = s.user("alice");
    // A guardian change bundled with anything else stays vetoable.
    let bundle = vec![
        self_msg(&s, &ExecuteMsg::UpdateGuardian { guardian: None }),
        lifecycle::pay_native(&erin, 1),
    ];
    let id = s.propose_msgs(&alice, 100, bundle).unwrap();
    assert_eq!(s.proposal(id).class, ProposalClass::default());
    for (msg, custody, guardian_change) in cases {
        let id = s.propose_msgs(&alice, 100, vec![msg.clone()]).unwrap();
        assert_eq!(
            s.proposal(id).class,
            ProposalClass {
                custody,
                guardian_change
            },
            "{msg:?}"
        );
    }
}

#[test]
fn guardian_cannot_veto_its_own_removal() {
    let mut s = staked_suite(Setup::default());
    let guardian = s.guardian.clone();
    let remove = self_msg(&s, &ExecuteMsg::UpdateGuardian { guardian: None });
    let id = propose_and_pass(&mut s, vec![remove]);
    assert!(s.proposal(id).class.guardian_change);
    s.set_time(s.proposal(id).voting_end);
    assert_eq!(s.status(id), ProposalStatus::Passed);
    refused(
        &mut s,
        ContractError::GuardianChangeNotVetoable {
            id,
            guardian: guardian.to_string(),
        },
        |s| s.exec(&guardian, &ExecuteMsg::GuardianVeto { proposal_id: id }),
    );
    s.set_time(s.proposal(id).executable_at);
    s.execute(id).unwrap();
    assert_eq!(s.status(id), ProposalStatus::Executed);
    let c: ConfigResponse = s.q(&QueryMsg::Config {});
    assert_eq!(c.guardian, None);
    s.check();
}

#[test]
fn timelock_below_the_floor_is_refused_while_a_guardian_exists() {
    let mut s = staked_suite(Setup::default());
    let gov = s.gov.clone();
    let mut short = default_params(&s.treasury);
    short.timelock = MIN_GUARDIAN_TIMELOCK - 1;
    let expected = ContractError::InvalidParam {
        name: "timelock".into(),
        reason: format!("must be 3600..={MAX_PERIOD} seconds while a guardian is set, got 3599"),
    };
    refused(&mut s, expected, |s| {
        s.exec(
            &gov,
            &ExecuteMsg::UpdateConfig {
                params: short.clone(),
            },
        )
    });
    // Without a guardian, 0 is fine; then setting a guardian is refused.
    s.exec(&gov, &ExecuteMsg::UpdateGuardian { guardian: None })
        .unwrap();
    let mut zero = default_params(&s.treasury);
    zero.timelock = 0;
    s.exec(&gov, &ExecuteMsg::UpdateConfig { params: zero })
        .unwrap();
    let g = s.guardian.to_string();
    refused(
        &mut s,
        ContractError::InvalidParam {
            name: "timelock".into(),
            reason: format!("must be 3600..={MAX_PERIOD} seconds while a guardian is set, got 0"),
        },
        |s| {
            s.exec(
                &gov,
                &ExecuteMsg::UpdateGuardian {
                    guardian: Some(g.clone()),
                },
            )
        },
    );
}

#[test]
fn proposal_messages_above_the_byte_bound_are_refused() {
    let mut s = staked_suite(Setup::default());
    let alice = s.user("alice");
    let msg = |n: usize| -> CosmosMsg {
        WasmMsg::Execute {
            contract_addr: "x".into(),
            msg: Binary::new(vec![b'a'; n]),
            funds: vec![],
        }
        .into()
    };
    let bytes = |m: &CosmosMsg| cosmwasm_std::to_json_vec(&vec![m.clone()]).unwrap().len();
    // find the payload that lands exactly on the bound
    let base = bytes(&msg(0));
    let mut n = (MAX_MSGS_BYTES - base) * 3 / 4;
    while bytes(&msg(n)) < MAX_MSGS_BYTES {
        n += 1;
    }
    let exact = msg(n);
    let at = bytes(&exact);
    assert!(at <= MAX_MSGS_BYTES + 3);
    let over = msg(n + 3);
    let over_len = bytes(&over);
    assert!(over_len > MAX_MSGS_BYTES);
    refused(
        &mut s,
        ContractError::MsgsTooLarge {
            bytes: over_len,
            max: MAX_MSGS_BYTES,
        },
        |s| {
            let token = s.token.clone();
            s.send(
                &token,
                &alice,
                100,
                &ReceiveMsg::Propose {
                    title: "t".into(),
                    description: String::new(),
                    msgs: vec![over.clone()],
                },
            )
        },
    );
    if at <= MAX_MSGS_BYTES {
        s.propose_msgs(&alice, 100, vec![exact]).unwrap();
    }
    s.check();
}

/// The three refund policies, each over the outcomes that differ.
#[test]
fn deposit_refund_policy_always_only_passed_and_not_vetoed() {
    // (policy, outcome) -> deposit back to the proposer?
    let outcomes = ["unvoted", "rejected", "vetoed", "guardian", "executed"];
    let table = [
        (RefundPolicy::Always, [true, true, true, true, true]),
        (RefundPolicy::OnlyPassed, [false, false, false, false, true]),
        (RefundPolicy::NotVetoed, [true, true, false, false, true]),
    ];
    for (policy, expect) in table {
        let mut params = default_params(&treasury_addr());
        params.deposit_refund = policy;
        let mut s = staked_suite(Setup {
            params: Some(params),
            ..Setup::default()
        });
        let (alice, bob, erin) = (s.user("alice"), s.user("bob"), s.user("erin"));
        let guardian = s.guardian.clone();
        for (outcome, refund) in outcomes.iter().zip(expect) {
            let erin_before = s.fair(&erin);
            let treasury_before = s.fair(&s.treasury.clone());
            let id = s.propose_msgs(&erin, 100, vec![]).unwrap();
            assert_eq!(s.proposal(id).terms.deposit_refund, policy);
            match *outcome {
                "unvoted" => {}
                "rejected" => {
                    s.vote(&alice, id, VoteOption::No).unwrap();
                }
                "vetoed" => {
                    s.vote(&alice, id, VoteOption::Veto).unwrap();
                }
                _ => {
                    s.vote(&alice, id, VoteOption::Yes).unwrap();
                    s.vote(&bob, id, VoteOption::Yes).unwrap();
                }
            }
            s.set_time(s.proposal(id).voting_end);
            match *outcome {
                "guardian" => {
                    s.exec(&guardian, &ExecuteMsg::GuardianVeto { proposal_id: id })
                        .unwrap();
                }
                "executed" => {
                    s.set_time(s.proposal(id).executable_at);
                    s.execute(id).unwrap();
                }
                _ => {
                    s.close(id).unwrap();
                }
            }
            let (to_erin, to_treasury) = if refund { (100, 0) } else { (0, 100) };
            assert_eq!(
                (s.fair(&erin), s.fair(&s.treasury.clone())),
                (
                    erin_before - u(100) + u(to_erin),
                    treasury_before + u(to_treasury)
                ),
                "{policy:?} {outcome}"
            );
            s.check();
        }
    }
}

#[test]
fn refund_policy_is_fixed_at_creation() {
    let mut s = staked_suite(Setup::default());
    let (erin, gov) = (s.user("erin"), s.gov.clone());
    let id = s.propose_msgs(&erin, 100, vec![]).unwrap();
    let mut strict = default_params(&s.treasury);
    strict.deposit_refund = RefundPolicy::OnlyPassed;
    s.exec(&gov, &ExecuteMsg::UpdateConfig { params: strict })
        .unwrap();
    s.set_time(s.proposal(id).voting_end);
    let before = s.fair(&erin);
    s.close(id).unwrap();
    assert_eq!(s.fair(&erin), before + u(100));
    s.check();
}

/// Attack (finding 1): a majority first shortens the unbonding period (an
/// ordinary proposal), then proposes a hostile upgrade. The upgrade's
/// custody wait is the short period, so it could run while claims made
/// under the long period are still pending in governance, reachable by the
/// new code. A holder who left before either proposal must be paid first.
#[test]
fn a_shorter_unbonding_voted_first_cannot_let_a_custody_proposal_run_before_earlier_claims_are_paid(
) {
    let mut params = default_params(&treasury_addr());
    params.unbonding_period = Duration::Time(100_000);
    let mut s = staked_suite(Setup {
        params: Some(params.clone()),
        ..Setup::default()
    });
    let (dave, gov) = (s.user("dave"), s.gov.clone());
    // dave leaves before anything is proposed: paid 100,000 s later
    let dave_before = s.fair(&dave);
    s.unstake(&dave, 100).unwrap();
    let release = s.now() + 100_000;
    s.next_block();
    // the majority shortens the unbonding period to 0 (not custody) ...
    let mut shorter = params.clone();
    shorter.unbonding_period = Duration::Time(0);
    let lower = self_msg(&s, &ExecuteMsg::UpdateConfig { params: shorter });
    let change = propose_and_pass(&mut s, vec![lower]);
    assert!(!s.proposal(change).class.custody);
    let shortened_at = s.proposal(change).executable_at;
    s.set_time(shortened_at);
    s.execute(change).unwrap();
    assert_eq!(s.status(change), ProposalStatus::Executed);
    // a claim made before the change may be pending until then + 100,000
    let pending_until = shortened_at + 100_000;
    assert!(release <= pending_until);
    // ... then upgrades governance, with a custody wait of max(3600, 0)
    let upgrade = self_upgrade(&s, &gov);
    let custody = propose_and_pass(&mut s, vec![upgrade]);
    let p = s.proposal(custody);
    assert!(p.class.custody);
    assert_eq!(p.executable_at, p.voting_end + MIN_GUARDIAN_TIMELOCK);
    s.set_time(p.executable_at);
    assert!(s.now() < release, "dave's claim is still pending");
    assert_eq!(s.status(custody), ProposalStatus::Executable);
    // dave's pending claim is still held: the upgrade must wait for it
    let now = s.now();
    refused(
        &mut s,
        ContractError::TimelockNotOver {
            id: custody,
            executable_at: pending_until,
            now,
        },
        |s| s.execute(custody),
    );
    s.set_time(release);
    s.claim(&dave).unwrap();
    assert_eq!(s.fair(&dave), dave_before + u(100));
    s.check();
}

/// A proposal message migrating governance to its own code: a custody
/// message.
fn self_upgrade(s: &Suite, gov: &Addr) -> CosmosMsg {
    WasmMsg::Migrate {
        contract_addr: gov.to_string(),
        new_code_id: s.code_id,
        msg: to_json_binary(&fairgrid::governance::MigrateMsg::default()).unwrap(),
    }
    .into()
}
