//! Disputes: window, frozen claims, the arbiter's split and slash.

use fairgrid::escrow::{ExecuteMsg, LeaseState};
use fairgrid::Bps;

use super::suite::*;
use crate::ContractError;

fn dispute(s: &mut Suite, lease_id: u64) {
    let alice = s.alice.clone();
    s.ok(
        &alice,
        &ExecuteMsg::OpenDispute {
            lease_id,
            reason: "GPUs never came up".into(),
        },
        &[],
    );
}

#[test]
fn dispute_freezes_claims_then_the_arbiter_splits_and_slashes() {
    let mut s = Suite::new();
    let (alice, carol, arbiter) = (s.alice.clone(), s.carol.clone(), s.arbiter.clone());
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 10_000);
    let id = s.open(&alice, offer, 2_000);
    s.advance(1_000);
    s.claim(&carol, vec![id]); // 400 claimed (gross)
    dispute(&mut s, id);
    assert_eq!(s.lease(id).state, LeaseState::Disputed);
    assert_eq!(s.provider(&carol).open_disputes, 1);
    s.check_invariants();
    s.advance(DELAY);
    s.claim_skipped(&carol, id, "disputed");
    assert_eq!(s.amounts(id).claimable_gross, u(0));

    // at t = start + 1600 the lease ends; 1600 accrued, 400 claimed
    let res = s.ok(
        &arbiter,
        &ExecuteMsg::ResolveDispute {
            lease_id: id,
            provider_share: Bps::new(2_500).unwrap(),
            slash: u(3_000),
        },
        &[],
    );
    // unclaimed 1200: provider 300 gross, renter 900; unused 400 back too
    assert_eq!(attr(&res, "to_provider"), "300");
    assert_eq!(attr(&res, "to_renter"), "900");
    assert_eq!(attr(&res, "refund"), "400");
    // fee on the cumulative 700 is ceil(17.5) = 18, 10 already paid
    assert_eq!(attr(&res, "fee"), "8");
    assert_eq!(s.balance(&carol, CREDIT), u(START + 390 + 292));
    assert_eq!(s.credits(&alice, &Suite::credit()), u(8_000 + 900 + 400));
    assert_eq!(
        s.credits(&alice, &fairgrid::AssetInfo::native(FAIR)),
        u(3_000)
    );
    let p = s.provider(&carol);
    assert_eq!((p.collateral, p.open_disputes), (u(7_000), 0));
    // service weight: the fees paid, 10 by the claim and 8 by the ruling;
    // the slash leaves collateral bonded, so the weight stays
    assert_eq!(attr(&res, "service_weight"), "18");
    assert_eq!(s.hook_weight(&carol), u(18));
    assert_eq!(s.lease(id).state, LeaseState::Resolved);
    s.check_invariants();
    // final: no more claims pay, no second dispute
    s.claim_skipped(&carol, id, "resolved");
    assert_eq!(
        s.refused(
            &alice,
            &ExecuteMsg::OpenDispute {
                lease_id: id,
                reason: "again".into()
            },
            &[]
        ),
        ContractError::DisputeAlreadyRaised { lease_id: id }
    );
    assert_eq!(
        s.refused(
            &arbiter,
            &ExecuteMsg::ResolveDispute {
                lease_id: id,
                provider_share: Bps::ZERO,
                slash: u(0)
            },
            &[]
        ),
        ContractError::NoOpenDispute { lease_id: id }
    );
    s.check_invariants();
}

#[test]
fn renter_may_dispute_within_the_settlement_delay_after_the_end() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 10_000);
    let id = s.open(&alice, offer, 100);
    let deadline = s.lease(id).end + DELAY;
    s.advance(100 + DELAY - 1);
    dispute(&mut s, id);
    s.check_invariants();

    let id2 = s.open(&alice, offer, 100);
    let deadline2 = s.lease(id2).end + DELAY;
    s.advance(100 + DELAY);
    let err = s.refused(
        &alice,
        &ExecuteMsg::OpenDispute {
            lease_id: id2,
            reason: "late".into(),
        },
        &[],
    );
    assert_eq!(
        err,
        ContractError::DisputeWindowClosed {
            lease_id: id2,
            deadline: deadline2,
            now: deadline2
        }
    );
    let _ = deadline;
}

