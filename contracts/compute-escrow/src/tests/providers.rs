//! Providers: registration, metadata, collateral and its hook (and its
//! re-sync), offers.

use cosmwasm_std::coin;
use fairgrid::escrow::{ExecuteMsg, ProviderMetadata, ReceiveMsg};
use fairgrid::{AssetInfoUnchecked, Bps, WeightChange};

use super::suite::*;
use crate::ContractError;

#[test]
fn provider_registers_with_collateral_and_idle_collateral_earns_no_pool_weight() {
    let mut s = Suite::new();
    let carol = s.carol.clone();
    s.register(&carol, 5_000);
    let p = s.provider(&carol);
    assert_eq!(p.collateral, u(5_000));
    assert_eq!(p.metadata.name, "rack");
    assert_eq!(s.hook_weight(&carol), u(0));
    assert_eq!(s.hook_last(&carol), None, "collateral sends no weight");
    assert_eq!(s.balance(&s.escrow.clone(), FAIR), u(5_000));
    s.check_invariants();
}

#[test]
fn provider_updates_metadata_and_adds_collateral() {
    let mut s = Suite::new();
    let carol = s.carol.clone();
    s.register(&carol, 5_000);
    let meta = ProviderMetadata {
        name: "new rack".into(),
        contact: Some("https://rack.example".into()),
    };
    s.ok(
        &carol,
        &ExecuteMsg::UpdateProvider {
            metadata: meta.clone(),
        },
        &[],
    );
    let res = s.ok(&carol, &ExecuteMsg::AddCollateral {}, &[coin(250, FAIR)]);
    assert_eq!(attr(&res, "collateral"), "5250");
    let p = s.provider(&carol);
    assert_eq!(p.metadata, meta);
    assert_eq!(p.collateral, u(5_250));
    assert_eq!(s.hook_last(&carol), None, "collateral sends no weight");
    s.check_invariants();
}

#[test]
fn collateral_unbonds_and_is_paid_after_the_delay() {
    let mut s = Suite::new();
    let carol = s.carol.clone();
    s.register(&carol, 5_000);
    s.ok(
        &carol,
        &ExecuteMsg::RequestCollateralWithdrawal { amount: u(2_000) },
        &[],
    );
    let p = s.provider(&carol);
    assert_eq!((p.collateral, p.unbonding), (u(3_000), u(2_000)));
    assert_eq!(p.unbonding_release, s.now() + UNBONDING);
    assert_eq!(s.hook_last(&carol), None, "collateral sends no weight");
    s.check_invariants();

    s.advance(UNBONDING - 1);
    let err = s.refused(&carol, &ExecuteMsg::WithdrawCollateral {}, &[]);
    assert_eq!(
        err,
        ContractError::UnbondingNotReady {
            release: p.unbonding_release,
            now: p.unbonding_release - 1
        }
    );
    s.advance(1);
    let res = s.ok(&carol, &ExecuteMsg::WithdrawCollateral {}, &[]);
    assert_eq!(attr(&res, "amount"), "2000");
    assert_eq!(s.balance(&carol, FAIR), u(START - 3_000));
    assert_eq!(s.provider(&carol).unbonding, u(0));
    s.check_invariants();
    assert_eq!(
        s.refused(&carol, &ExecuteMsg::WithdrawCollateral {}, &[]),
        ContractError::NothingUnbonding {
            provider: carol.to_string()
        }
    );
}

#[test]
fn collateral_in_a_cw20_token_registers_through_receive() {
    let mut s = Suite::new();
    // token addresses are known only after setup: a second escrow whose
    // collateral is the (otherwise not accepted) BAD token
    let mut msg = default_instantiate(&s);
    msg.collateral_asset = AssetInfoUnchecked::cw20(s.bad_token.as_str());
    let escrow = {
        use cw_multi_test::Executor;
        s.app
            .instantiate_contract(s.escrow_code, s.owner.clone(), &msg, &[], "e2", None)
            .unwrap()
    };
    s.escrow = escrow;
    let (carol, collateral_token) = (s.carol.clone(), s.bad_token.clone());
    s.send_cw20(
        &carol,
        &collateral_token,
        3_000,
        &ReceiveMsg::RegisterProvider {
            metadata: ProviderMetadata {
                name: "c".into(),
                contact: None,
            },
        },
    )
    .unwrap();
    s.send_cw20(
        &carol,
        &collateral_token,
        500,
        &ReceiveMsg::AddCollateral {},
    )
    .unwrap();
    assert_eq!(s.provider(&carol).collateral, u(3_500));
    assert_eq!(s.hook_last(&carol), None, "collateral sends no weight");
    // the collateral token is not a credit asset
    let err = s.refused_cw20(
        &carol,
        &collateral_token,
        1,
        &ReceiveMsg::Deposit { beneficiary: None },
    );
    assert_eq!(
        err,
        ContractError::Asset(fairgrid::AssetError::NotAccepted {
            asset: format!("cw20:{collateral_token}")
        })
    );
}

