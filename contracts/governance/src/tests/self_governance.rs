//! Config, hooks and guardian change only through executed proposals; migrate.
use super::lifecycle::staked_suite;
use super::*;
use cosmwasm_std::WasmMsg;
use fairgrid::governance::ConfigResponse;
use fairgrid::migrate::MigrateError;

fn self_msg(s: &Suite, msg: &ExecuteMsg) -> CosmosMsg {
    WasmMsg::Execute {
        contract_addr: s.gov.to_string(),
        msg: to_json_binary(msg).unwrap(),
        funds: vec![],
    }
    .into()
}

/// Proposes `msgs` to the contract itself, passes them with alice's vote,
/// executes after the timelock.
fn pass_and_execute(s: &mut Suite, msgs: Vec<ExecuteMsg>) -> u64 {
    let alice = s.user("alice");
    let msgs = msgs.iter().map(|m| self_msg(s, m)).collect();
    let id = s.propose_msgs(&alice, 100, msgs).unwrap();
    s.vote(&alice, id, VoteOption::Yes).unwrap();
    s.set_time(s.proposal(id).executable_at);
    s.execute(id).unwrap();
    s.check();
    id
}

#[test]
fn update_config_through_an_executed_proposal() {
    let mut s = staked_suite(Setup::default());
    let mut params = default_params(&s.treasury);
    params.min_deposit = u(500);
    params.quorum = bps(5_000);
    params.unbonding_period = Duration::Time(2_000);
    let id = pass_and_execute(&mut s, vec![ExecuteMsg::UpdateConfig { params }]);
    assert_eq!(s.status(id), ProposalStatus::Executed);
    let c: ConfigResponse = s.q(&QueryMsg::Config {});
    assert_eq!(c.params.min_deposit, u(500));
    assert_eq!(c.params.quorum, bps(5_000));
    assert_eq!(c.params.unbonding_period, Duration::Time(2_000));
    // curve and min stake are not part of the change
    assert_eq!(c.curve, Curve::Linear);
}

#[test]
fn invalid_config_in_a_proposal_fails_its_execution() {
    let mut s = staked_suite(Setup::default());
    let mut params = default_params(&s.treasury);
    params.threshold = Threshold::Percent(bps(0));
    let id = pass_and_execute(&mut s, vec![ExecuteMsg::UpdateConfig { params }]);
    assert_eq!(s.status(id), ProposalStatus::ExecutionFailed);
    let c: ConfigResponse = s.q(&QueryMsg::Config {});
    assert_eq!(c.params.threshold, Threshold::Percent(bps(5_000)));
}

#[test]
fn update_hooks_through_an_executed_proposal() {
    let mut s = staked_suite(Setup {
        hooks: vec![false, false],
        ..Setup::default()
    });
    let (h0, h1) = (s.hooks[0].clone(), s.hooks[1].clone());
    pass_and_execute(
        &mut s,
        vec![ExecuteMsg::UpdateHooks {
            add: vec![],
            remove: vec![h0.to_string()],
        }],
    );
    let c: ConfigResponse = s.q(&QueryMsg::Config {});
    assert_eq!(c.hooks, vec![h1.clone()]);
    let n0 = s.hook_log(&h0).len();
    let erin = s.user("erin");
    s.stake(&erin, 10).unwrap();
    assert_eq!(s.hook_log(&h0).len(), n0);
    assert_eq!(
        s.hook_log(&h1).last().unwrap(),
        &WeightChange::new(&erin, u(0), u(10))
    );
    // more than MAX_HOOKS fails the execution and changes nothing
    let extra: Vec<String> = (0..5)
        .map(|i| s.user(&format!("hook{i}")).to_string())
        .collect();
    let id = pass_and_execute(
        &mut s,
        vec![ExecuteMsg::UpdateHooks {
            add: extra,
            remove: vec![],
        }],
    );
    assert_eq!(s.status(id), ProposalStatus::ExecutionFailed);
    let c: ConfigResponse = s.q(&QueryMsg::Config {});
    assert_eq!(c.hooks, vec![h1]);
}

#[test]
fn update_guardian_through_an_executed_proposal() {
    let mut s = staked_suite(Setup::default());
    let erin = s.user("erin");
    pass_and_execute(
        &mut s,
        vec![ExecuteMsg::UpdateGuardian {
            guardian: Some(erin.to_string()),
        }],
    );
    let c: ConfigResponse = s.q(&QueryMsg::Config {});
    assert_eq!(c.guardian, Some(erin.clone()));
    pass_and_execute(&mut s, vec![ExecuteMsg::UpdateGuardian { guardian: None }]);
    let c: ConfigResponse = s.q(&QueryMsg::Config {});
    assert_eq!(c.guardian, None);
    // with no guardian, nobody can veto
    let alice = s.user("alice");
    let id = s.propose(&alice);
    s.vote(&alice, id, VoteOption::Yes).unwrap();
    s.set_time(s.proposal(id).voting_end);
    refused(&mut s, ContractError::NoGuardian { id }, |s| {
        s.exec(&erin, &ExecuteMsg::GuardianVeto { proposal_id: id })
    });
}

