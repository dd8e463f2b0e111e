//! Provider earnings: settlement delay, cumulative fee, batches, assets.

use fairgrid::escrow::{ConfigUpdate, ExecuteMsg, ReceiveMsg};
use fairgrid::{AssetInfoUnchecked, Bps};

use super::suite::*;
use crate::ContractError;

#[test]
fn claim_after_the_settlement_delay_pays_provider_and_owes_the_fee_until_forwarded() {
    let mut s = Suite::new();
    let (alice, carol) = (s.alice.clone(), s.carol.clone());
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 10_000);
    let id = s.open(&alice, offer, 2_000);
    s.advance(1_000);
    // nothing is claimable before the delay has passed over it
    assert_eq!(s.amounts(id).claimable_gross, u(400));
    let res = s.claim(&carol, vec![id]);
    assert_eq!(attr(&res, "gross"), "400");
    assert_eq!(attr(&res, "fee"), "10");
    assert_eq!(attr(&res, "net"), "390");
    assert_eq!(s.balance(&carol, CREDIT), u(START + 390));
    // the claim sent the collector nothing: the fee is owed until forwarded
    assert_eq!(s.collector_got(&Suite::credit()), u(0));
    assert_eq!(s.fees_owed(&Suite::credit()), u(10));
    s.check_invariants();
    let res = s.forward_fees();
    assert_eq!(attr(&res, "forwarded"), "10");
    assert_eq!(s.fees_owed(&Suite::credit()), u(0));
    assert_eq!(s.collector_got(&Suite::credit()), u(10));
    assert_eq!(s.balance(&s.collector.clone(), CREDIT), u(10));
    assert_eq!(s.lease(id).claimed_gross, u(400));
    s.check_invariants();
}

#[test]
fn cw20_earnings_and_fee_go_out_through_transfer_and_send() {
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
            1_000,
            &ReceiveMsg::OpenLease {
                offer_id: offer,
                duration: 1_000,
                max_price_per_hour: ANY_PRICE,
            },
        )
        .unwrap();
    let id: u64 = attr(&res, "lease_id").parse().unwrap();
    s.advance(1_000 + DELAY);
    s.claim(&carol, vec![id]);
    assert_eq!(s.cw20_balance(&token, &carol), u(START + 975));
    assert_eq!(s.fees_owed(&s.gpu()), u(25));
    s.forward_fees();
    assert_eq!(s.collector_got(&s.gpu()), u(25));
    assert_eq!(s.cw20_balance(&token, &s.collector.clone()), u(25));
    s.check_invariants();
}

#[test]
fn many_small_claims_pay_exactly_what_one_large_claim_pays() {
    let run = |claim_every: Option<u64>| {
        let mut s = Suite::new();
        let (alice, carol) = (s.alice.clone(), s.carol.clone());
        let offer = s.provider_with_offer(1_237); // awkward price
        s.deposit(&alice, 1_000_000);
        let id = s.open(&alice, offer, 10_007);
        let mut t = 0;
        while t < 10_007 + DELAY {
            let step = claim_every.unwrap_or(10_007 + DELAY);
            s.advance(step);
            t += step;
            if claim_every.is_some() {
                s.claim(&carol, vec![id]);
                s.check_invariants();
            }
        }
        s.claim(&carol, vec![id]);
        s.check_invariants();
        s.forward_fees();
        (s.balance(&carol, CREDIT), s.collector_got(&Suite::credit()))
    };
    let once = run(None);
    assert_eq!(once.0 + once.1, u(START + 3_438)); // floor(1237 * 10007 / 3600)
    assert_eq!(run(Some(7)), once);
    assert_eq!(run(Some(61)), once);
    assert_eq!(run(Some(997)), once);
}