#[test]
fn offers_are_created_repriced_for_new_leases_only_and_closed() {
    let mut s = Suite::new();
    let (alice, carol) = (s.alice.clone(), s.carol.clone());
    let offer = s.provider_with_offer(3_600);
    assert_eq!(s.provider(&carol).live_offers, 1);
    s.deposit(&alice, 1_000_000);
    let first = s.open(&alice, offer, 100);
    s.ok(
        &carol,
        &ExecuteMsg::UpdateOfferPrice {
            offer_id: offer,
            price_per_hour: u(7_200),
        },
        &[],
    );
    assert_eq!(s.offer(offer).price_per_hour, u(7_200));
    let second = s.open(&alice, offer, 100);
    assert_eq!(s.lease(first).price_per_hour, u(3_600));
    assert_eq!(s.lease(first).reservation, u(100));
    assert_eq!(s.lease(second).price_per_hour, u(7_200));
    assert_eq!(s.lease(second).reservation, u(200));
    s.check_invariants();

    s.ok(&carol, &ExecuteMsg::CloseOffer { offer_id: offer }, &[]);
    assert!(!s.offer(offer).open);
    // running leases keep the offer live until they settle
    assert_eq!(s.provider(&carol).live_offers, 1);
    s.advance(100);
    s.ok(
        &alice,
        &ExecuteMsg::Settle {
            lease_ids: vec![first, second],
        },
        &[],
    );
    assert_eq!(s.provider(&carol).live_offers, 0);
    s.check_invariants();
}

#[test]
fn offer_parameters_are_validated() {
    let mut s = Suite::new();
    let carol = s.carol.clone();
    s.register(&carol, 10_000);
    let native = || AssetInfoUnchecked::native(CREDIT);
    let cases: Vec<(fairgrid::escrow::OfferParams, ContractError)> = vec![
        (
            fairgrid::escrow::OfferParams {
                price_per_hour: u(0),
                ..offer_params(native(), 1)
            },
            ContractError::InvalidOffer {
                reason: "price_per_hour must be positive".into(),
            },
        ),
        (
            fairgrid::escrow::OfferParams {
                slots: 0,
                ..offer_params(native(), 1)
            },
            ContractError::InvalidOffer {
                reason: "gpu_count and slots must be at least 1".into(),
            },
        ),
        (
            fairgrid::escrow::OfferParams {
                min_duration: 10,
                max_duration: 9,
                ..offer_params(native(), 1)
            },
            ContractError::InvalidOffer {
                reason: "durations must satisfy 1 <= min_duration <= max_duration".into(),
            },
        ),
        (
            fairgrid::escrow::OfferParams {
                max_duration: MAX_DURATION + 1,
                ..offer_params(native(), 1)
            },
            ContractError::DurationOutOfBounds {
                duration: MAX_DURATION + 1,
                min: 1,
                max: MAX_DURATION,
            },
        ),
        (
            fairgrid::escrow::OfferParams {
                price_per_hour: cosmwasm_std::Uint128::MAX,
                ..offer_params(native(), 1)
            },
            ContractError::InvalidOffer {
                reason: "price_per_hour * max_duration / 3600 overflows".into(),
            },
        ),
        (
            offer_params(AssetInfoUnchecked::native(JUNK), 1),
            ContractError::Asset(fairgrid::AssetError::NotAccepted {
                asset: format!("native:{JUNK}"),
            }),
        ),
    ];
    for (params, expected) in cases {
        let err = s.refused(&carol, &ExecuteMsg::CreateOffer { offer: params }, &[]);
        assert_eq!(err, expected);
    }
    let _ = Bps::ZERO;
}

