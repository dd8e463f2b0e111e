//! cw20-base 2.0 transfer: the yardstick the other rows are read against.

use serde_json::json;

use crate::report::Row;
use crate::Contract;

pub const ARTIFACT: &str = "cw20_base.wasm";

pub fn rows() -> Vec<Row> {
    let mut token = Contract::load(ARTIFACT);
    let env = token.env_at(12_345, 1_700_000_000);
    let alice = token.addr("alice");
    let bob = token.addr("bob");
    token
        .instantiate(
            &env,
            &token.info(&alice, &[]),
            &json!({
                "name": "Fairgrid", "symbol": "FAIR", "decimals": 6,
                "initial_balances": [{"address": alice, "amount": "1000000"}]
            }),
        )
        .unwrap();
    let transfer = json!({"transfer": {"recipient": bob, "amount": "1000"}});
    // The first transfer creates bob's balance; the measured one updates both.
    token
        .execute(&env, &token.info(&alice, &[]), &transfer)
        .unwrap();
    let call = token.execute(&env, &token.info(&alice, &[]), &transfer);
    let cost = call.cost;
    call.unwrap();
    vec![Row::new(
        "cw20-base 2.0",
        "transfer (yardstick)",
        cost,
        None,
    )]
}
