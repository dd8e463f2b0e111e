//! The whole market under random traffic (issue 13).
//!
//! Random actors — renters, a sponsor, providers, stakers/voters, attesters
//! and a hostile proposer — take random actions over every execute message of
//! the four contracts, interleaved with time and height jumps and with
//! governance proposals (some enacted: voted through and executed) that
//! change parameters, retire and re-add assets, change, remove and re-add
//! pools, change attesters, subscribers and the identity configuration,
//! detach and re-attach hooks, pause, spend treasury, resolve disputes and
//! migrate; links may expire. A
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

/// The same traffic with a check the design does not promise: that the
/// stakers pool's weights equal the stakes even after its hook was detached
/// or refused. By design the pool keeps the weights it last heard until
/// anyone's `resync_weight` (docs/design.md, Hooks; tested by
/// `a_pool_that_missed_hooks_pays_the_true_weight_after_resync`), so this run
/// fails by construction; it shows how far stale weights spread. Run with
/// `--ignored`.
#[test]
#[ignore = "checks a property the design does not promise: pool weights stay stale after a detached hook until resync_weight"]
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

/// The owner messages of the distributor and the registry and governance's
/// identity config, each executed by proposal on one directed path, with the
/// outcome the model predicts (`run_sequence` fails the step otherwise) and
/// its effect on later steps: retiring the credit while it owes nothing and
/// accepting it again; removing the providers pool (detached from the
/// recipients, owing nothing) and adding it back; a refused removal of the
/// stakers pool (named by the recipients) that changes nothing; a curve
/// change settled by a resync; a duplicate source refused and a silent one
/// accepted; governance unsubscribed (links it no longer hears), an attester
/// replaced (the removed one's link refused), `max_addresses` lowered (a
/// link to a full identity refused); the identity config switched; a link
/// that expires, removed by the registry's `expire` and (in governance's
/// stale record) by `report_expiry`.
#[test]
fn owner_messages_of_pools_registry_and_identity_config_execute_as_predicted() {
    use fairgrid_multitest::model::Proposal as P;
    let enact = |k: u8, proposal: P| Action::Enact { k, proposal };
    // linkable 4, 5, 6 are the renters (no stake: votes stay unaffected)
    let link =
        |attester: u8, who: u8, identity: Option<u8>, expires_in: Option<u16>| Action::Link {
            by_attester: true,
            who,
            identity,
            attester,
            expires_in,
        };
    let actions = vec![
        Action::Stake {
            k: 0,
            amount: 3_000_000_000,
        },
        Action::Stake {
            k: 1,
            amount: 3_000_000_000,
        },
        Action::Stake {
            k: 2,
            amount: 3_000_000_000,
        },
        Action::Advance { seconds: 10 },
        // nothing owed yet: the credit's slot retires, then is taken back
        enact(0, P::RetireCredit),
        Action::FeeDeposit {
            from: 0,
            amount: 1_000,
        },
        enact(1, P::DistributorAcceptCredit(true)),
        // the providers pool (no member weight yet, nothing owed) goes and
        // comes back; the stakers pool is named by the recipients: refused
        enact(
            0,
            P::RemovePool {
                stakers: false,
                detach: true,
            },
        ),
        enact(1, P::ReaddProviders { square_root: false }),
        enact(
            2,
            P::RemovePool {
                stakers: true,
                detach: false,
            },
        ),
        // fees now reach the stakers pool; a curve change settles on resync
        Action::FeeDeposit {
            from: 0,
            amount: 1_000_000,
        },
        enact(
            0,
            P::PoolCurve {
                stakers: true,
                square_root: true,
            },
        ),
        Action::GovResync { who: 0, k: 0 },
        enact(
            1,
            P::PoolCurve {
                stakers: true,
                square_root: true,
            },
        ),
        enact(2, P::ProvidersSource(2)),
        enact(0, P::ProvidersSource(1)),
        enact(
            1,
            P::RemovePool {
                stakers: true,
                detach: true,
            },
        ),
        // identities (linkable 4, 5, 6: the renters, who hold no stake)
        link(0, 4, None, None),
        enact(
            2,
            P::Subscriber {
                governance: true,
                add: false,
            },
        ),
        // governance no longer hears: this link reaches the registry only
        link(0, 5, Some(0), None),
        enact(
            0,
            P::Attesters {
                add: Some(1),
                remove: Some(0),
            },
        ),
        // the removed attester is refused; an expiry not ahead is refused
        link(0, 6, None, None),
        link(1, 6, None, Some(0)),
        enact(
            1,
            P::Subscriber {
                governance: true,
                add: true,
            },
        ),
        link(1, 6, None, Some(200)),
        enact(2, P::MaxAddresses(2)),
        // identity 1 holds 2 links: full
        link(1, 0, Some(0), None),
        enact(
            0,
            P::GovIdentity {
                registry: true,
                per_address: true,
            },
        ),
        // the link of renter 2 has expired (its identity votes with 0);
        // the registry removes it while governance does not hear, so
        // governance's own record goes by `report_expiry`
        enact(
            1,
            P::Subscriber {
                governance: true,
                add: false,
            },
        ),
        Action::Expire { by: 0, who: 6 },
        Action::ReportExpiry { by: 0, who: 6 },
        Action::ReportExpiry { by: 0, who: 6 },
        enact(
            2,
            P::GovIdentity {
                registry: false,
                per_address: false,
            },
        ),
        enact(
            0,
            P::Subscriber {
                governance: true,
                add: true,
            },
        ),
        // governance subscribes but no longer names the registry: the
        // hook fails and so does the link
        link(1, 6, None, None),
        // the registry named again: its owner (governance) revokes renter 0's
        // link, which a different attester made
        enact(
            1,
            P::GovIdentity {
                registry: true,
                per_address: true,
            },
        ),
        enact(2, P::OwnerRevoke(4)),
        // the stakers pool re-pointed at the registry refuses governance's
        // weight changes: a stake still goes through, a resync to it fails;
        // then governance is its source again
        enact(0, P::ProvidersSource(0)),
        enact(1, P::StakersSource(false)),
        Action::Stake {
            k: 0,
            amount: 1_000_000_000,
        },
        Action::GovResync { who: 1, k: 0 },
        enact(2, P::StakersSource(true)),
        Action::GovResync { who: 1, k: 0 },
        // governance hands the registry to the community pool's address:
        // its next registry proposal fails
        enact(0, P::RegistryOwner),
        enact(1, P::MaxAddresses(5)),
    ];
    let sim = run_sequence(&actions, false).unwrap_or_else(|e| panic!("{e}"));
    let n = |k: &str| sim.accepted.get(k).copied().unwrap_or(0);
    let expected = [
        ("executed RetireCredit", 1),
        ("executed DistributorAcceptCredit", 1),
        ("executed RemovePool", 1),
        ("failed RemovePool", 2),
        ("executed ReaddProviders", 1),
        ("executed PoolCurve", 1),
        ("failed PoolCurve", 1),
        ("failed ProvidersSource", 1),
        ("executed ProvidersSource", 2),
        ("executed Subscriber", 4),
        ("executed Attesters", 1),
        ("executed MaxAddresses", 1),
        ("failed MaxAddresses", 1),
        ("executed RegistryOwner", 1),
        ("executed GovIdentity", 3),
        ("executed OwnerRevoke", 1),
        ("executed StakersSource", 2),
        ("GovResync", 2),
        ("Expire", 1),
        ("ReportExpiry", 1),
        ("FeeDeposit", 1),
    ];
    for (k, v) in expected {
        assert_eq!(n(k), v, "{k}: {:?}", sim.accepted);
    }
    // links: renter 0 (new identity), renter 1 (to it, unheard by
    // governance), renter 2 (by the new attester, expiring); refused: the
    // removed attester's, the expiry not ahead, voter 0 to the full
    // identity 1, renter 2 while governance refuses the hook
    assert_eq!(n("Link"), 3, "{:?}", sim.accepted);
    assert_eq!(sim.m.credit_balance(&sim.m.escrow), 0);
}

