//! The whole market under random traffic (issue 13).
//!
//! Random actors — renters, a sponsor, providers, stakers/voters and a hostile
//! proposer — take random actions over every execute message of the three
//! contracts, interleaved with time and height jumps and with governance
//! proposals that change parameters, retire and re-add assets, detach and
//! re-attach hooks, pause, spend treasury, resolve disputes and migrate. A
//! reference model (`fairgrid_multitest::model::state`, plain maps) predicts
//! every balance and owed amount; after every step the invariants of
//! `model::check` run, a refused message must leave raw storage and balances
//! unchanged, and a contract panic fails the step. Each sequence ends with a
//! drain: everyone exits, the escrow then holds exactly 0 of every asset.
//!
//! - Normal run: at least 10,000 random steps (printed).
//! - `FAIRGRID_LONG=1`: at least 1,000,000 steps, with steps per second.
//! - `FAIRGRID_STEPS=<n>`: another target (quick runs, measurements).
//! - `FAIRGRID_SEED=<u64>`: the seed (printed on every run) to replay a run.
//! - A failure prints the shrunk sequence as numbered steps and as JSON to
//!   add to `tests/market_model_regressions.json`, replayed by
//!   `every_sequence_that_once_failed_passes_now`.

use std::time::Instant;

use fairgrid_multitest::model::{action, run_sequence, Action};
use proptest::collection::vec;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde::{Deserialize, Serialize};

const NORMAL_STEPS: usize = 10_000;
const LONG_STEPS: usize = 1_000_000;
const MAX_LEN: usize = 250;

#[derive(Serialize, Deserialize)]
struct Regression {
    /// What it found, and where it was fixed.
    note: String,
    actions: Vec<Action>,
}

