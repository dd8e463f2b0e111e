//! Staking, unstaking, claims, snapshots, hooks and concentration metrics.
use super::*;
use cw_utils::Expiration;
use fairgrid::governance::ClaimInfo;

#[test]
fn stake_via_send_records_stake_power_and_metrics() {
    let mut s = Suite::new();
    let (alice, bob) = (s.user("alice"), s.user("bob"));
    let res = s.stake(&alice, 400).unwrap();
    assert_eq!(attr(&res, "action"), "stake");
    assert_eq!(attr(&res, "amount"), "400");
    s.check();
    s.stake(&bob, 100).unwrap();
    s.stake(&alice, 100).unwrap();
    s.check();
    assert_eq!(s.staked(&alice), u(500));
    assert_eq!(s.fair(&s.gov), u(600));
    assert_eq!(s.fair(&alice), u(START_BALANCE - 500));
    let m = s.metrics();
    assert_eq!(m.stakers, 2);
    assert_eq!(m.total_stake, u(600));
    assert_eq!(m.total_power, u(600));
    // (500² + 100²) × 10000 / 600² = 7222.2 → 7222
    assert_eq!(m.stake_hhi_bps, 7_222);
    assert_eq!(m.power_hhi_bps, 7_222);
}

#[test]
fn square_root_power_and_min_stake_set_power_and_total() {
    let mut s = Suite::with(Setup {
        curve: Curve::SquareRoot,
        min_stake: u(100),
        ..Setup::default()
    });
    let (alice, bob, carol) = (s.user("alice"), s.user("bob"), s.user("carol"));
    s.stake(&alice, 10_000).unwrap(); // power 100
    s.stake(&bob, 99).unwrap(); // below min: 0
    s.stake(&carol, 150).unwrap(); // floor(sqrt(150)) = 12
    s.check();
    assert_eq!(s.power_at(&alice, None).power, u(100));
    assert_eq!(s.power_at(&bob, None).power, u(0));
    assert_eq!(s.power_at(&carol, None).power, u(12));
    assert_eq!(s.total_power(None), u(112));
    s.stake(&bob, 1).unwrap(); // reaches min: 10
    s.check();
    assert_eq!(s.total_power(None), u(122));
    let m = s.metrics();
    // power HHI: (100² + 10² + 12²) × 10000 / 122² = 6882.6 → 6882
    assert_eq!(m.power_hhi_bps, 6_882);
    assert_eq!(m.stakers, 3);
}

#[test]
fn stakes_and_total_are_snapshotted_per_height() {
    let mut s = Suite::new();
    let alice = s.user("alice");
    let h0 = s.height();
    s.stake(&alice, 100).unwrap();
    s.next_block();
    let h1 = s.height();
    s.stake(&alice, 50).unwrap();
    s.unstake(&alice, 30).unwrap();
    s.next_block();
    let h2 = s.height();
    s.check();
    // "at height h" = before the changes of block h
    assert_eq!(s.power_at(&alice, Some(h0)).stake, u(0));
    assert_eq!(s.power_at(&alice, Some(h1)).stake, u(100));
    assert_eq!(s.power_at(&alice, Some(h2)).stake, u(120));
    assert_eq!(s.total_power(Some(h0)), u(0));
    assert_eq!(s.total_power(Some(h1)), u(100));
    assert_eq!(s.total_power(Some(h2)), u(120));
    assert_eq!(s.power_at(&alice, None).stake, u(120));
}

#[test]
fn unstake_creates_claim_paid_after_unbonding_period() {
    let mut s = Suite::new();
    let alice = s.user("alice");
    s.stake(&alice, 1_000).unwrap();
    let t0 = s.now();
    let release = s.app.block_info().time.plus_seconds(1_000);
    let res = s.unstake(&alice, 400).unwrap();
    assert_eq!(attr(&res, "action"), "unstake");
    s.check();
    assert_eq!(s.staked(&alice), u(600));
    assert_eq!(
        s.claims(&alice).claims,
        vec![ClaimInfo {
            amount: u(400),
            release_at: Expiration::AtTime(release),
        }]
    );
    s.set_time(t0 + 1_000);
    let before = s.fair(&alice);
    let res = s.claim(&alice).unwrap();
    assert_eq!(attr(&res, "amount"), "400");
    assert_eq!(s.fair(&alice), before + u(400));
    assert!(s.claims(&alice).claims.is_empty());
    s.check();
    // unstaking everything removes the staker
    s.unstake(&alice, 600).unwrap();
    s.check();
    assert_eq!(s.metrics().stakers, 0);
    assert_eq!(s.total_power(None), u(0));
}

