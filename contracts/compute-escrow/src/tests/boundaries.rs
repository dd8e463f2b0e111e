//! Boundaries: same block, exact end, exact end of the settlement delay,
//! tiny prices, a lease running out exactly.

use fairgrid::escrow::{ExecuteMsg, LeaseState};
use fairgrid::Bps;

use super::suite::*;
use crate::ContractError;

#[test]
fn same_block_open_and_claim_pays_zero_and_does_not_fail() {
    let mut s = Suite::new();
    let (alice, carol) = (s.alice.clone(), s.carol.clone());
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 1_000);
    let id = s.open(&alice, offer, 100);
    let res = s.claim(&carol, vec![id]);
    assert_eq!(attr(&res, "gross"), "0");
    assert_eq!(s.balance(&carol, CREDIT), u(START));
    // and an immediate close refunds everything
    s.ok(&alice, &ExecuteMsg::CloseLease { lease_id: id }, &[]);
    assert_eq!(s.credits(&alice, &Suite::credit()), u(1_000));
    s.check_invariants();
}

#[test]
fn claimable_at_the_end_of_the_settlement_delay_one_second_before_and_after() {
    let mut s = Suite::new();
    let (alice, carol) = (s.alice.clone(), s.carol.clone());
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 1_000);
    let id = s.open(&alice, offer, 100);
    s.advance(100 + DELAY - 1);
    assert_eq!(s.amounts(id).claimable_gross, u(99));
    s.claim(&carol, vec![id]);
    s.advance(1); // exactly end + delay
    assert_eq!(s.amounts(id).claimable_gross, u(1));
    s.claim(&carol, vec![id]);
    assert_eq!(s.lease(id).claimed_gross, u(100));
    s.advance(1);
    assert_eq!(s.amounts(id).claimable_gross, u(0));
    let res = s.claim(&carol, vec![id]);
    assert_eq!(attr(&res, "gross"), "0");
    // fee is exactly ceil(2.5) = 3 on the cumulative 100
    assert_eq!(s.fees_owed(&Suite::credit()), u(3));
    s.check_invariants();
}

#[test]
fn closing_exactly_at_the_end_time_one_second_before_and_after() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 3_000);
    let before = s.open(&alice, offer, 100);
    let at = s.open(&alice, offer, 101);
    s.advance(99);
    let res = s.ok(&alice, &ExecuteMsg::CloseLease { lease_id: before }, &[]);
    assert_eq!(
        (attr(&res, "early").as_str(), attr(&res, "refund").as_str()),
        ("true", "1")
    );
    s.advance(2); // exactly the end of `at`
    assert_eq!(s.lease(at).state, LeaseState::Ended);
    let res = s.ok(&alice, &ExecuteMsg::CloseLease { lease_id: at }, &[]);
    assert_eq!(
        (attr(&res, "early").as_str(), attr(&res, "refund").as_str()),
        ("false", "0")
    );
    let after = s.open(&alice, offer, 10);
    s.advance(11);
    let res = s.ok(&alice, &ExecuteMsg::CloseLease { lease_id: after }, &[]);
    assert_eq!(attr(&res, "early"), "false");
    assert_eq!(s.lease(after).end - s.lease(after).start, 10);
    s.check_invariants();
}

#[test]
fn extension_exactly_at_the_end_time_is_refused_one_second_before_is_not() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 3_000);
    let id = s.open(&alice, offer, 100);
    s.advance(99);
    s.ok(
        &alice,
        &ExecuteMsg::ExtendLease {
            lease_id: id,
            extra: 1,
            max_price_per_hour: ANY_PRICE,
        },
        &[],
    );
    s.advance(2);
    let end = s.lease(id).end;
    assert_eq!(end, s.now());
    assert_eq!(
        s.refused(
            &alice,
            &ExecuteMsg::ExtendLease {
                lease_id: id,
                extra: 1,
                max_price_per_hour: ANY_PRICE
            },
            &[]
        ),
        ContractError::LeaseEnded { lease_id: id, end }
    );
}