fn explore(known_faults: bool, target: usize) {
    let seed: u64 = std::env::var("FAIRGRID_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    println!("market model: seed {seed} (FAIRGRID_SEED={seed} replays this run)");
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let steps = std::cell::Cell::new(0usize);
    let drain_steps = std::cell::Cell::new(0usize);
    let sub_steps = std::cell::Cell::new(0usize);
    let refused = std::cell::Cell::new(0usize);
    let sequences = std::cell::Cell::new(0usize);
    let accepted = std::cell::RefCell::new(std::collections::BTreeMap::<String, usize>::new());
    let start = Instant::now();
    let found = std::cell::Cell::new(false);
    let mut round = 0u64;
    while steps.get() < target {
        let mut b = bytes;
        b[8..16].copy_from_slice(&round.to_le_bytes());
        round += 1;
        let config = Config {
            cases: 16,
            failure_persistence: None,
            max_shrink_iters: 1_000,
            max_shrink_time: 300_000,
            ..Config::default()
        };
        let mut runner =
            TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &b));
        let strategy = vec(action(known_faults), 1..=MAX_LEN);
        let result = runner.run(&strategy, |actions| {
            match run_sequence(&actions, known_faults) {
                Ok(sim) => {
                    steps.set(steps.get() + actions.len());
                    drain_steps.set(drain_steps.get() + sim.drain_steps);
                    sub_steps.set(sub_steps.get() + sim.sub_steps);
                    refused.set(refused.get() + sim.refused);
                    sequences.set(sequences.get() + 1);
                    for (k, v) in &sim.accepted {
                        *accepted.borrow_mut().entry(k.clone()).or_default() += v;
                    }
                    Ok(())
                }
                Err(e) => {
                    if !found.replace(true) {
                        let first = e.lines().next().unwrap_or("");
                        println!(
                            "market model: first failure after {:.1} s and {} passing random steps ({first}); shrinking",
                            start.elapsed().as_secs_f64(),
                            steps.get()
                        );
                    }
                    Err(TestCaseError::fail(e))
                }
            }
        });
        if let Err(e) = result {
            let shrunk = match &e {
                proptest::test_runner::TestError::Fail(_, v) => v.clone(),
                _ => vec![],
            };
            let json = serde_json::to_string(&Regression {
                note: "found by market_model; describe the fault here".into(),
                actions: shrunk.clone(),
            })
            .unwrap();
            panic!(
                "market model failed (seed {seed}, round {}):\n{e}\n\nshortest failing sequence ({} steps):\n{}\n\nregression entry:\n{json}",
                round - 1,
                shrunk.len(),
                shrunk
                    .iter()
                    .enumerate()
                    .map(|(i, a)| format!("{i:>4}: {a:?}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "market model: {} random steps (+ {} run inside enacted proposals) + {} drain steps in {} sequences, {} refused, {:.1} s, {:.0} steps/s",
        steps.get(),
        sub_steps.get(),
        drain_steps.get(),
        sequences.get(),
        refused.get(),
        secs,
        (steps.get() + sub_steps.get() + drain_steps.get()) as f64 / secs
    );
    println!(
        "market model: accepted steps by kind: {:?}",
        accepted.borrow()
    );
    assert!(steps.get() >= target);
}

#[test]
fn the_whole_market_under_random_traffic_keeps_every_invariant() {
    let long = std::env::var("FAIRGRID_LONG").is_ok_and(|v| v == "1");
    // FAIRGRID_STEPS sets another target (a quick local run, a 100k measure)
    let target = std::env::var("FAIRGRID_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if long { LONG_STEPS } else { NORMAL_STEPS });
    explore(false, target);
}

/// The same traffic with the check of a fault reported and not fixed yet:
/// strict pool weights after a stake hook is removed and re-added (the
/// stakers pool keeps the weights it last heard). The other known fault, a
/// proposal granting a FAIR allowance from governance, is fixed (governance
/// now ends such a proposal `execution_failed`) and its proposal runs in the
/// normal test. Run with `--ignored`.
#[test]
#[ignore = "reaches a known fault reported to the lead: stale stakers pool after hook re-add"]
fn the_whole_market_under_random_traffic_with_known_faults() {
    explore(true, 2_000);
}

#[test]
fn every_sequence_that_once_failed_passes_now() {
    let text = include_str!("market_model_regressions.json");
    let regressions: Vec<Regression> = serde_json::from_str(text).unwrap();
    for r in &regressions {
        if let Err(e) = run_sequence(&r.actions, false) {
            panic!("regression \"{}\" fails again:\n{e}", r.note);
        }
    }
    println!(
        "market model: {} regression sequences replayed",
        regressions.len()
    );
}

#[test]
fn a_quiet_market_drains_to_zero() {
    let sim = run_sequence(&[], false).unwrap();
    assert_eq!(sim.m.credit_balance(&sim.m.escrow), 0);
}

/// The merged rules on one directed path: a dispute bond set by proposal and
/// posted by the renter, a batched claim that skips the disputed lease, fees
/// that stay owed until `forward_fees`, a ruling that gives the bond to the
/// provider, refusals of a price below the offer's, a custody proposal (a
/// FAIR allowance) refused before the unbonding period and then ending
/// `execution_failed`, and a drain that waits out the provider's liability.
#[test]
fn a_bonded_dispute_skipped_claim_and_forwarded_fees_drain_to_zero() {
    let steps = r#"[
        {"Stake": {"k": 0, "amount": 3000000000}},
        {"Stake": {"k": 1, "amount": 3000000000}},
        {"Stake": {"k": 2, "amount": 3000000000}},
        {"Advance": {"seconds": 10}},
        {"RegisterProvider": {"p": 0, "fair": 200}},
        {"CreateOffer": {"p": 0, "price": 3600000, "min": 60, "max": 86400, "slots": 4}},
        {"Deposit": {"from": 0, "to": 0, "amount": 50000000}},
        {"Propose": {"k": 0, "extra_deposit": 0, "proposal": {"EscrowConfig": {
            "fee_bps": 250, "settlement_delay": 3600, "min_collateral_fair": 100,
            "unbonding_delay": 604800, "dispute_bond_bps": 1000}}}},
        {"Vote": {"k": 0, "proposal": 0, "option": 0}},
        {"Vote": {"k": 1, "proposal": 0, "option": 0}},
        {"Vote": {"k": 2, "proposal": 0, "option": 0}},
        {"Propose": {"k": 1, "extra_deposit": 0, "proposal": {"AllowFair": {"amount": 1000}}}},
        {"Vote": {"k": 0, "proposal": 1, "option": 0}},
        {"Vote": {"k": 1, "proposal": 1, "option": 0}},
        {"Vote": {"k": 2, "proposal": 1, "option": 0}},
        {"Advance": {"seconds": 345601}},
        {"Execute": {"proposal": 0}},
        {"Execute": {"proposal": 1}},
        {"OpenLease": {"r": 0, "offer": 0, "duration": 7200, "attach": false, "underbid": true}},
        {"OpenLease": {"r": 0, "offer": 0, "duration": 7200, "attach": false}},
        {"OpenLease": {"r": 0, "offer": 0, "duration": 7200, "attach": true}},
        {"ExtendLease": {"r": 1, "lease": 0, "extra": 600, "attach": false, "underbid": true}},
        {"Advance": {"seconds": 5400}},
        {"OpenDispute": {"r": 1, "lease": 1}},
        {"ClaimEarnings": {"p": 1, "leases": [0, 1]}},
        {"ForwardFees": {"who": 3, "assets": 1}},
        {"Propose": {"k": 1, "extra_deposit": 0, "proposal": {"ResolveDispute": {
            "lease": 1, "share_bps": 10000, "slash_fair": 0}}}},
        {"Vote": {"k": 0, "proposal": 2, "option": 0}},
        {"Vote": {"k": 1, "proposal": 2, "option": 0}},
        {"Vote": {"k": 2, "proposal": 2, "option": 0}},
        {"Advance": {"seconds": 345601}},
        {"Execute": {"proposal": 2}},
        {"Advance": {"seconds": 864000}},
        {"Execute": {"proposal": 1}},
        {"CloseOffer": {"p": 0, "offer": 0}},
        {"WithdrawCollateral": {"p": 0}}
    ]"#;
    let actions: Vec<Action> = serde_json::from_str(steps).unwrap();
    let sim = run_sequence(&actions, false).unwrap_or_else(|e| panic!("{e}"));
    let accepted = |k: &str| sim.accepted.get(k).copied().unwrap_or(0);
    // 2 leases (the underbid one refused), 3 executions (the custody one
    // after the unbonding period, ending execution_failed: the model fails
    // the step if it executed), the bonded dispute, the claim with a skip,
    // a forward here and one in the drain
    assert_eq!(accepted("OpenLease"), 2, "{:?}", sim.accepted);
    assert_eq!(accepted("ExtendLease"), 0, "{:?}", sim.accepted);
    assert_eq!(accepted("Execute"), 3, "{:?}", sim.accepted);
    assert_eq!(accepted("OpenDispute"), 1, "{:?}", sim.accepted);
    assert!(accepted("ClaimEarnings") >= 1, "{:?}", sim.accepted);
    assert!(accepted("ForwardFees") >= 1, "{:?}", sim.accepted);
    let p = &sim.model.providers[&sim.cast.providers[0]];
    assert_eq!((p.raised, p.lost, p.served), (1, 0, 2));
    assert!(sim.model.fees > 0, "the distributor received the fees");
    assert_eq!(sim.m.credit_balance(&sim.m.escrow), 0);
}