#[test]
fn claim_pays_only_matured_claims() {
    let mut s = Suite::new();
    let alice = s.user("alice");
    s.stake(&alice, 1_000).unwrap();
    let t0 = s.now();
    s.unstake(&alice, 100).unwrap();
    s.set_time(t0 + 500);
    s.unstake(&alice, 200).unwrap();
    s.set_time(t0 + 1_000);
    let res = s.claim(&alice).unwrap();
    assert_eq!(attr(&res, "amount"), "100");
    s.check();
    assert_eq!(s.claims(&alice).claims.len(), 1);
    s.set_time(t0 + 1_500);
    assert_eq!(attr(&s.claim(&alice).unwrap(), "amount"), "200");
    s.check();
}

#[test]
fn every_stake_change_calls_each_hook_in_the_same_tx() {
    let mut s = Suite::with(Setup {
        hooks: vec![false, false],
        ..Setup::default()
    });
    let alice = s.user("alice");
    s.stake(&alice, 100).unwrap();
    s.stake(&alice, 20).unwrap();
    s.unstake(&alice, 50).unwrap();
    s.check();
    let expect = vec![
        WeightChange::new(&alice, u(0), u(100)),
        WeightChange::new(&alice, u(100), u(120)),
        WeightChange::new(&alice, u(120), u(70)),
    ];
    for h in s.hooks.clone() {
        assert_eq!(s.hook_log(&h), expect);
    }
}

/// A receiver that refuses a weight change never blocks a stake or an
/// unstake (a majority that breaks a pool cannot hold stakers' FAIR by it):
/// the reply reports `weight_hook_failed`; the pool keeps its old weight
/// until anyone's `resync_weight` re-sends the true one.
#[test]
fn a_failing_hook_receiver_blocks_no_stake_and_no_unstake() {
    let mut s = Suite::with(Setup {
        hooks: vec![true],
        ..Setup::default()
    });
    let alice = s.user("alice");
    let res = s.stake(&alice, 100).unwrap();
    assert_eq!(attr(&res, "action"), "stake");
    let failed: Vec<_> = res
        .events
        .iter()
        .flat_map(|e| e.attributes.iter())
        .filter(|a| a.key == "action" && a.value == "weight_hook_failed")
        .collect();
    assert_eq!(failed.len(), 1, "one failing receiver, one report");
    assert_eq!(attr(&res, "staker"), alice.to_string());
    assert!(attr(&res, "error").contains("hook receiver refuses"));
    assert_eq!(s.staked(&alice), u(100));
    s.check();
    let res = s
        .exec(&alice, &ExecuteMsg::Unstake { amount: u(40) })
        .unwrap();
    assert!(res
        .events
        .iter()
        .flat_map(|e| e.attributes.iter())
        .any(|a| a.key == "action" && a.value == "weight_hook_failed"));
    assert_eq!(s.staked(&alice), u(60));
    s.check();
    // the receiver heard nothing; a resync to it fails while it refuses and
    // changes nothing
    let hook = s.hooks[0].clone();
    assert!(s.hook_log(&hook).is_empty());
    let resync = ExecuteMsg::ResyncWeight {
        account: alice.to_string(),
        receiver: hook.to_string(),
    };
    let before = s.snapshot();
    assert!(s.exec(&alice, &resync).is_err());
    assert_eq!(s.snapshot(), before);
}

