//! Leases: open (credits, native funds, cw20), extend, close, settle.

use cosmwasm_std::coin;
use fairgrid::escrow::{ExecuteMsg, LeaseState, ReceiveMsg};
use fairgrid::AssetInfoUnchecked;

use super::suite::*;
use crate::ContractError;

#[test]
fn open_lease_from_credits_reserves_the_rounded_up_price() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    let offer = s.provider_with_offer(1_000); // 1000 per hour
    s.deposit(&alice, 10_000);
    let start = s.now();
    let id = s.open(&alice, offer, 3_601);
    let l = s.lease(id);
    // ceil(1000 * 3601 / 3600) = ceil(1000.27) = 1001
    assert_eq!(l.reservation, u(1_001));
    assert_eq!((l.start, l.end), (start, start + 3_601));
    assert_eq!(l.state, LeaseState::Active);
    assert_eq!(l.protocol_fee.get(), FEE_BPS);
    assert_eq!(l.settlement_delay, DELAY);
    assert_eq!(s.credits(&alice, &Suite::credit()), u(8_999));
    assert_eq!(s.offer(offer).used_slots, 1);
    s.check_invariants();
}

#[test]
fn open_lease_paid_with_exact_native_funds() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    let offer = s.provider_with_offer(3_600);
    let res = s.ok(
        &alice,
        &ExecuteMsg::OpenLease {
            offer_id: offer,
            duration: 50,
            max_price_per_hour: ANY_PRICE,
        },
        &[coin(50, CREDIT)],
    );
    assert_eq!(attr(&res, "paid_from"), "funds");
    assert_eq!(attr(&res, "reservation"), "50");
    assert_eq!(s.balance(&alice, CREDIT), u(START - 50));
    s.check_invariants();
    // one unit too much is refused, not kept
    let err = s.refused(
        &alice,
        &ExecuteMsg::OpenLease {
            offer_id: offer,
            duration: 50,
            max_price_per_hour: ANY_PRICE,
        },
        &[coin(51, CREDIT)],
    );
    assert_eq!(
        err,
        ContractError::WrongPaymentAmount {
            asset: "native:ucredit".into(),
            got: u(51),
            expected: u(50)
        }
    );
}

#[test]
fn open_and_extend_a_lease_paid_in_cw20() {
    let mut s = Suite::new();
    let (alice, carol, token) = (s.alice.clone(), s.carol.clone(), s.token.clone());
    s.register(&carol, 10_000);
    let offer = s.create_offer(
        &carol,
        offer_params(AssetInfoUnchecked::cw20(token.as_str()), 3_600),
    );
    let res = s
        .send_cw20(
            &alice,
            &token,
            100,
            &ReceiveMsg::OpenLease {
                offer_id: offer,
                duration: 100,
                max_price_per_hour: ANY_PRICE,
            },
        )
        .unwrap();
    let id: u64 = attr(&res, "lease_id").parse().unwrap();
    s.send_cw20(
        &alice,
        &token,
        20,
        &ReceiveMsg::ExtendLease {
            lease_id: id,
            extra: 20,
            max_price_per_hour: ANY_PRICE,
        },
    )
    .unwrap();
    let l = s.lease(id);
    assert_eq!(l.reservation, u(120));
    assert_eq!(l.end - l.start, 120);
    assert_eq!(s.cw20_balance(&token, &s.escrow.clone()), u(120));
    s.check_invariants();
    // paying a cw20 lease with another accepted asset is refused
    let err = s.refused(
        &alice,
        &ExecuteMsg::ExtendLease {
            lease_id: id,
            extra: 1,
            max_price_per_hour: ANY_PRICE,
        },
        &[coin(1, CREDIT)],
    );
    assert_eq!(
        err,
        ContractError::WrongPaymentAsset {
            expected: format!("cw20:{token}"),
            got: format!("native:{CREDIT}")
        }
    );
}