#[test]
fn dispute_blocks_collateral_payout_and_slash_reaches_unbonding_collateral() {
    let mut s = Suite::new();
    let (alice, carol, arbiter) = (s.alice.clone(), s.carol.clone(), s.arbiter.clone());
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 10_000);
    let id = s.open(&alice, offer, 100);
    s.ok(&carol, &ExecuteMsg::CloseOffer { offer_id: offer }, &[]);
    s.advance(100);
    s.ok(
        &alice,
        &ExecuteMsg::Settle {
            lease_ids: vec![id],
        },
        &[],
    );
    // provider starts leaving; the renter disputes within the window
    s.ok(
        &carol,
        &ExecuteMsg::RequestCollateralWithdrawal { amount: u(10_000) },
        &[],
    );
    dispute(&mut s, id);
    s.advance(UNBONDING);
    assert_eq!(
        s.refused(&carol, &ExecuteMsg::WithdrawCollateral {}, &[]),
        ContractError::OpenDisputes {
            provider: carol.to_string(),
            open_disputes: 1
        }
    );
    assert_eq!(
        s.refused(
            &arbiter,
            &ExecuteMsg::ResolveDispute {
                lease_id: id,
                provider_share: Bps::ZERO,
                slash: u(10_001)
            },
            &[]
        ),
        ContractError::SlashAboveCollateral {
            slash: u(10_001),
            collateral: u(10_000)
        }
    );
    s.ok(
        &arbiter,
        &ExecuteMsg::ResolveDispute {
            lease_id: id,
            provider_share: Bps::ZERO,
            slash: u(4_000),
        },
        &[],
    );
    assert_eq!(s.provider(&carol).unbonding, u(6_000));
    assert_eq!(
        s.credits(&alice, &fairgrid::AssetInfo::native(FAIR)),
        u(4_000)
    );
    // renter got everything back: nothing was claimed, share 0
    assert_eq!(s.credits(&alice, &Suite::credit()), u(10_000));
    s.check_invariants();
    s.ok(&carol, &ExecuteMsg::WithdrawCollateral {}, &[]);
    assert_eq!(s.balance(&carol, FAIR), u(START - 4_000));
    s.check_invariants();
}

/// A ruling whose slash empties the provider's bond takes it out of the
/// bonded set: its service weight, the fee of the ruling included, is
/// forfeited and the hook hears it fall to zero.
#[test]
fn a_slash_that_empties_the_bond_forfeits_the_service_weight() {
    let mut s = Suite::new();
    let (alice, carol, arbiter) = (s.alice.clone(), s.carol.clone(), s.arbiter.clone());
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 10_000);
    let id = s.open(&alice, offer, 2_000);
    s.advance(1_000 + DELAY);
    // 1000 gross claimed, fee 25: weight 25
    let res = s.claim(&carol, vec![id]);
    assert_eq!(attr(&res, "service_weight"), "25");
    dispute(&mut s, id);
    let res = s.ok(
        &arbiter,
        &ExecuteMsg::ResolveDispute {
            lease_id: id,
            provider_share: Bps::new(10_000).unwrap(),
            slash: u(10_000),
        },
        &[],
    );
    assert_eq!(attr(&res, "service_weight"), "0");
    assert_eq!(s.provider(&carol).collateral, u(0));
    assert_eq!(s.provider(&carol).track_record.service_weight, u(0));
    assert_eq!(
        s.hook_last(&carol),
        Some(fairgrid::WeightChange::new(&carol, u(25), u(0)))
    );
    s.check_invariants();
}
