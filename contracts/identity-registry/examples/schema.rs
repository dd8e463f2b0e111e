use cosmwasm_schema::generate_api;
use fairgrid::identity::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

fn main() {
    let out = std::env::args()
        .nth(1)
        .expect("usage: schema <output.json>");
    let api = generate_api! {
        name: "fairgrid-identity-registry",
        instantiate: InstantiateMsg,
        execute: ExecuteMsg,
        query: QueryMsg,
        migrate: MigrateMsg,
    }
    .render();
    std::fs::write(&out, api.to_string().expect("schema serialises")).expect("write schema");
}
