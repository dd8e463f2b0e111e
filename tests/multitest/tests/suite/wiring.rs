//! The deployed market is wired as docs/design.md says (checked inside `deploy`).

use fairgrid_multitest::market::{Market, FAIR};

#[test]
fn deployment_wires_governance_escrow_and_distributor() {
    let alice = cosmwasm_std::testing::MockApi::default().addr_make("alice");
    let market = Market::deploy(&[(&alice, 1_000 * FAIR)], &[]);
    assert_eq!(market.fair_balance(&alice), 1_000 * FAIR);
    market.verify_wiring(fairgrid_multitest::market::UNIDENTIFIED_POLICY);
}
