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
