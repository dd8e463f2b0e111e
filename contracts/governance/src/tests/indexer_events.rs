//! What an indexer reads from governance's events (issue 16): `unstake`'s
//! release as plain integers, `execution_failed`'s stable `error_code`, and
//! `update_config` / `migrate` naming each changed parameter with its new
//! value, and nothing for the unchanged ones.
use super::lifecycle::staked_suite;
use super::*;
use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env};
use cosmwasm_std::{BankMsg, Timestamp, WasmMsg};
use cw_utils::Expiration;

use crate::contract::{execute, instantiate, migrate};
use crate::error_code::classify;
use crate::execute::admin::changed_params;
use crate::execute::staking::release_attr;
use crate::state::save_params;
use fairgrid::governance::{MigrateMsg, Params};

/// The attributes (key, value) of governance's `wasm` event whose action is
/// `action`, without `_contract_address`, in emission order.
fn gov_event(s: &Suite, res: &AppResponse, action: &str) -> Vec<(String, String)> {
    let gov = s.gov.to_string();
    let ev = res
        .events
        .iter()
        .find(|e| {
            e.ty == "wasm"
                && e.attributes
                    .iter()
                    .any(|a| a.key == "_contract_address" && a.value == gov)
                && e.attributes
                    .iter()
                    .any(|a| a.key == "action" && a.value == action)
        })
        .unwrap_or_else(|| panic!("no {action} event of governance in {:?}", res.events));
    ev.attributes
        .iter()
        .filter(|a| a.key != "_contract_address")
        .map(|a| (a.key.clone(), a.value.clone()))
        .collect()
}

