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

/// The documented effect of the square-root curve: splitting a stake across
/// addresses GAINS curved weight (√a + √b ≥ √(a+b)); k pieces gain at most a
/// factor √k and never more than the stake's linear weight. What protects the
/// pool: weights come only from the source contract (stake in governance,
/// collateral in the escrow), each address needing its minimum stake or
/// collateral, so k pieces need k minimums; the pools' curves are chosen with
/// that in mind. Under Linear the split changes nothing.
#[test]
fn splitting_stake_under_square_root_gains_at_most_sqrt_k_and_never_beyond_linear() {
    let mut s =
        Suite::with_recipients(|_| vec![pool_r("providers", 5_000), pool_r("stakers", 5_000)]);
    let escrow = s.escrow.clone();
    let gov = s.gov.clone();
    let whale = s.addr("whale");
    let pieces: Vec<_> = (0..4).map(|i| s.addr(&format!("piece{i}"))).collect();
    // square root: the whale keeps 10,000 whole, the attacker splits 10,000 in 4
    s.hook(&escrow, &whale, 0, 10_000).unwrap();
    for p in &pieces {
        s.hook(&escrow, p, 0, 2_500).unwrap();
    }
    // linear: the same split changes nothing
    s.hook(&gov, &whale, 0, 10_000).unwrap();
    for p in &pieces {
        s.hook(&gov, p, 0, 2_500).unwrap();
    }
    s.deposit(DENOM, 60_000).unwrap();
    let d = AssetInfo::native(DENOM);
    let split_sqrt: u128 = pieces
        .iter()
        .map(|p| s.member("providers", p).pending[0].amount.u128())
        .sum();
    let whale_sqrt = s.member("providers", &whale).pending[0].amount.u128();
    // curved 100 vs 4 × 50 = 200 = isqrt(4 × 10,000): 2/3 of 30,000
    assert_eq!((whale_sqrt, split_sqrt), (10_000, 20_000));
    let split_lin: u128 = pieces
        .iter()
        .map(|p| s.member("stakers", p).pending[0].amount.u128())
        .sum();
    let whale_lin = s.member("stakers", &whale).pending[0].amount.u128();
    assert_eq!((whale_lin, split_lin), (15_000, 15_000));
    // never beyond what the stake earns under linear weighting
    assert!(split_sqrt <= 30_000 * 10_000 / (10_000 + 100));
    assert_eq!(s.pending_of(&whale, &d), 25_000);
    s.check_invariants();
}