#[test]
fn metrics_track_concentration_with_many_stakers() {
    let mut s = Suite::with(Setup {
        curve: Curve::SquareRoot,
        extra_users: 4,
        ..Setup::default()
    });
    for u in s.users.clone() {
        s.stake(&u, 10_000).unwrap();
        s.check();
    }
    let m = s.metrics();
    assert_eq!(m.stakers, 10);
    // equal holders: 1/10
    assert_eq!(m.stake_hhi_bps, 1_000);
    assert_eq!(m.power_hhi_bps, 1_000);
    let whale = s.user("whale");
    s.stake(&whale, 990_000).unwrap(); // whale 1_000_000 of 1_090_000
    s.check();
    let m = s.metrics();
    assert!(m.stake_hhi_bps > 8_000, "{}", m.stake_hhi_bps);
    // sqrt dampens it: 1000 of 1900 power
    assert!(m.power_hhi_bps < 3_500, "{}", m.power_hhi_bps);
}

/// Pools cannot be farmed with dust: a stake below `min_stake` is reported
/// to every hook receiver as weight 0, and crossing `min_stake` either way
/// reports the whole stake in or out.
#[test]
fn stake_below_min_stake_is_reported_to_pools_as_zero_weight() {
    let mut s = Suite::with(Setup {
        min_stake: u(100),
        hooks: vec![false],
        ..Setup::default()
    });
    let alice = s.user("alice");
    s.stake(&alice, 99).unwrap();
    s.stake(&alice, 1).unwrap();
    s.stake(&alice, 50).unwrap();
    s.unstake(&alice, 51).unwrap();
    s.unstake(&alice, 99).unwrap();
    s.check();
    let h = s.hooks[0].clone();
    assert_eq!(
        s.hook_log(&h),
        vec![
            WeightChange::new(&alice, u(0), u(0)),
            WeightChange::new(&alice, u(0), u(100)),
            WeightChange::new(&alice, u(100), u(150)),
            WeightChange::new(&alice, u(150), u(0)),
            WeightChange::new(&alice, u(0), u(0)),
        ]
    );
}

/// `resync_weight` is permissionless and only ever reports the truth: the
/// account's current pool weight, as `old` = `new`, to one current hook.
#[test]
fn resync_reports_the_current_pool_weight_to_one_current_hook() {
    let mut s = Suite::with(Setup {
        min_stake: u(100),
        hooks: vec![false, false],
        ..Setup::default()
    });
    let (alice, bob) = (s.user("alice"), s.user("bob"));
    let (h0, h1) = (s.hooks[0].clone(), s.hooks[1].clone());
    s.stake(&alice, 150).unwrap();
    s.stake(&bob, 99).unwrap();
    let n1 = s.hook_log(&h1).len();
    let resync = |who: &Addr, receiver: &Addr| ExecuteMsg::ResyncWeight {
        account: who.to_string(),
        receiver: receiver.to_string(),
    };
    let res = s.exec(&bob, &resync(&alice, &h0)).unwrap();
    assert_eq!(attr(&res, "action"), "resync_weight");
    assert_eq!(attr(&res, "weight"), "150");
    s.exec(&alice, &resync(&bob, &h0)).unwrap();
    let stranger = s.user("stranger");
    s.exec(&alice, &resync(&stranger, &h0)).unwrap();
    s.check();
    let log = s.hook_log(&h0);
    assert_eq!(
        log[log.len() - 3..],
        [
            WeightChange::new(&alice, u(150), u(150)),
            WeightChange::new(&bob, u(0), u(0)),
            WeightChange::new(&stranger, u(0), u(0)),
        ]
    );
    // only the named receiver hears it
    assert_eq!(s.hook_log(&h1).len(), n1);
}

#[test]
fn resync_to_an_address_that_is_not_a_hook_is_refused() {
    let mut s = Suite::with(Setup {
        hooks: vec![false],
        ..Setup::default()
    });
    let alice = s.user("alice");
    s.stake(&alice, 100).unwrap();
    let not_hook = s.user("not-a-hook");
    refused(
        &mut s,
        ContractError::HookNotFound {
            hook: not_hook.to_string(),
        },
        |s| {
            s.exec(
                &alice,
                &ExecuteMsg::ResyncWeight {
                    account: alice.to_string(),
                    receiver: not_hook.to_string(),
                },
            )
        },
    );
}
