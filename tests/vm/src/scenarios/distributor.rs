//! fee-distributor on the optimized wasm: deposit → weight hook → claim, each
//! answer checked, each call measured.

use cosmwasm_std::coin;
use serde_json::json;

use crate::report::Row;
use crate::{attr, Contract, Cost};

pub const ARTIFACT: &str = "fairgrid_fee_distributor.wasm";
const CONTRACT: &str = "fee-distributor";
/// docs/design.md (Gas targets), in SDK gas.
const TARGET_CLAIM: u64 = 39_700;
const TARGET_HOOK: u64 = 30_200;

const T0: u64 = 1_700_000_000;

pub fn rows() -> Vec<Row> {
    let mut rows = Vec::new();
    let mut c = Contract::load(ARTIFACT);
    let owner = c.addr("governance");
    let staking = c.addr("staking");
    let treasury = c.addr("treasury");
    let fallback = c.addr("fallback");
    let alice = c.addr("alice");
    let bob = c.addr("bob");
    let token = c.addr("fee-token");
    let env = c.env_at(1, T0);
    let msg = json!({
        "owner": owner,
        "fallback": fallback,
        "assets": [{"native": "ufee"}, {"cw20": token}],
        "pools": [{"pool_id": "stakers", "source": staking, "curve": "linear"}],
        "recipients": [
            {"target": {"pool": {"pool_id": "stakers"}}, "weight": 6_000},
            {"target": {"address": {"address": treasury}}, "weight": 3_000},
            {"target": {"burn": {}}, "weight": 1_000},
        ],
    });
    c.instantiate(&env, &c.info(&owner, &[]), &msg).unwrap();

    let hook = |account: &str, old: u128, new: u128| json!({"weight_changed": {"account": account, "old": old.to_string(), "new": new.to_string()}});
    c.execute(&env, &c.info(&staking, &[]), &hook(&bob, 0, 1_000))
        .unwrap();
    let call = c.execute(&env, &c.info(&staking, &[]), &hook(&alice, 0, 3_000));
    rows.push(Row::new(
        CONTRACT,
        "weight_changed (new member)",
        call.cost,
        Some(TARGET_HOOK),
    ));
    call.unwrap();

    let call = c.execute(
        &env,
        &c.info(&owner, &[coin(1_000_000, "ufee")]),
        &json!({"deposit": {}}),
    );
    rows.push(Row::new(
        CONTRACT,
        "deposit (native, 3 recipients)",
        call.cost,
        None,
    ));
    let res = call.unwrap();
    assert_eq!(attr(&res, "action"), Some("deposit"));

    let call = c.execute(&env, &c.info(&staking, &[]), &hook(&alice, 3_000, 4_000));
    rows.push(Row::new(
        CONTRACT,
        "weight_changed (existing member)",
        call.cost,
        Some(TARGET_HOOK),
    ));
    call.unwrap();

    // alice: 3/4 of the pool's 600,000.
    let call = c.execute(
        &env,
        &c.info(&alice, &[]),
        &json!({"claim": {"assets": null, "recipient": null}}),
    );
    rows.push(Row::new(
        CONTRACT,
        "claim (1 pool, 1 asset)",
        call.cost,
        Some(TARGET_CLAIM),
    ));
    let res = call.unwrap();
    let sent = format!("{:?}", res.messages);
    assert!(sent.contains("450000") && sent.contains(&alice), "{sent}");

    // What the bank would hold after the treasury send, the burn and the claim.
    let held = coin(1_000_000 - 300_000 - 100_000 - 450_000, "ufee");
    let me = c.address.to_string();
    c.querier_mut().update_balance(me, vec![held]);
    let rec = c
        .query(
            &env,
            &json!({"reconciliation": {"asset": {"native": "ufee"}}}),
        )
        .unwrap();
    assert_eq!(rec["received"], "1000000", "{rec}");
    assert_eq!(rec["paid"], "450000", "{rec}");
    assert_eq!(rec["owed"], "150000", "{rec}");
    assert_eq!(rec["held"], "150000", "{rec}");

    let mut step =
        |c: &mut Contract, who: &str, msg: serde_json::Value, label: &str, action: &str| {
            let info = c.info(who, &[]);
            let (_, cost) = c.execute_action(&env, &info, &msg, label, action);
            rows.push(Row::new(CONTRACT, label, cost, None));
        };
    let deposit = crate::scenarios::governance::receive(&owner, 1_000_000, &json!({"deposit": {}}));
    step(&mut c, &token, deposit, "receive (cw20 deposit)", "deposit");
    let escrow = c.addr("escrow");
    let pool = json!({"add_pool": {"pool": {"pool_id": "providers", "source": escrow, "curve": "linear"}}});
    step(&mut c, &owner, pool, "add_pool (owner)", "add_pool");
    let recipients = json!({"set_recipients": {"recipients": [
        {"target": {"pool": {"pool_id": "stakers"}}, "weight": 5_000},
        {"target": {"pool": {"pool_id": "providers"}}, "weight": 3_000},
        {"target": {"address": {"address": treasury}}, "weight": 2_000},
    ]}});
    step(
        &mut c,
        &owner,
        recipients,
        "set_recipients (owner)",
        "set_recipients",
    );
    let assets = json!({"update_assets": {"add": [{"native": "uatom"}], "remove": []}});
    step(
        &mut c,
        &owner,
        assets,
        "update_assets (owner)",
        "update_assets",
    );
    // uatom was accepted and never paid in: nothing is owed, its slot retires
    let retire = json!({"retire_asset": {"asset": {"native": "uatom"}}});
    step(
        &mut c,
        &owner,
        retire,
        "retire_asset (owner, nothing owed)",
        "retire_asset",
    );
    // the providers pool moves to the square-root curve (O(1): members
    // follow on their next report)
    let curve =
        json!({"update_pool": {"pool_id": "providers", "source": null, "curve": "square_root"}});
    step(
        &mut c,
        &owner,
        curve,
        "update_pool (owner, curve)",
        "update_pool",
    );
    // a pool no recipient names and never credited owes nothing: removed
    let idle = c.addr("idle-source");
    let add = json!({"add_pool": {"pool": {"pool_id": "idle", "source": idle, "curve": "linear"}}});
    c.execute(&env, &c.info(&owner, &[]), &add).unwrap();
    let remove = json!({"remove_pool": {"pool_id": "idle"}});
    step(
        &mut c,
        &owner,
        remove,
        "remove_pool (owner, nothing owed)",
        "remove_pool",
    );
    let config = json!({"update_config": {"owner": null, "fallback": treasury}});
    step(
        &mut c,
        &owner,
        config,
        "update_config (owner)",
        "update_config",
    );
    rows
}