#[test]
fn track_record_counts_service_earnings_disputes_and_slashes() {
    let mut s = Suite::new();
    let (alice, carol, arbiter, stranger) = (
        s.alice.clone(),
        s.carol.clone(),
        s.arbiter.clone(),
        s.stranger.clone(),
    );
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 10_000);
    let a = s.open(&alice, offer, 1_000);
    let b = s.open(&alice, offer, 1_000);
    assert_eq!(
        s.provider(&carol).track_record,
        fairgrid::escrow::TrackRecord::default()
    );
    s.advance(100);
    s.ok(
        &alice,
        &ExecuteMsg::OpenDispute {
            lease_id: b,
            reason: "slow".into(),
        },
        &[],
    );
    s.advance(900 + DELAY);
    s.claim(&carol, vec![a, b]);
    s.ok(&stranger, &ExecuteMsg::Settle { lease_ids: vec![a] }, &[]);
    s.ok(
        &arbiter,
        &ExecuteMsg::ResolveDispute {
            lease_id: b,
            provider_share: fairgrid::Bps::ZERO,
            slash: u(500),
        },
        &[],
    );
    let expected = fairgrid::escrow::TrackRecord {
        leases_served: 2,
        seconds_delivered: 2_000,
        // lease a: 1,000 gross, fee 25; lease b: nothing to the provider
        earned: vec![Suite::credit().with_amount(u(975))],
        disputes_raised: 1,
        disputes_lost: 1,
        slashed: u(500),
        // the fee of lease a, in the service asset (credits)
        service_weight: u(25),
    };
    assert_eq!(s.provider(&carol).track_record, expected);
    assert_eq!(s.offer(offer).provider_record, expected);
    s.check_invariants();
}

fn resync(provider: &cosmwasm_std::Addr) -> ExecuteMsg {
    ExecuteMsg::ResyncCollateralWeight {
        provider: provider.to_string(),
    }
}

/// carol serves alice one 1,000-second lease at 1 ucredit per second and
/// claims it: 1,000 gross, a 25 fee (250 bps), so 25 of service weight.
/// Returns the offer and the lease.
fn serve_one_lease(s: &mut Suite) -> (u64, u64) {
    let (alice, carol) = (s.alice.clone(), s.carol.clone());
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 10_000);
    let lease = s.open(&alice, offer, 1_000);
    s.advance(1_000 + DELAY);
    let res = s.claim(&carol, vec![lease]);
    assert_eq!(attr(&res, "fee"), "25");
    assert_eq!(attr(&res, "service_weight"), "25");
    (offer, lease)
}

/// The providers pool weighs service: each protocol fee in the service
/// asset paid on a provider's leases adds to its weight, sent to the hook
/// by the claim that pays it; collateral alone weighs nothing.
#[test]
fn a_claim_adds_its_service_asset_fee_to_the_providers_pool_weight() {
    let mut s = Suite::new();
    let carol = s.carol.clone();
    serve_one_lease(&mut s);
    assert_eq!(
        s.hook_last(&carol),
        Some(WeightChange::new(&carol, u(0), u(25)))
    );
    assert_eq!(s.hook_weight(&carol), u(25));
    assert_eq!(s.provider(&carol).track_record.service_weight, u(25));
    s.check_invariants();
    // a second claim with nothing new sends nothing
    s.claim(&carol, vec![1]);
    assert_eq!(
        s.hook_last(&carol),
        Some(WeightChange::new(&carol, u(0), u(25)))
    );
    s.check_invariants();
}