fn kv(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn self_msg(s: &Suite, msg: &ExecuteMsg) -> CosmosMsg {
    WasmMsg::Execute {
        contract_addr: s.gov.to_string(),
        msg: to_json_binary(msg).unwrap(),
        funds: vec![],
    }
    .into()
}

/// Proposes `msgs`, passes them with alice's vote and executes them after
/// the timelock; the execute response.
fn pass_and_execute(s: &mut Suite, msgs: Vec<CosmosMsg>) -> (u64, AppResponse) {
    let alice = s.user("alice");
    let id = s.propose_msgs(&alice, 100, msgs).unwrap();
    s.vote(&alice, id, VoteOption::Yes).unwrap();
    s.set_time(s.proposal(id).executable_at);
    let res = s.execute(id).unwrap();
    s.check();
    (id, res)
}

// ---------- unstake: release_at ----------

#[test]
fn unstake_emits_release_at_as_plain_unix_seconds() {
    let mut s = staked_suite(Setup::default());
    let alice = s.user("alice");
    let t = s.app.block_info().time;
    let res = s.unstake(&alice, 40).unwrap();
    // 1000 s of unbonding; the test clock has nanoseconds, so the first
    // whole second at which the claim is payable is one later
    assert!(t.subsec_nanos() > 0);
    let payable = t.seconds() + 1_000 + 1;
    let release = payable.to_string();
    assert_eq!(
        gov_event(&s, &res, "unstake"),
        kv(&[
            ("action", "unstake"),
            ("staker", alice.as_str()),
            ("amount", "40"),
            ("stake", "360"),
            ("release_at", &release),
        ])
    );
    // the claims query keeps its cw-utils JSON shape
    let claims = s.claims(&alice);
    assert_eq!(
        claims.claims[0].release_at,
        Expiration::AtTime(t.plus_seconds(1_000))
    );
    // and a block at that whole second pays it, one a second earlier not
    s.app
        .update_block(|b| b.time = Timestamp::from_seconds(payable - 1));
    assert!(s.claim(&alice).is_err());
    s.app
        .update_block(|b| b.time = Timestamp::from_seconds(payable));
    assert_eq!(attr(&s.claim(&alice).unwrap(), "amount"), "40");
}

#[test]
fn release_attribute_is_an_integer_for_times_heights_and_rounds_fractions_up() {
    let at = |e: Expiration| {
        let a = release_attr(&e);
        (a.key, a.value)
    };
    assert_eq!(
        at(Expiration::AtTime(Timestamp::from_seconds(1_700_000_000))),
        ("release_at".to_string(), "1700000000".to_string())
    );
    // a block time with nanoseconds: the claim is payable from the next
    // whole second on
    assert_eq!(
        at(Expiration::AtTime(Timestamp::from_nanos(
            1_700_000_000_000_000_001
        ))),
        ("release_at".to_string(), "1700000001".to_string())
    );
    assert_eq!(
        at(Expiration::AtHeight(12_345)),
        ("release_height".to_string(), "12345".to_string())
    );
}

#[test]
fn unstake_under_a_height_unbonding_emits_release_height() {
    // Only a layout-1 record can hold a height unbonding; written directly.
    let mut deps = mock_dependencies();
    let api = deps.api;
    let token = api.addr_make("token");
    let whale = api.addr_make("whale");
    let env = mock_env();
    instantiate(
        deps.as_mut(),
        env.clone(),
        message_info(&api.addr_make("admin"), &[]),
        InstantiateMsg {
            token: token.to_string(),
            curve: Curve::Linear,
            min_stake: u(0),
            params: default_params(&api.addr_make("treasury")),
            guardian: None,
            hooks: vec![],
            identity: Default::default(),
        },
    )
    .unwrap();
    let mut p = crate::state::load_params(&deps.storage).unwrap();
    p.unbonding_period = Duration::Height(50);
    save_params(&mut deps.storage, &p).unwrap();
    let stake = ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
        sender: whale.to_string(),
        amount: u(10),
        msg: to_json_binary(&ReceiveMsg::Stake {}).unwrap(),
    });
    execute(deps.as_mut(), env.clone(), message_info(&token, &[]), stake).unwrap();
    let res = execute(
        deps.as_mut(),
        env.clone(),
        message_info(&whale, &[]),
        ExecuteMsg::Unstake { amount: u(4) },
    )
    .unwrap();
    let release = (env.block.height + 50).to_string();
    let attrs: Vec<(String, String)> = res
        .attributes
        .iter()
        .map(|a| (a.key.clone(), a.value.clone()))
        .collect();
    assert_eq!(
        attrs,
        kv(&[
            ("action", "unstake"),
            ("staker", whale.as_str()),
            ("amount", "4"),
            ("stake", "6"),
            ("release_height", &release),
        ])
    );
}

// ---------- execution_failed: error_code ----------

#[test]
fn execution_failed_on_insufficient_native_funds_has_code_insufficient_funds() {
    let mut s = staked_suite(Setup::default());
    let bob = s.user("bob");
    // governance holds no coins of this denom
    let pay = BankMsg::Send {
        to_address: bob.to_string(),
        amount: coins(5, "unheld"),
    }
    .into();
    let (id, res) = pass_and_execute(&mut s, vec![pay]);
    assert_eq!(s.status(id), ProposalStatus::ExecutionFailed);
    let attrs = gov_event(&s, &res, "execution_failed");
    let error = attrs.last().unwrap().1.clone();
    assert_eq!(
        attrs,
        kv(&[
            ("action", "execution_failed"),
            ("proposal_id", &id.to_string()),
            ("error_code", "insufficient_funds"),
            ("error", &error),
        ])
    );
}

#[test]
fn execution_failed_that_would_spend_owed_fair_has_code_insolvent() {
    let mut s = staked_suite(Setup::default());
    let bob = s.user("bob");
    // every FAIR governance holds is owed to stakers and the deposit
    let drain = WasmMsg::Execute {
        contract_addr: s.token.to_string(),
        msg: to_json_binary(&Cw20ExecuteMsg::Transfer {
            recipient: bob.to_string(),
            amount: u(1),
        })
        .unwrap(),
        funds: vec![],
    }
    .into();
    let (id, res) = pass_and_execute(&mut s, vec![drain]);
    assert_eq!(s.status(id), ProposalStatus::ExecutionFailed);
    let attrs = gov_event(&s, &res, "execution_failed");
    let error = attrs.last().unwrap().1.clone();
    assert!(error.contains("proposal would leave"), "{error}");
    assert_eq!(
        attrs,
        kv(&[
            ("action", "execution_failed"),
            ("proposal_id", &id.to_string()),
            ("error_code", "insolvent"),
            ("error", &error),
        ])
    );
}

