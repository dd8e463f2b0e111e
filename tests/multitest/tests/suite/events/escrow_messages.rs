//! The events of compute-escrow.

use super::*;

#[test]
fn every_escrow_message_emits_its_documented_attributes() {
    let provider = addr("provider");
    let native_provider = addr("native-provider");
    let renter = addr("renter");
    let owner = addr("escrow-owner");
    let arbiter = addr("escrow-arbiter");
    let mut t = Suite::new(
        &[(&provider, 1_000 * FAIR), (&renter, 1_000 * FAIR)],
        &[(&renter, 100_000_000), (&native_provider, 10_000_000)],
    );
    let (market_escrow, fair) = (t.m.escrow.clone(), t.m.token.clone());

    // cw20 collateral on the wired escrow
    let metadata = escrow::ProviderMetadata {
        name: "farm".into(),
        contact: None,
    };
    let seen = t.send_fair(
        &provider,
        &market_escrow,
        100 * FAIR,
        &escrow::ReceiveMsg::RegisterProvider {
            metadata: metadata.clone(),
        },
        "register_provider",
    );
    // collateral alone weighs nothing in the providers pool: no hook
    assert!(!seen.contains(&(t.m.distributor.to_string(), "weight_changed".into())));
    t.send_fair(
        &provider,
        &market_escrow,
        10 * FAIR,
        &escrow::ReceiveMsg::AddCollateral {},
        "add_collateral",
    );
    // anyone re-sends the provider's weight: the providers pool hears it
    let resync = escrow::ExecuteMsg::ResyncCollateralWeight {
        provider: provider.to_string(),
    };
    let seen = t.exec(
        &renter,
        &market_escrow,
        &resync,
        &[],
        escrow_action(&resync),
    );
    assert!(seen.contains(&(t.m.distributor.to_string(), "weight_changed".into())));

    // A standalone escrow with native collateral and plain owner and arbiter;
    // its fees go to the market's distributor.
    let e = t.instantiate(
        &market_escrow,
        ESCROW,
        &escrow::InstantiateMsg {
            owner: owner.to_string(),
            arbiter: arbiter.to_string(),
            fee_collector: t.m.distributor.to_string(),
            collateral_hook: None,
            accepted_assets: vec![AssetInfoUnchecked::native(CREDIT)],
            collateral_asset: AssetInfoUnchecked::native(CREDIT),
            service_asset: None,
            protocol_fee: Bps::new(250).unwrap(),
            min_collateral: Uint128::new(1_000_000),
            settlement_delay: HOUR,
            unbonding_delay: DAY,
            max_lease_duration: 30 * DAY,
        },
        &owner,
    );
    use escrow::ExecuteMsg as X;
    t.escrow(
        &e,
        &owner,
        X::UpdateAssets {
            add: vec![AssetInfoUnchecked::cw20(fair.as_str())],
            remove: vec![],
        },
        &[],
    );
    t.escrow(
        &e,
        &native_provider,
        X::RegisterProvider {
            metadata: metadata.clone(),
        },
        &credits(2_000_000),
    );
    t.escrow(
        &e,
        &native_provider,
        X::AddCollateral {},
        &credits(1_000_000),
    );
    t.escrow(
        &e,
        &native_provider,
        X::UpdateProvider {
            metadata: escrow::ProviderMetadata {
                name: "farm two".into(),
                contact: Some("ops@farm.example".into()),
            },
        },
        &[],
    );
    let offer = |asset: AssetInfoUnchecked| X::CreateOffer {
        offer: escrow::OfferParams {
            gpu_model: "H100-SXM".into(),
            gpu_count: 8,
            memory_gib: 80,
            region: "eu-west".into(),
            asset,
            price_per_hour: Uint128::new(3_600_000),
            min_duration: 60,
            max_duration: DAY,
            slots: 3,
        },
    };
    t.escrow(
        &e,
        &native_provider,
        offer(AssetInfoUnchecked::native(CREDIT)),
        &[],
    );
    t.escrow(
        &e,
        &native_provider,
        offer(AssetInfoUnchecked::cw20(fair.as_str())),
        &[],
    );
    t.escrow(
        &e,
        &native_provider,
        X::UpdateOfferPrice {
            offer_id: 1,
            price_per_hour: Uint128::new(3_600_000),
        },
        &[],
    );

    // credits, native and cw20
    t.escrow(
        &e,
        &renter,
        X::Deposit { beneficiary: None },
        &credits(20_000_000),
    );
    t.send_fair(
        &renter,
        &e,
        5 * FAIR,
        &escrow::ReceiveMsg::Deposit {
            beneficiary: Some(addr("sponsored").to_string()),
        },
        "deposit",
    );
    t.escrow(
        &e,
        &renter,
        X::Withdraw {
            asset: AssetInfoUnchecked::native(CREDIT),
            amount: Uint128::new(1_000_000),
            recipient: None,
        },
        &[],
    );

    // leases 1 (credits), 2 (native funds), 3 (cw20), each extended the same way
    let open = X::OpenLease {
        offer_id: 1,
        duration: HOUR,
        max_price_per_hour: ANY_PRICE,
    };
    t.escrow(&e, &renter, open.clone(), &[]);
    t.escrow(&e, &renter, open, &credits(3_600_000));
    t.send_fair(
        &renter,
        &e,
        3_600_000,
        &escrow::ReceiveMsg::OpenLease {
            offer_id: 2,
            duration: HOUR,
            max_price_per_hour: ANY_PRICE,
        },
        "open_lease",
    );
    let extend = |lease_id| X::ExtendLease {
        lease_id,
        extra: 600,
        max_price_per_hour: ANY_PRICE,
    };
    t.escrow(&e, &renter, extend(1), &[]);
    t.escrow(&e, &renter, extend(2), &credits(600_000));
    t.send_fair(
        &renter,
        &e,
        600_000,
        &escrow::ReceiveMsg::ExtendLease {
            lease_id: 3,
            extra: 600,
            max_price_per_hour: ANY_PRICE,
        },
        "extend_lease",
    );

    // a sponsor grant: the renter sponsors a team's lease 4, closed at once
    // (its refund returns to the renter, the sponsor), then revokes it
    let team = addr("team");
    t.escrow(
        &e,
        &renter,
        X::CreateGrant {
            grantee: team.to_string(),
            asset: AssetInfoUnchecked::native(CREDIT),
            limit: Uint128::new(10_000_000),
            expires: None,
        },
        &[],
    );
    t.escrow(
        &e,
        &team,
        X::OpenLeaseFromGrant {
            grant_id: 1,
            offer_id: 1,
            duration: HOUR,
            max_price_per_hour: ANY_PRICE,
        },
        &[],
    );
    t.escrow(&e, &team, X::CloseLease { lease_id: 4 }, &[]);
    t.escrow(&e, &renter, X::RevokeGrant { grant_id: 1 }, &[]);

    t.escrow(
        &e,
        &renter,
        X::OpenDispute {
            lease_id: 2,
            reason: "GPUs idle".into(),
        },
        &[],
    );
    t.m.advance(1_800);
    t.escrow(&e, &renter, X::CloseLease { lease_id: 3 }, &[]);
    // the provider's share pays a fee, owed to the collector: the ruling
    // sends it nothing; forwarding (by anyone) is a deposit there
    let resolve = X::ResolveDispute {
        lease_id: 2,
        provider_share: Bps::new(5_000).unwrap(),
        slash: Uint128::new(100_000),
    };
    let seen = t.exec(&arbiter, &e, &resolve, &[], escrow_action(&resolve));
    assert!(!seen.contains(&(t.m.distributor.to_string(), "deposit".into())));
    let forward = X::ForwardFees {
        assets: vec![AssetInfoUnchecked::native(CREDIT)],
    };
    let seen = t.exec(&renter, &e, &forward, &[], escrow_action(&forward));
    assert!(seen.contains(&(t.m.distributor.to_string(), "deposit".into())));

    t.m.advance(3_000);
    t.escrow(&e, &arbiter, X::Settle { lease_ids: vec![1] }, &[]);
    t.m.advance(HOUR);
    t.escrow(
        &e,
        &native_provider,
        X::ClaimEarnings {
            // lease 2 was resolved by the arbiter: skipped, not refused
            lease_ids: vec![1, 2],
        },
        &[],
    );

    t.escrow(&e, &owner, X::SetPaused { paused: true }, &[]);
    t.escrow(&e, &owner, X::SetPaused { paused: false }, &[]);
    t.escrow(&e, &native_provider, X::CloseOffer { offer_id: 1 }, &[]);
    t.escrow(&e, &native_provider, X::CloseOffer { offer_id: 2 }, &[]);
    t.escrow(
        &e,
        &native_provider,
        X::RequestCollateralWithdrawal {
            amount: Uint128::new(500_000),
        },
        &[],
    );
    t.m.advance(DAY);
    t.escrow(&e, &native_provider, X::WithdrawCollateral {}, &[]);
    t.escrow(
        &e,
        &owner,
        X::UpdateConfig(escrow::ConfigUpdate {
            protocol_fee: Some(Bps::new(300).unwrap()),
            ..Default::default()
        }),
        &[],
    );
    // a collateral hook that refuses (governance knows no weight_changed):
    // the withdrawal request that empties the bond (forfeiting the service
    // weight of the claims above) stands, the reply reports the failure
    t.escrow(
        &e,
        &owner,
        X::UpdateConfig(escrow::ConfigUpdate {
            collateral_hook: Some(t.m.governance.to_string()),
            ..Default::default()
        }),
        &[],
    );
    let bonded: escrow::ProviderResponse =
        t.m.app
            .wrap()
            .query_wasm_smart(
                &e,
                &escrow::QueryMsg::Provider {
                    address: native_provider.to_string(),
                },
            )
            .unwrap();
    assert!(!bonded.track_record.service_weight.is_zero());
    let request = X::RequestCollateralWithdrawal {
        amount: bonded.collateral,
    };
    let seen = t.exec(&native_provider, &e, &request, &[], escrow_action(&request));
    assert!(seen.contains(&(e.to_string(), "collateral_hook_failed".into())));
    t.migrate(&owner, &e);

    t.assert_all_seen(ESCROW);
    t.assert_all_sent(
        ESCROW,
        all_messages::<escrow::ExecuteMsg, escrow::ReceiveMsg>(),
    );
}
