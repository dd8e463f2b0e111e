//! Protocol fees stay owed to the collector until the permissionless
//! `forward_fees`; nothing else waits on the collector.

use fairgrid::escrow::{ExecuteMsg, MAX_ACCEPTED_ASSETS};
use fairgrid::AssetInfoUnchecked;

use super::suite::*;
use crate::ContractError;

fn forward(assets: Vec<AssetInfoUnchecked>) -> ExecuteMsg {
    ExecuteMsg::ForwardFees { assets }
}

#[test]
fn forwarding_sends_exactly_what_is_owed_once() {
    let mut s = Suite::new();
    let (alice, carol, stranger) = (s.alice.clone(), s.carol.clone(), s.stranger.clone());
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 10_000);
    let id = s.open(&alice, offer, 1_000);
    s.advance(1_000 + DELAY);
    s.claim(&carol, vec![id]);
    assert_eq!(s.fees_owed(&Suite::credit()), u(25));
    let res = s.ok(
        &stranger,
        &forward(vec![AssetInfoUnchecked::native(CREDIT)]),
        &[],
    );
    assert_eq!(attr(&res, "forwarded"), "25");
    assert_eq!(s.collector_got(&Suite::credit()), u(25));
    // a second forward finds nothing owed: it reports 0 and sends nothing
    let res = s.ok(
        &stranger,
        &forward(vec![AssetInfoUnchecked::native(CREDIT)]),
        &[],
    );
    assert_eq!(attr(&res, "forwarded"), "0");
    assert_eq!(s.collector_got(&Suite::credit()), u(25));
    s.check_invariants();
}

#[test]
fn forwarding_no_asset_too_many_or_one_twice_is_refused() {
    let mut s = Suite::new();
    let stranger = s.stranger.clone();
    assert_eq!(
        s.refused(&stranger, &forward(vec![]), &[]),
        ContractError::BadAssetCount {
            got: 0,
            max: MAX_ACCEPTED_ASSETS
        }
    );
    let many = (0..=MAX_ACCEPTED_ASSETS)
        .map(|i| AssetInfoUnchecked::native(format!("u{i}")))
        .collect();
    assert_eq!(
        s.refused(&stranger, &forward(many), &[]),
        ContractError::BadAssetCount {
            got: MAX_ACCEPTED_ASSETS + 1,
            max: MAX_ACCEPTED_ASSETS
        }
    );
    let twice = vec![
        AssetInfoUnchecked::native(CREDIT),
        AssetInfoUnchecked::native(CREDIT),
    ];
    assert_eq!(
        s.refused(&stranger, &forward(twice), &[]),
        ContractError::DuplicateAsset {
            asset: Suite::credit().to_string()
        }
    );
}

#[test]
fn a_refusing_collateral_hook_never_reverts_a_ruling() {
    let mut s = Suite::new();
    let (alice, carol, owner, arbiter) = (
        s.alice.clone(),
        s.carol.clone(),
        s.owner.clone(),
        s.arbiter.clone(),
    );
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 10_000);
    let id = s.open(&alice, offer, 1_000);
    s.ok(
        &alice,
        &ExecuteMsg::OpenDispute {
            lease_id: id,
            reason: "down".into(),
        },
        &[],
    );
    // the collector knows no weight_changed: as a hook, it refuses
    let collector = s.collector.to_string();
    s.ok(
        &owner,
        &ExecuteMsg::UpdateConfig(fairgrid::escrow::ConfigUpdate {
            collateral_hook: Some(collector),
            ..Default::default()
        }),
        &[],
    );
    s.advance(500);
    let res = s.ok(
        &arbiter,
        &ExecuteMsg::ResolveDispute {
            lease_id: id,
            provider_share: fairgrid::Bps::new(5_000).unwrap(),
            slash: u(4_000),
        },
        &[],
    );
    assert_eq!(attr(&res, "slash"), "4000");
    let failed: Vec<_> = res
        .events
        .iter()
        .filter(|e| e.ty == "wasm")
        .flat_map(|e| e.attributes.iter())
        .filter(|a| a.key == "action" && a.value == "collateral_hook_failed")
        .collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(attr(&res, "provider"), carol.to_string());
    // 500 accrued: 250 gross to the provider (fee 7, net 243), 250 + 500
    // unused back to the renter; 4,000 collateral slashed to the renter
    assert_eq!(s.balance(&carol, CREDIT), u(START + 243));
    assert_eq!(s.credits(&alice, &Suite::credit()), u(9_000 + 250 + 500));
    assert_eq!(s.provider(&carol).collateral, u(6_000));
    s.check_invariants();
}