#[test]
fn migrate_to_the_same_or_newer_code_keeps_state() {
    let mut s = staked_suite(Setup::default());
    let before = s.metrics();
    let (admin, gov, code) = (s.admin.clone(), s.gov.clone(), s.code_id);
    let res = s
        .app
        .migrate_contract(
            admin,
            gov,
            &fairgrid::governance::MigrateMsg::default(),
            code,
        )
        .unwrap();
    assert_eq!(attr(&res, "action"), "migrate");
    assert_eq!(s.metrics(), before);
    s.check();
}

#[test]
fn migrate_refuses_downgrade_and_other_contracts() {
    use crate::contract::{instantiate, migrate, CONTRACT_NAME};
    use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env};
    let mut deps = mock_dependencies();
    let api = deps.api;
    let treasury = api.addr_make("treasury");
    instantiate(
        deps.as_mut(),
        mock_env(),
        message_info(&api.addr_make("admin"), &[]),
        InstantiateMsg {
            token: api.addr_make("token").to_string(),
            curve: Curve::Linear,
            min_stake: u(0),
            params: default_params(&treasury),
            guardian: None,
            hooks: vec![],
            identity: Default::default(),
        },
    )
    .unwrap();
    cw2::set_contract_version(&mut deps.storage, CONTRACT_NAME, "9.0.0").unwrap();
    assert_eq!(
        migrate(
            deps.as_mut(),
            mock_env(),
            fairgrid::governance::MigrateMsg::default()
        )
        .unwrap_err(),
        ContractError::Migrate(MigrateError::Downgrade {
            stored: "9.0.0".into(),
            new: env!("CARGO_PKG_VERSION").into()
        })
    );
    cw2::set_contract_version(&mut deps.storage, "crates.io:other", "0.0.1").unwrap();
    assert_eq!(
        migrate(
            deps.as_mut(),
            mock_env(),
            fairgrid::governance::MigrateMsg::default()
        )
        .unwrap_err(),
        ContractError::Migrate(MigrateError::WrongContract {
            stored: "crates.io:other".into(),
            expected: CONTRACT_NAME.into()
        })
    );
}

#[test]
fn instantiate_refuses_invalid_parameters() {
    use crate::contract::instantiate;
    use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env};
    let mut deps = mock_dependencies();
    let api = deps.api;
    let treasury = api.addr_make("treasury");
    let mut params = default_params(&treasury);
    params.cap = bps(0);
    let msg = InstantiateMsg {
        token: api.addr_make("token").to_string(),
        curve: Curve::Linear,
        min_stake: u(0),
        params,
        guardian: None,
        hooks: vec![],
        identity: Default::default(),
    };
    assert_eq!(
        instantiate(
            deps.as_mut(),
            mock_env(),
            message_info(&api.addr_make("admin"), &[]),
            msg
        )
        .unwrap_err(),
        ContractError::InvalidParam {
            name: "cap".into(),
            reason: "must be 1..=10000 bps, got 0".into()
        }
    );
}

/// The self-only handlers' own checks, sent as the contract itself (what an
/// executed proposal does).
#[test]
fn hook_changes_are_checked() {
    let mut s = staked_suite(Setup {
        hooks: vec![false],
        ..Setup::default()
    });
    let (gov, h0) = (s.gov.clone(), s.hooks[0].clone());
    let stranger = s.user("stranger");
    refused(
        &mut s,
        ContractError::HookExists {
            hook: h0.to_string(),
        },
        |s| {
            s.exec(
                &gov,
                &ExecuteMsg::UpdateHooks {
                    add: vec![h0.to_string()],
                    remove: vec![],
                },
            )
        },
    );
    refused(
        &mut s,
        ContractError::HookNotFound {
            hook: stranger.to_string(),
        },
        |s| {
            s.exec(
                &gov,
                &ExecuteMsg::UpdateHooks {
                    add: vec![],
                    remove: vec![stranger.to_string()],
                },
            )
        },
    );
    let five: Vec<String> = (0..5)
        .map(|i| s.user(&format!("h{i}")).to_string())
        .collect();
    refused(
        &mut s,
        ContractError::TooManyHooks { count: 6, max: 5 },
        |s| {
            s.exec(
                &gov,
                &ExecuteMsg::UpdateHooks {
                    add: five,
                    remove: vec![],
                },
            )
        },
    );
    // upper-case addresses are refused, so no hook has two spellings
    let upper = h0.to_string().to_uppercase();
    let before = s.snapshot();
    assert!(s
        .exec(
            &gov,
            &ExecuteMsg::UpdateHooks {
                add: vec![],
                remove: vec![upper],
            },
        )
        .is_err());
    assert_eq!(s.snapshot(), before);
    // swap in one go: remove then add
    s.exec(
        &gov,
        &ExecuteMsg::UpdateHooks {
            add: vec![stranger.to_string()],
            remove: vec![h0.to_string()],
        },
    )
    .unwrap();
    let c: ConfigResponse = s.q(&QueryMsg::Config {});
    assert_eq!(c.hooks, vec![stranger]);
}
