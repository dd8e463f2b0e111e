//! Each contract's messages on its optimized artifact in the real VM. The
//! scenarios check every answer; the gas report runs the same scenarios.

use std::collections::BTreeSet;

use fairgrid_vm::report::Row;
use fairgrid_vm::{scenarios, workspace_root};

/// The execute messages of a contract, from its committed JSON schema.
fn execute_messages(crate_name: &str) -> BTreeSet<String> {
    let path = workspace_root().join(format!("schema/{crate_name}/{crate_name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    schema["execute"]["oneOf"]
        .as_array()
        .expect("execute is an enum")
        .iter()
        .map(|v| v["required"][0].as_str().unwrap().to_string())
        .collect()
}

/// Every execute message of the contract has a measured row (a row's label
/// starts with the message name) and every call ran and touched storage.
fn assert_every_message_measured(crate_name: &str, rows: &[Row]) {
    let measured: BTreeSet<String> = rows
        .iter()
        .map(|r| r.message.split(' ').next().unwrap().to_string())
        .collect();
    let missing: Vec<_> = execute_messages(crate_name)
        .difference(&measured)
        .cloned()
        .collect();
    assert!(
        missing.is_empty(),
        "{crate_name}: not measured: {missing:?}"
    );
    for r in rows {
        assert!(r.cost.vm_gas > 0, "{}", r.message);
        let s = &r.cost.storage;
        assert!(
            s.reads + s.writes + s.deletes > 0,
            "{} touches no storage",
            r.message
        );
    }
}

#[test]
fn every_escrow_message_runs_on_the_wasm_from_deposit_to_pause() {
    assert_every_message_measured("fairgrid-compute-escrow", &scenarios::escrow::rows());
}

#[test]
fn every_governance_message_runs_on_the_wasm_from_stake_to_execution() {
    assert_every_message_measured("fairgrid-governance", &scenarios::governance::rows());
}

#[test]
fn every_distributor_message_runs_on_the_wasm_from_deposit_to_claim() {
    assert_every_message_measured("fairgrid-fee-distributor", &scenarios::distributor::rows());
}

#[test]
fn every_identity_registry_message_runs_on_the_wasm_from_link_to_expiry() {
    assert_every_message_measured("fairgrid-identity-registry", &scenarios::identity::rows());
}

#[test]
fn cw20_yardstick_transfer_runs_on_the_wasm() {
    let rows = scenarios::cw20::rows();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].cost.storage.writes, 2);
}

/// Claims and votes touch the same records whatever the number of members,
/// stakers or leases: equal storage reads and writes at 10 and 1,000 entries
/// (the gas report measures 10 against 10,000).
#[test]
fn vote_claim_and_claim_earnings_do_the_same_storage_work_at_10_and_1000_entries() {
    for row in scenarios::scaling(10, 1_000) {
        println!(
            "{}: {} → {} SDK gas",
            row.operation,
            row.few.sdk_gas(),
            row.many.sdk_gas()
        );
        assert_eq!(
            row.few.storage.reads, row.many.storage.reads,
            "{}",
            row.operation
        );
        assert_eq!(
            row.few.storage.writes, row.many.storage.writes,
            "{}",
            row.operation
        );
        assert_eq!(
            row.few.storage.iter_steps, row.many.storage.iter_steps,
            "{}",
            row.operation
        );
    }
}

/// The escrow's wasm `reply` export reads only the id, the outcome and the
/// payload of the `Reply` (a lean envelope, for size): a failed collateral
/// hook is reported with the provider from the payload and the error text,
/// while a success body full of events and another id are refused with the
/// texts they always had.
#[test]
fn escrow_wasm_reply_reports_a_failed_hook_and_refuses_successes_and_other_ids() {
    use cosmwasm_std::{Binary, Event, MsgResponse, Reply, SubMsgResponse, SubMsgResult};
    use fairgrid_vm::{attr, Contract};

    let mut c = Contract::load("fairgrid_compute_escrow.wasm");
    let env = c.env_at(10, 1_000);
    let failed = Reply {
        id: 1,
        payload: Binary::from(b"provider1".to_vec()),
        gas_used: 4_321,
        result: SubMsgResult::Err("pool refused: \"weight\"".into()),
    };
    let res = c.reply(&env, &failed).unwrap();
    assert!(res.messages.is_empty());
    assert_eq!(attr(&res, "action"), Some("collateral_hook_failed"));
    assert_eq!(attr(&res, "provider"), Some("provider1"));
    assert_eq!(attr(&res, "error"), Some("pool refused: \"weight\""));
    assert_eq!(res.attributes.len(), 3);

    #[allow(deprecated)]
    let ok = SubMsgResponse {
        events: vec![Event::new("wasm").add_attribute("k", "v")],
        data: Some(Binary::from(b"d".to_vec())),
        msg_responses: vec![MsgResponse {
            type_url: "/cosmwasm.wasm.v1.MsgExecuteContractResponse".into(),
            value: Binary::from(b"v".to_vec()),
        }],
    };
    let succeeded = Reply {
        result: SubMsgResult::Ok(ok),
        ..failed.clone()
    };
    assert_eq!(
        c.reply(&env, &succeeded).unwrap_err(),
        "unexpected reply 1: only failures are replied to"
    );
    let other = Reply { id: 2, ..failed };
    assert_eq!(
        c.reply(&env, &other).unwrap_err(),
        "unexpected reply 2: only the collateral hook is replied to"
    );
}
