//! Must work: pools by hook, curves, settlement before weight changes.

use cosmwasm_std::Uint128;
use fairgrid::asset::AssetInfo;

use super::suite::*;

#[test]
fn member_is_settled_at_the_old_weight_before_a_change() {
    let mut s = Suite::new();
    let (alice, bob) = (s.addr("alice"), s.addr("bob"));
    let d = AssetInfo::native(DENOM);
    s.stake(&alice, 0, 100);
    s.deposit(DENOM, 1_000).unwrap(); // stakers +400, all alice's
    s.stake(&bob, 0, 100);
    s.check_invariants();
    assert_eq!(s.pending_of(&alice, &d), 400);
    assert_eq!(s.pending_of(&bob, &d), 0);
    s.deposit(DENOM, 1_000).unwrap(); // +400: 200 / 200
    assert_eq!(s.pending_of(&alice, &d), 600);
    assert_eq!(s.pending_of(&bob, &d), 200);
    // alice triples her stake: settled first, then 300 : 100
    s.stake(&alice, 100, 300);
    assert_eq!(s.pending_of(&alice, &d), 600);
    s.deposit(DENOM, 1_000).unwrap();
    assert_eq!(s.pending_of(&alice, &d), 900);
    assert_eq!(s.pending_of(&bob, &d), 300);
    s.check_invariants();
}

#[test]
fn square_root_pool_applies_its_curve_to_raw_weights() {
    let mut s = Suite::new();
    let (p1, p2) = (s.addr("p1"), s.addr("p2"));
    let escrow = s.escrow.clone();
    let res = s.hook(&escrow, &p1, 0, 10_000).unwrap(); // weight 100
    assert_eq!(attr(&res, "weight"), vec!["100"]);
    s.hook(&escrow, &p2, 0, 400).unwrap(); // weight 20
    assert_eq!(s.member("providers", &p1).weight, Uint128::new(100));
    assert_eq!(s.member("providers", &p2).weight, Uint128::new(20));
    assert_eq!(
        s.pools(Some("a"), None).pools[0].total_weight,
        Uint128::new(120)
    );
    s.deposit(DENOM, 12_000).unwrap(); // providers 3,600: 3,000 / 600
    let d = AssetInfo::native(DENOM);
    assert_eq!(s.pending_of(&p1, &d), 3_000);
    assert_eq!(s.pending_of(&p2, &d), 600);
    s.check_invariants();
}

#[test]
fn linear_pool_uses_raw_weights_as_is() {
    let mut s = Suite::new();
    let a = s.addr("alice");
    s.stake(&a, 0, 10u128.pow(30));
    assert_eq!(s.member("stakers", &a).weight, Uint128::new(10u128.pow(30)));
    s.deposit(DENOM, 3).unwrap();
    s.check_invariants();
}

#[test]
fn a_member_that_leaves_keeps_what_it_was_owed() {
    let mut s = Suite::new();
    let (alice, bob) = (s.addr("alice"), s.addr("bob"));
    let d = AssetInfo::native(DENOM);
    s.stake(&alice, 0, 1);
    s.stake(&bob, 0, 1);
    s.deposit(DENOM, 1_000).unwrap();
    s.stake(&alice, 1, 0);
    assert_eq!(s.member("stakers", &alice).weight, Uint128::zero());
    assert_eq!(s.pending_of(&alice, &d), 200);
    s.deposit(DENOM, 1_000).unwrap();
    assert_eq!(s.pending_of(&alice, &d), 200);
    assert_eq!(s.pending_of(&bob, &d), 600);
    s.check_invariants();
    // after claiming everything the empty record is gone
    s.claim(&alice, None, None).unwrap();
    assert!(s
        .members("stakers", None, None)
        .members
        .iter()
        .all(|m| m.address != alice));
    s.check_invariants();
}

#[test]
fn hook_reporting_an_unknown_old_weight_sets_the_new_one() {
    // a source that had stakers before the pool existed: `old` is ignored
    let mut s = Suite::new();
    let a = s.addr("alice");
    s.stake(&a, 500, 700);
    assert_eq!(s.member("stakers", &a).weight, Uint128::new(700));
    assert_eq!(s.pools(None, None).pools[1].total_weight, Uint128::new(700));
    s.check_invariants();
}

#[test]
fn weight_hook_events_name_pool_account_and_weights() {
    let mut s = Suite::new();
    let a = s.addr("alice");
    let gov = s.gov.clone();
    let res = s.hook(&gov, &a, 0, 9).unwrap();
    assert_eq!(attr(&res, "action"), vec!["weight_changed"]);
    assert_eq!(attr(&res, "pool"), vec!["stakers"]);
    assert_eq!(attr(&res, "account"), vec![a.to_string()]);
    assert_eq!(attr(&res, "raw_new"), vec!["9"]);
}