#[test]
fn execution_failed_on_a_refused_self_message_has_code_contract_error() {
    let mut s = staked_suite(Setup::default());
    let mut params = default_params(&s.treasury);
    params.threshold = Threshold::Percent(bps(0));
    let msg = self_msg(&s, &ExecuteMsg::UpdateConfig { params });
    let (id, res) = pass_and_execute(&mut s, vec![msg]);
    let attrs = gov_event(&s, &res, "execution_failed");
    let error = attrs.last().unwrap().1.clone();
    assert_eq!(
        attrs,
        kv(&[
            ("action", "execution_failed"),
            ("proposal_id", &id.to_string()),
            ("error_code", "contract_error"),
            ("error", &error),
        ])
    );
}

#[test]
fn error_codes_follow_the_documented_table_for_redacted_and_full_texts() {
    for (text, code) in [
        // wasmd's redacted reply errors
        ("codespace: sdk, code: 4", "unauthorized"),
        ("codespace: sdk, code: 5", "insufficient_funds"),
        ("codespace: sdk, code: 38", "not_found"),
        ("codespace: wasm, code: 8", "not_found"),
        ("codespace: wasm, code: 5", "contract_error"),
        ("codespace: sdk, code: x", "contract_error"),
        // full texts
        (
            "proposal would leave 0 FAIR held, below the 100 owed",
            "insolvent",
        ),
        ("Unauthorized", "unauthorized"),
        (
            "update_config may only be sent by the governance contract itself",
            "unauthorized",
        ),
        (
            "0ujuno is smaller than 5ujuno: insufficient funds",
            "insufficient_funds",
        ),
        ("Overflow: Cannot Sub with 0 and 1", "insufficient_funds"),
        ("contract wasm1xyz not found", "not_found"),
        ("something else went wrong", "contract_error"),
        ("", "contract_error"),
        // only the cause decides, not words in the failing message's payload
        (
            "Error executing WasmMsg: {\"note\":\"unauthorized\"}\n\nCaused by:\n    bad thing",
            "contract_error",
        ),
    ] {
        assert_eq!(classify(text), code, "{text:?}");
    }
}

// ---------- update_config / migrate: what changed ----------

#[test]
fn update_config_emits_each_changed_field_with_its_new_value_and_nothing_else() {
    let mut s = staked_suite(Setup::default());
    let new_treasury = s.user("new_treasury");
    let mut params = default_params(&s.treasury);
    params.quorum = bps(5_000);
    params.threshold = Threshold::Majority {};
    params.min_deposit = u(500);
    params.unbonding_period = Duration::Time(2_000);
    params.treasury = new_treasury.to_string();
    params.deposit_refund = RefundPolicy::OnlyPassed;
    let msg = self_msg(&s, &ExecuteMsg::UpdateConfig { params });
    let (id, res) = pass_and_execute(&mut s, vec![msg]);
    assert_eq!(s.status(id), ProposalStatus::Executed);
    assert_eq!(
        gov_event(&s, &res, "update_config"),
        kv(&[
            ("action", "update_config"),
            ("quorum", "5000"),
            ("threshold", "majority"),
            ("min_deposit", "500"),
            ("unbonding_period", "2000"),
            ("treasury", new_treasury.as_str()),
            ("deposit_refund", "only_passed"),
        ])
    );
    // the same parameters again: only the action
    let again = self_msg(
        &s,
        &ExecuteMsg::UpdateConfig {
            params: {
                let mut p = default_params(&new_treasury);
                p.quorum = bps(5_000);
                p.threshold = Threshold::Majority {};
                p.min_deposit = u(500);
                p.unbonding_period = Duration::Time(2_000);
                p.deposit_refund = RefundPolicy::OnlyPassed;
                p
            },
        },
    );
    let alice = s.user("alice");
    // the deposit is now 500
    let id = s.propose_msgs(&alice, 500, vec![again]).unwrap();
    // quorum is now 50%: alice (40%) and bob (30%)
    s.vote(&alice, id, VoteOption::Yes).unwrap();
    let bob = s.user("bob");
    s.vote(&bob, id, VoteOption::Yes).unwrap();
    s.set_time(s.proposal(id).executable_at);
    let res = s.execute(id).unwrap();
    assert_eq!(
        gov_event(&s, &res, "update_config"),
        kv(&[("action", "update_config")])
    );
}