/// Fees in an asset other than the service asset add no weight: base units
/// of different assets are not comparable.
#[test]
fn fees_in_an_asset_other_than_the_service_asset_add_no_weight() {
    let mut s = Suite::new();
    let (alice, carol) = (s.alice.clone(), s.carol.clone());
    let gpu = s.gpu();
    s.register(&carol, 10_000);
    let offer = s.create_offer(
        &carol,
        offer_params(AssetInfoUnchecked::cw20(s.token.as_str()), 3_600),
    );
    let token = s.token.clone();
    s.send_cw20(
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
    s.advance(1_000 + DELAY);
    let res = s.claim(&carol, vec![1]);
    assert_eq!(attr(&res, "fee"), "25");
    assert!(res
        .events
        .iter()
        .all(|e| e.attributes.iter().all(|a| a.key != "service_weight")));
    assert_eq!(s.hook_last(&carol), None);
    assert_eq!(s.provider(&carol).track_record.service_weight, u(0));
    assert_eq!(
        s.provider(&carol).track_record.earned,
        vec![gpu.with_amount(u(975))]
    );
    s.check_invariants();
}

/// `resync_collateral_weight` is permissionless and only ever reports the
/// truth: the provider's service weight, as `old` = `new`, to the
/// collateral hook; also while paused. A provider whose bonded collateral
/// reaches zero leaves the bonded set and forfeits its weight.
#[test]
fn resync_reports_the_service_weight_and_leaving_the_bonded_set_forfeits_it() {
    let mut s = Suite::new();
    let (carol, stranger, owner) = (s.carol.clone(), s.stranger.clone(), s.owner.clone());
    let (offer, lease) = serve_one_lease(&mut s);
    let res = s.ok(&stranger, &resync(&carol), &[]);
    assert_eq!(attr(&res, "action"), "resync_collateral_weight");
    assert_eq!(attr(&res, "provider"), carol.to_string());
    assert_eq!(attr(&res, "weight"), "25");
    assert_eq!(
        s.hook_last(&carol),
        Some(WeightChange::new(&carol, u(25), u(25)))
    );
    s.check_invariants();

    // part of the bond out: the weight stays
    s.ok(&carol, &ExecuteMsg::CloseOffer { offer_id: offer }, &[]);
    s.ok(
        &stranger,
        &ExecuteMsg::Settle {
            lease_ids: vec![lease],
        },
        &[],
    );
    s.ok(
        &carol,
        &ExecuteMsg::RequestCollateralWithdrawal { amount: u(4_000) },
        &[],
    );
    assert_eq!(s.hook_weight(&carol), u(25));
    s.check_invariants();
    // all of it: the weight is forfeited; paused changes nothing
    s.ok(
        &carol,
        &ExecuteMsg::RequestCollateralWithdrawal { amount: u(6_000) },
        &[],
    );
    assert_eq!(
        s.hook_last(&carol),
        Some(WeightChange::new(&carol, u(25), u(0)))
    );
    assert_eq!(s.provider(&carol).track_record.service_weight, u(0));
    s.ok(&owner, &ExecuteMsg::SetPaused { paused: true }, &[]);
    let res = s.ok(&stranger, &resync(&carol), &[]);
    assert_eq!(attr(&res, "weight"), "0");
    assert_eq!(
        s.hook_last(&carol),
        Some(WeightChange::new(&carol, u(0), u(0)))
    );
    assert_eq!(s.provider(&carol).unbonding, u(10_000));
    s.check_invariants();
}

/// A pool that refused the hook of a claim keeps the old weight (the claim
/// pays, `collateral_hook_failed` reports it); a re-sync while the pool
/// still refuses fails and changes nothing; once the pool accepts again,
/// anyone's re-sync gives it the true weight.
#[test]
fn a_pool_that_refused_a_claims_weight_hook_is_corrected_by_the_resync() {
    let mut s = Suite::new();
    let (alice, carol, stranger, owner) = (
        s.alice.clone(),
        s.carol.clone(),
        s.stranger.clone(),
        s.owner.clone(),
    );
    let (pool, collector) = (s.hook.clone(), s.collector.clone());
    let set_hook = |hook: &cosmwasm_std::Addr| {
        ExecuteMsg::UpdateConfig(fairgrid::escrow::ConfigUpdate {
            collateral_hook: Some(hook.to_string()),
            ..Default::default()
        })
    };
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 10_000);
    let lease = s.open(&alice, offer, 1_000);
    s.advance(1_000 + DELAY);
    // the collector knows no weight_changed: as a hook, it refuses
    s.ok(&owner, &set_hook(&collector), &[]);
    let res = s.claim(&carol, vec![lease]);
    let failed = res
        .events
        .iter()
        .filter(|e| e.ty == "wasm")
        .flat_map(|e| e.attributes.iter())
        .filter(|a| a.key == "action" && a.value == "collateral_hook_failed")
        .count();
    assert_eq!(failed, 1);
    // the claim paid all the same
    assert_eq!(attr(&res, "net"), "975");
    assert_eq!(s.balance(&carol, CREDIT), u(START + 975));
    assert_eq!(s.provider(&carol).track_record.service_weight, u(25));

    // the repair path is a plain message: a pool that refuses fails it
    let before = s.snapshot();
    let err = s
        .exec(&stranger, &resync(&carol), &[])
        .expect_err("the pool refuses the re-sync");
    assert!(
        format!("{err:?}").contains("weight_changed"),
        "the pool's own refusal: {err:?}"
    );
    assert_eq!(before, s.snapshot(), "a refused re-sync changed state");

    // the pool accepts again but still weighs nothing
    s.ok(&owner, &set_hook(&pool), &[]);
    assert_eq!(s.hook_weight(&carol), u(0));
    let res = s.ok(&stranger, &resync(&carol), &[]);
    assert_eq!(attr(&res, "weight"), "25");
    assert_eq!(s.hook_weight(&carol), u(25));
    assert_eq!(
        s.hook_last(&carol),
        Some(WeightChange::new(&carol, u(25), u(25)))
    );
    // the hook's view equals the service weight again
    s.check_invariants();
    // re-syncing a provider in sync changes nothing
    s.ok(&stranger, &resync(&carol), &[]);
    assert_eq!(s.hook_weight(&carol), u(25));
    s.check_invariants();
}