#[test]
fn extension_charges_only_the_difference_of_the_whole_span() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    let offer = s.provider_with_offer(1); // 1 per hour
    s.deposit(&alice, 100);
    let id = s.open(&alice, offer, 1_800); // ceil(0.5) = 1
    assert_eq!(s.lease(id).reservation, u(1));
    s.ok(
        &alice,
        &ExecuteMsg::ExtendLease {
            lease_id: id,
            extra: 1_800,
            max_price_per_hour: ANY_PRICE,
        },
        &[],
    );
    // whole span 3600 s: ceil(1) = 1, so the extension costs nothing more
    assert_eq!(s.lease(id).reservation, u(1));
    assert_eq!(s.credits(&alice, &Suite::credit()), u(99));
    s.ok(
        &alice,
        &ExecuteMsg::ExtendLease {
            lease_id: id,
            extra: 1,
            max_price_per_hour: ANY_PRICE,
        },
        &[],
    );
    assert_eq!(s.lease(id).reservation, u(2));
    assert_eq!(s.credits(&alice, &Suite::credit()), u(98));
    s.check_invariants();
}

#[test]
fn renter_closes_early_and_the_unused_reservation_returns_to_credits() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 1_000);
    let id = s.open(&alice, offer, 1_000);
    s.advance(300);
    let res = s.ok(&alice, &ExecuteMsg::CloseLease { lease_id: id }, &[]);
    assert_eq!(attr(&res, "refund"), "700");
    assert_eq!(attr(&res, "early"), "true");
    let l = s.lease(id);
    assert_eq!(l.state, LeaseState::Settled);
    assert_eq!(l.end, s.now());
    assert_eq!(s.credits(&alice, &Suite::credit()), u(700));
    assert_eq!(s.offer(offer).used_slots, 0);
    s.check_invariants();
    // the 300 accrued stay for the provider after the settlement delay
    s.advance(DELAY);
    assert_eq!(s.amounts(id).claimable_gross, u(300));
    s.check_invariants();
}

#[test]
fn provider_stops_serving_by_closing_the_lease() {
    let mut s = Suite::new();
    let (alice, carol) = (s.alice.clone(), s.carol.clone());
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 1_000);
    let id = s.open(&alice, offer, 1_000);
    s.advance(10);
    let res = s.ok(&carol, &ExecuteMsg::CloseLease { lease_id: id }, &[]);
    assert_eq!(attr(&res, "closed_by"), carol.to_string());
    assert_eq!(s.credits(&alice, &Suite::credit()), u(990));
    s.check_invariants();
}

#[test]
fn a_lease_ends_by_itself_and_settle_frees_the_slot_and_the_remainder() {
    let mut s = Suite::new();
    let (alice, stranger) = (s.alice.clone(), s.stranger.clone());
    let offer = s.provider_with_offer(1_000);
    s.deposit(&alice, 10_000);
    let id = s.open(&alice, offer, 3_601); // reserves 1001, accrues 1000
    s.advance(3_601);
    assert_eq!(s.lease(id).state, LeaseState::Ended);
    let a = s.amounts(id);
    assert_eq!((a.accrued, a.refundable), (u(1_000), u(1)));
    s.check_invariants();
    // permissionless
    let res = s.ok(
        &stranger,
        &ExecuteMsg::Settle {
            lease_ids: vec![id],
        },
        &[],
    );
    assert_eq!(attr(&res, "refund"), "1");
    assert_eq!(s.credits(&alice, &Suite::credit()), u(10_000 - 1_000));
    assert_eq!(s.offer(offer).used_slots, 0);
    assert_eq!(s.lease(id).state, LeaseState::Settled);
    s.check_invariants();
    assert_eq!(
        s.refused(
            &stranger,
            &ExecuteMsg::Settle {
                lease_ids: vec![id]
            },
            &[]
        ),
        ContractError::LeaseSettled { lease_id: id }
    );
}