/// A member's claim (one pool, one asset) in a pool of `members` members.
pub fn claim_with_members(members: usize) -> Cost {
    let mut c = Contract::load(ARTIFACT);
    let owner = c.addr("governance");
    let staking = c.addr("staking");
    let env = c.env_at(1, T0);
    let msg = json!({
        "owner": owner, "fallback": owner, "assets": [{"native": "ufee"}],
        "pools": [{"pool_id": "stakers", "source": staking, "curve": "linear"}],
        "recipients": [{"target": {"pool": {"pool_id": "stakers"}}, "weight": 10_000}],
    });
    c.instantiate(&env, &c.info(&owner, &[]), &msg).unwrap();
    let accounts: Vec<String> = (0..members)
        .map(|i| c.addr(&format!("member{i}")))
        .collect();
    let hooks = accounts.iter().map(|a| {
        let hook = json!({"weight_changed": {"account": a, "old": "0", "new": "100"}});
        (env.clone(), c.info(&staking, &[]), hook)
    });
    let hooks: Vec<_> = hooks.collect();
    c.execute_batch(hooks);
    let deposit = json!({"deposit": {}});
    c.execute(
        &env,
        &c.info(&owner, &[coin(1_000_000_000, "ufee")]),
        &deposit,
    )
    .unwrap();
    let claim = json!({"claim": {"assets": null, "recipient": null}});
    let call = c.execute(&env, &c.info(&accounts[0], &[]), &claim);
    let cost = call.cost;
    let sent = format!("{:?}", call.unwrap().messages);
    let share = 1_000_000_000 / members as u128;
    assert!(sent.contains(&share.to_string()), "{sent}");
    cost
}