#[test]
fn one_message_claims_several_leases_with_one_transfer_per_asset() {
    let mut s = Suite::new();
    let (alice, bob, carol, token) = (
        s.alice.clone(),
        s.bob.clone(),
        s.carol.clone(),
        s.token.clone(),
    );
    let native = s.provider_with_offer(3_600);
    let cw20 = s.create_offer(
        &carol,
        offer_params(AssetInfoUnchecked::cw20(token.as_str()), 3_600),
    );
    s.deposit(&alice, 10_000);
    s.deposit(&bob, 10_000);
    let l1 = s.open(&alice, native, 100);
    let l2 = s.open(&bob, native, 200);
    s.send_cw20(
        &alice,
        &token,
        50,
        &ReceiveMsg::Deposit { beneficiary: None },
    )
    .unwrap();
    let l3 = s.open(&alice, cw20, 50);
    s.advance(200 + DELAY);
    let res = s.claim(&carol, vec![l1, l2, l3]);
    // one payout (and one fee) per asset, not per lease
    let escrow_event = res
        .events
        .iter()
        .find(|e| e.ty == "wasm" && e.attributes.iter().any(|a| a.value == "claim_earnings"))
        .unwrap();
    let assets: Vec<&str> = escrow_event
        .attributes
        .iter()
        .filter(|a| a.key == "asset")
        .map(|a| a.value.as_str())
        .collect();
    // in the order of the assets' storage keys ("c<addr>" before "n<denom>")
    assert_eq!(
        assets,
        [format!("cw20:{token}"), format!("native:{CREDIT}")]
    );
    let bank_sends_to_carol = res
        .events
        .iter()
        .filter(|e| {
            e.ty == "transfer"
                && e.attributes
                    .iter()
                    .any(|a| a.key == "recipient" && a.value == carol.as_str())
        })
        .count();
    assert_eq!(bank_sends_to_carol, 1);
    assert_eq!(s.balance(&carol, CREDIT), u(START + 300 - 8));
    assert_eq!(s.cw20_balance(&token, &carol), u(START + 50 - 2));
    s.check_invariants();
}

#[test]
fn claims_are_bounded_to_thirty_ids_without_duplicates() {
    let mut s = Suite::new();
    let carol = s.carol.clone();
    let ids: Vec<u64> = (1..=31).collect();
    assert_eq!(
        s.refused(&carol, &ExecuteMsg::ClaimEarnings { lease_ids: ids }, &[]),
        ContractError::BadIdCount { got: 31, max: 30 }
    );
    assert_eq!(
        s.refused(
            &carol,
            &ExecuteMsg::ClaimEarnings { lease_ids: vec![] },
            &[]
        ),
        ContractError::BadIdCount { got: 0, max: 30 }
    );
    assert_eq!(
        s.refused(
            &carol,
            &ExecuteMsg::ClaimEarnings {
                lease_ids: vec![4, 4]
            },
            &[]
        ),
        ContractError::DuplicateId { lease_id: 4 }
    );
}

#[test]
fn fee_and_delay_changes_do_not_reach_open_leases() {
    let mut s = Suite::new();
    let (alice, carol, owner) = (s.alice.clone(), s.carol.clone(), s.owner.clone());
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 10_000);
    let old = s.open(&alice, offer, 1_000);
    s.ok(
        &owner,
        &ExecuteMsg::UpdateConfig(ConfigUpdate {
            protocol_fee: Some(Bps::new(1_000).unwrap()),
            settlement_delay: Some(5_000),
            ..Default::default()
        }),
        &[],
    );
    let new = s.open(&alice, offer, 1_000);
    assert_eq!(s.lease(old).protocol_fee.get(), FEE_BPS);
    assert_eq!(s.lease(old).settlement_delay, DELAY);
    assert_eq!(s.lease(new).protocol_fee.get(), 1_000);
    assert_eq!(s.lease(new).settlement_delay, 5_000);
    s.advance(1_000 + DELAY);
    s.claim(&carol, vec![old]);
    assert_eq!(s.fees_owed(&Suite::credit()), u(25));
    // the new lease waits for its own, longer delay
    assert_eq!(s.amounts(new).claimable_gross, u(0));
    s.advance(5_000 - DELAY);
    assert_eq!(s.amounts(new).claimable_gross, u(1_000));
    s.check_invariants();
}