#[test]
fn settle_refuses_a_running_lease() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 1_000);
    let id = s.open(&alice, offer, 100);
    let end = s.lease(id).end;
    assert_eq!(
        s.refused(
            &alice,
            &ExecuteMsg::Settle {
                lease_ids: vec![id]
            },
            &[]
        ),
        ContractError::LeaseStillRunning { lease_id: id, end }
    );
}

#[test]
fn lazy_settlement_accrues_exactly_the_reservation_after_a_long_silence() {
    let mut s = Suite::new();
    let (alice, carol) = (s.alice.clone(), s.carol.clone());
    let offer = s.provider_with_offer(7_200); // 2 per second
    s.deposit(&alice, 10_000);
    let id = s.open(&alice, offer, 1_000);
    s.advance(1_000_000);
    let a = s.amounts(id);
    assert_eq!(a.accrued, u(2_000));
    assert_eq!(a.claimable_gross, u(2_000));
    s.claim(&carol, vec![id]);
    // 2.5% of 2000 = 50 fee
    assert_eq!(s.balance(&carol, CREDIT), u(START + 1_950));
    assert_eq!(s.fees_owed(&Suite::credit()), u(50));
    s.check_invariants();
}

/// Attack: a keeper settles a batch of ended leases; anyone front-runs it by
/// settling (or the renter by closing) one lease of the batch. The batch
/// still settles the others and reports the settled one, and a still
/// running lease, as skipped; only a batch that settles nothing is refused.
#[test]
fn one_lease_settled_by_a_front_runner_does_not_fail_a_keepers_batched_settle() {
    let mut s = Suite::new();
    let (alice, bob, stranger) = (s.alice.clone(), s.bob.clone(), s.stranger.clone());
    let offer = s.provider_with_offer(3_601);
    s.deposit(&alice, 10_000);
    s.deposit(&bob, 10_000);
    let a = s.open(&alice, offer, 1_000);
    let b = s.open(&bob, offer, 1_000);
    s.advance(1_000);
    // the front-runner settles lease a alone
    s.ok(&stranger, &ExecuteMsg::Settle { lease_ids: vec![a] }, &[]);
    // the keeper's batch still settles b, and reports a
    let res = s
        .exec(
            &stranger,
            &ExecuteMsg::Settle {
                lease_ids: vec![a, b],
            },
            &[],
        )
        .expect("a batch with one settled lease still settles the others");
    assert_eq!(attr(&res, "skipped"), a.to_string());
    assert_eq!(attr(&res, "skip_reason"), "settled");
    assert_eq!(attr(&res, "lease_id"), b.to_string());
    assert_eq!(s.lease(b).state, LeaseState::Settled);
    // ceil(3601 * 1000 / 3600) - floor(...) = 1001 - 1000
    assert_eq!(s.credits(&bob, &Suite::credit()), u(10_000 - 1_000));
    assert_eq!(s.offer(offer).used_slots, 0);
    s.check_invariants();
    // a batch in which nothing can be settled is refused with its first reason
    let c = s.open(&alice, offer, 1_000);
    let end = s.lease(c).end;
    assert_eq!(
        s.refused(
            &stranger,
            &ExecuteMsg::Settle {
                lease_ids: vec![c, a]
            },
            &[]
        ),
        ContractError::LeaseStillRunning { lease_id: c, end }
    );
    // a running lease beside an ended one is skipped, the ended one settled
    s.advance(1_000);
    let d = s.open(&bob, offer, 1_000);
    let res = s
        .exec(
            &stranger,
            &ExecuteMsg::Settle {
                lease_ids: vec![d, c],
            },
            &[],
        )
        .expect("the ended lease settles");
    assert_eq!(attr(&res, "skipped"), d.to_string());
    assert_eq!(attr(&res, "skip_reason"), "running");
    assert_eq!(attr(&res, "lease_id"), c.to_string());
    assert_eq!(s.lease(c).state, LeaseState::Settled);
    assert_eq!(s.lease(d).state, LeaseState::Active);
    assert_eq!(s.offer(offer).used_slots, 1);
    s.check_invariants();
}
