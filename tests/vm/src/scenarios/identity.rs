//! identity-registry on the optimized wasm: link → revoke → leave → expire
//! and the owner's changes, each answer checked, each call measured.

use serde_json::json;

use crate::report::Row;
use crate::{attr, Contract};

pub const ARTIFACT: &str = "fairgrid_identity_registry.wasm";
const CONTRACT: &str = "identity-registry";

const T0: u64 = 1_700_000_000;

pub fn rows() -> Vec<Row> {
    let mut rows = Vec::new();
    let mut c = Contract::load(ARTIFACT);
    let owner = c.addr("governance");
    let attester = c.addr("attester");
    let subscriber = c.addr("governance-hook");
    let alice = c.addr("alice");
    let alice2 = c.addr("alice-2");
    let bob = c.addr("bob");
    let carol = c.addr("carol");
    let env = c.env_at(100, T0);
    let msg = json!({
        "owner": owner, "max_addresses": 10,
        "attesters": [attester], "subscribers": [subscriber],
    });
    c.instantiate(&env, &c.info(&owner, &[]), &msg).unwrap();

    let mut step = |c: &mut Contract,
                    env: &cosmwasm_std::Env,
                    who: &str,
                    msg: serde_json::Value,
                    label: &str,
                    action: &str| {
        let info = c.info(who, &[]);
        let (res, cost) = c.execute_action(env, &info, &msg, label, action);
        rows.push(Row::new(CONTRACT, label, cost, None));
        res
    };
    let link = |address: &str, identity: Option<u64>, expires: Option<u64>| json!({"link": {"address": address, "identity": identity, "expires_at_height": expires}});
    let res = step(
        &mut c,
        &env,
        &attester,
        link(&alice, None, None),
        "link (new identity, 1 subscriber)",
        "link",
    );
    assert_eq!(attr(&res, "identity"), Some("1"));
    assert_eq!(res.messages.len(), 1, "one hook per subscriber");
    let res = step(
        &mut c,
        &env,
        &attester,
        link(&alice2, Some(1), None),
        "link (existing identity)",
        "link",
    );
    assert_eq!(attr(&res, "addresses"), Some("2"));
    step(
        &mut c,
        &env,
        &attester,
        link(&bob, None, Some(110)),
        "link (new identity, with expiry)",
        "link",
    );
    step(
        &mut c,
        &env,
        &attester,
        link(&carol, Some(2), None),
        "link (second address, for revoke)",
        "link",
    );
    step(
        &mut c,
        &env,
        &attester,
        json!({"revoke": {"address": carol}}),
        "revoke (by its attester)",
        "revoke",
    );
    step(
        &mut c,
        &env,
        &alice2,
        json!({"leave": {}}),
        "leave",
        "leave",
    );
    let later = c.env_at(110, T0 + 50);
    let res = step(
        &mut c,
        &later,
        &carol,
        json!({"expire": {"address": bob}}),
        "expire (permissionless)",
        "expire",
    );
    assert_eq!(attr(&res, "expires_at_height"), Some("110"));
    let member = c
        .query(&later, &json!({"member": {"addr": bob, "at_height": 105}}))
        .unwrap();
    assert_eq!(member["weight"], 1, "{member}");
    let member = c
        .query(&later, &json!({"member": {"addr": bob, "at_height": null}}))
        .unwrap();
    assert_eq!(member["weight"], serde_json::Value::Null, "{member}");
    let total = c
        .query(&later, &json!({"total_weight": {"at_height": null}}))
        .unwrap();
    assert_eq!(total["weight"], 1, "{total}");

    step(
        &mut c,
        &later,
        &owner,
        json!({"update_attesters": {"add": [carol], "remove": [attester]}}),
        "update_attesters (owner)",
        "update_attesters",
    );
    step(
        &mut c,
        &later,
        &owner,
        json!({"update_subscribers": {"add": [], "remove": [subscriber]}}),
        "update_subscribers (owner)",
        "update_subscribers",
    );
    step(
        &mut c,
        &later,
        &owner,
        json!({"update_config": {"owner": null, "max_addresses": 5}}),
        "update_config (owner)",
        "update_config",
    );
    rows
}
