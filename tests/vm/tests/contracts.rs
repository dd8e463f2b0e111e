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
