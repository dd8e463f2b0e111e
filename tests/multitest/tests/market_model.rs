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
                    drain_steps.set(drain_steps.get() + sim.steps - actions.len());
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
        "market model: {} random steps + {} drain steps in {} sequences, {} refused, {:.1} s, {:.0} steps/s",
        steps.get(),
        drain_steps.get(),
        sequences.get(),
        refused.get(),
        secs,
        (steps.get() + drain_steps.get()) as f64 / secs
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

/// Also generates the steps that reach faults reported and not fixed yet: a
/// proposal granting a FAIR allowance from governance (its solvency check
/// ignores allowances), and strict pool weights after a stake hook is removed
/// and re-added (the distributor has no re-sync). Run with `--ignored`.
#[test]
#[ignore = "reaches known faults reported to the lead: governance FAIR allowance, stale stakers pool after hook re-add"]
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