/// The providers pool is removed while a provider has service weight in it
/// and nothing was credited to it yet (the fees are still owed in the
/// escrow), then added back: it starts empty (a new storage slot; the old
/// member record is never read again) until the provider's weight is
/// re-sent, and the forwarded fees then reach it.
#[test]
fn a_removed_pool_added_back_starts_empty_until_its_members_are_reported() {
    use fairgrid_multitest::model::Proposal as P;
    let steps = r#"[
        {"Stake": {"k": 0, "amount": 3000000000}},
        {"Stake": {"k": 1, "amount": 3000000000}},
        {"Stake": {"k": 2, "amount": 3000000000}},
        {"Advance": {"seconds": 10}},
        {"RegisterProvider": {"p": 0, "fair": 200}},
        {"CreateOffer": {"p": 0, "price": 3600000, "min": 60, "max": 86400, "slots": 4}},
        {"Deposit": {"from": 0, "to": 0, "amount": 50000000}},
        {"OpenLease": {"r": 0, "offer": 0, "duration": 7200, "attach": false}},
        {"Advance": {"seconds": 10801}},
        {"ClaimEarnings": {"p": 0, "leases": [0]}}
    ]"#;
    let mut actions: Vec<Action> = serde_json::from_str(steps).unwrap();
    actions.extend([
        Action::Enact {
            k: 0,
            proposal: P::RemovePool {
                stakers: false,
                detach: true,
            },
        },
        Action::Enact {
            k: 1,
            proposal: P::ReaddProviders { square_root: false },
        },
        Action::ResyncCollateral { who: 0, p: 0 },
        Action::ForwardFees { who: 0, assets: 0 },
    ]);
    let sim = run_sequence(&actions, false).unwrap_or_else(|e| panic!("{e}"));
    let n = |k: &str| sim.accepted.get(k).copied().unwrap_or(0);
    for (k, v) in [
        ("ClaimEarnings", 1),
        ("executed RemovePool", 1),
        ("executed ReaddProviders", 1),
        ("ResyncCollateral", 1),
    ] {
        assert_eq!(n(k), v, "{k}: {:?}", sim.accepted);
    }
    assert!(n("ForwardFees") >= 1, "{:?}", sim.accepted);
    assert_eq!(sim.m.credit_balance(&sim.m.escrow), 0);
}
