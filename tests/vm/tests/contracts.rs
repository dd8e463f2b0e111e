//! Each contract's life cycle on its optimized artifact in the real VM. The
//! scenarios check every answer; the gas report runs the same scenarios.

use fairgrid_vm::scenarios;

#[test]
fn escrow_deposit_open_claim_close_runs_on_the_wasm() {
    let rows = scenarios::escrow::rows();
    assert_eq!(rows.len(), 6);
    assert!(rows
        .iter()
        .all(|r| r.cost.vm_gas > 0 && r.cost.storage.writes > 0));
}

#[test]
fn governance_stake_propose_vote_execute_runs_on_the_wasm() {
    let rows = scenarios::governance::rows();
    assert_eq!(rows.len(), 4);
    assert!(rows
        .iter()
        .all(|r| r.cost.vm_gas > 0 && r.cost.storage.writes > 0));
}

#[test]
fn distributor_deposit_hook_claim_runs_on_the_wasm() {
    let rows = scenarios::distributor::rows();
    assert_eq!(rows.len(), 4);
    assert!(rows
        .iter()
        .all(|r| r.cost.vm_gas > 0 && r.cost.storage.writes > 0));
}

#[test]
fn cw20_yardstick_transfer_runs_on_the_wasm() {
    let rows = scenarios::cw20::rows();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].cost.storage.writes, 2);
}