#[test]
fn dispute_at_the_deadline_is_refused_one_second_before_is_not() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 3_000);
    let a = s.open(&alice, offer, 100);
    let b = s.open(&alice, offer, 100);
    s.advance(100 + DELAY - 1);
    s.ok(
        &alice,
        &ExecuteMsg::OpenDispute {
            lease_id: a,
            reason: "r".into(),
        },
        &[],
    );
    s.advance(1);
    let deadline = s.lease(b).end + DELAY;
    assert_eq!(
        s.refused(
            &alice,
            &ExecuteMsg::OpenDispute {
                lease_id: b,
                reason: "r".into()
            },
            &[]
        ),
        ContractError::DisputeWindowClosed {
            lease_id: b,
            deadline,
            now: deadline
        }
    );
}

#[test]
fn a_tiny_price_never_opens_a_lease_for_free() {
    let mut s = Suite::new();
    let (alice, carol) = (s.alice.clone(), s.carol.clone());
    let offer = s.provider_with_offer(1); // 1 unit per hour
    s.deposit(&alice, 100);
    for duration in [1, 3_599, 3_600] {
        let id = s.open(&alice, offer, duration);
        assert_eq!(s.lease(id).reservation, u(1), "{duration}s reserves 1");
        s.advance(duration + DELAY);
        s.ok(
            &alice,
            &ExecuteMsg::Settle {
                lease_ids: vec![id],
            },
            &[],
        );
        s.claim(&carol, vec![id]);
        // a full hour earns the one unit; the fee on 1 unit is 1 (rounded up)
        let earned = if duration == 3_600 { 1 } else { 0 };
        assert_eq!(s.lease(id).claimed_gross, u(earned));
        s.check_invariants();
    }
    assert_eq!(s.credits(&alice, &Suite::credit()), u(99));
    assert_eq!(s.fees_owed(&Suite::credit()), u(1));
    assert_eq!(s.balance(&carol, CREDIT), u(START));
}

#[test]
fn a_lease_run_out_exactly_then_closed_topped_up_and_queried() {
    let mut s = Suite::new();
    let (alice, carol) = (s.alice.clone(), s.carol.clone());
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 500);
    let id = s.open(&alice, offer, 500); // all credits
    assert_eq!(s.credits(&alice, &Suite::credit()), u(0));
    s.advance(500);
    let a = s.amounts(id);
    assert_eq!((a.accrued, a.refundable), (u(500), u(0)));
    let res = s.ok(&alice, &ExecuteMsg::CloseLease { lease_id: id }, &[]);
    assert_eq!(attr(&res, "refund"), "0");
    assert_eq!(
        s.refused(
            &alice,
            &ExecuteMsg::ExtendLease {
                lease_id: id,
                extra: 10,
                max_price_per_hour: ANY_PRICE
            },
            &[]
        ),
        ContractError::LeaseEnded {
            lease_id: id,
            end: s.lease(id).end
        }
    );
    s.deposit(&alice, 7);
    assert_eq!(s.credits(&alice, &Suite::credit()), u(7));
    s.advance(DELAY);
    s.claim(&carol, vec![id]);
    assert_eq!(s.lease(id).claimed_gross, u(500));
    assert_eq!(s.amounts(id).refundable, u(0));
    s.check_invariants();
}

#[test]
fn fee_on_one_unit_is_one_and_zero_fee_takes_nothing() {
    let mut s = Suite::with(|m| m.protocol_fee = Bps::ZERO);
    let (alice, carol) = (s.alice.clone(), s.carol.clone());
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 10);
    let id = s.open(&alice, offer, 1);
    s.advance(1 + DELAY);
    s.claim(&carol, vec![id]);
    assert_eq!(s.balance(&carol, CREDIT), u(START + 1));
    assert_eq!(s.collector_got(&Suite::credit()), u(0));
    s.check_invariants();
}