#[test]
fn every_parameter_has_its_key_and_plain_value_when_changed() {
    let api = cosmwasm_std::testing::MockApi::default();
    let old = Params {
        cap: bps(10_000),
        quorum: bps(3_000),
        threshold: Threshold::Majority {},
        veto_threshold: bps(3_334),
        voting_period: 100,
        timelock: 3_600,
        execution_window: 100,
        min_deposit: u(100),
        min_propose_power: u(0),
        unbonding_period: Duration::Height(7),
        treasury: api.addr_make("treasury"),
        deposit_refund: RefundPolicy::NotVetoed,
    };
    let new = Params {
        cap: bps(2_500),
        quorum: bps(0),
        threshold: Threshold::Percent(bps(6_667)),
        veto_threshold: bps(5_000),
        voting_period: 200,
        timelock: 7_200,
        execution_window: 300,
        min_deposit: u(1),
        min_propose_power: u(42),
        unbonding_period: Duration::Time(86_400),
        treasury: api.addr_make("other"),
        deposit_refund: RefundPolicy::Always,
    };
    let got: Vec<(String, String)> = changed_params(&old, &new)
        .into_iter()
        .map(|a| (a.key, a.value))
        .collect();
    assert_eq!(
        got,
        kv(&[
            ("cap", "2500"),
            ("quorum", "0"),
            ("threshold", "6667"),
            ("veto_threshold", "5000"),
            ("voting_period", "200"),
            ("timelock", "7200"),
            ("execution_window", "300"),
            ("min_deposit", "1"),
            ("min_propose_power", "42"),
            ("unbonding_period", "86400"),
            ("treasury", new.treasury.as_str()),
            ("deposit_refund", "always"),
        ])
    );
    // back: a height duration is written `height:<n>`
    let back: Vec<(String, String)> = changed_params(&new, &old)
        .into_iter()
        .filter(|a| a.key == "unbonding_period" || a.key == "threshold")
        .map(|a| (a.key, a.value))
        .collect();
    assert_eq!(
        back,
        kv(&[("threshold", "majority"), ("unbonding_period", "height:7")])
    );
    assert!(changed_params(&old, &old).is_empty());
}

#[test]
fn migrate_with_new_params_emits_what_changed_after_the_layouts() {
    let mut deps = mock_dependencies();
    let api = deps.api;
    let env = mock_env();
    let treasury = api.addr_make("treasury");
    instantiate(
        deps.as_mut(),
        env.clone(),
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
    let mut params = default_params(&treasury);
    params.voting_period = 250;
    let res = migrate(
        deps.as_mut(),
        env.clone(),
        MigrateMsg {
            params: Some(params),
            identity: None,
        },
    )
    .unwrap();
    let keys: Vec<(String, String)> = res
        .attributes
        .iter()
        .skip(5)
        .map(|a| (a.key.clone(), a.value.clone()))
        .collect();
    assert_eq!(res.attributes[4].key, "to_layout");
    assert_eq!(keys, kv(&[("voting_period", "250")]));
    // without params nothing changes and nothing is named
    let res = migrate(deps.as_mut(), env, MigrateMsg::default()).unwrap();
    assert_eq!(res.attributes.len(), 5);
}
