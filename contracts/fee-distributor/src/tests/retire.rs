//! Retiring an asset slot: refused with the exact owed and carried units
//! while anything is owed in it (a member's whole units, the sub-unit dust
//! left after claims, a pool's carried remainder), allowed once nothing is,
//! and the freed slot then serves another asset with exact accounting.

use cosmwasm_std::Uint128;
use fairgrid::asset::{AssetInfo, AssetInfoUnchecked};
use fairgrid::distributor::ExecuteMsg;

use super::suite::*;
use crate::ContractError;

fn retire(asset: AssetInfoUnchecked) -> ExecuteMsg {
    ExecuteMsg::RetireAsset { asset }
}

fn stakers_only() -> Suite {
    Suite::with_recipients(|_| vec![pool_r("stakers", 10_000)])
}

/// Runs `msg` as the owner expecting a refusal that changes nothing.
fn refused(s: &mut Suite, msg: &ExecuteMsg) -> ContractError {
    let (owner, before) = (s.owner.clone(), s.snapshot());
    let e = err(s.exec(&owner, msg, &[]));
    assert_eq!(s.snapshot(), before, "a refused retirement changed state");
    e
}

fn owed(asset: &str, owed: u128, carried: u128) -> ContractError {
    ContractError::AssetStillOwed {
        asset: format!("native:{asset}"),
        owed: Uint128::new(owed),
        carried: Uint128::new(carried),
    }
}

#[test]
fn retiring_is_refused_while_a_member_is_owed_and_allowed_once_paid() {
    let mut s = stakers_only();
    let (alice, owner) = (s.addr("alice"), s.owner.clone());
    s.stake(&alice, 0, 1);
    s.deposit(DENOM, 1_000).unwrap();
    assert_eq!(
        refused(&mut s, &retire(AssetInfoUnchecked::native(DENOM))),
        owed(DENOM, 1_000, 0)
    );
    s.claim(&alice, None, None).unwrap();
    assert_eq!(s.native_balance(&alice, DENOM), 1_000);
    let res = s
        .exec(&owner, &retire(AssetInfoUnchecked::native(DENOM)), &[])
        .unwrap();
    assert_eq!(attr(&res, "action"), vec!["retire_asset"]);
    assert_eq!(attr(&res, "slot"), vec!["0"]);
    let a = &s.config().assets[0];
    assert_eq!((a.accepted, a.retired), (false, true));
    // no more deposits of it; the books of the slot start over
    assert!(s.deposit(DENOM, 5).is_err());
    let r = s.recon(&AssetInfo::native(DENOM));
    assert_eq!(
        (r.received, r.paid, r.owed, r.held),
        (
            Uint128::zero(),
            Uint128::zero(),
            Uint128::zero(),
            Uint128::zero()
        )
    );
    assert_eq!(
        refused(&mut s, &retire(AssetInfoUnchecked::native(DENOM))),
        ContractError::AssetAlreadyRetired {
            asset: format!("native:{DENOM}")
        }
    );
    s.check_invariants();
}

#[test]
fn sub_unit_dust_left_after_claims_counts_as_owed() {
    let mut s = stakers_only();
    let who: Vec<_> = ["a", "b", "c"].iter().map(|n| s.addr(n)).collect();
    for w in &who {
        s.stake(w, 0, 1);
    }
    // 100 over three equal members: 33 each claimable, 1/3 unit of dust each
    s.deposit(DENOM, 100).unwrap();
    for w in &who {
        s.claim(w, None, None).unwrap();
        assert_eq!(s.native_balance(w, DENOM), 33);
    }
    assert_eq!(
        refused(&mut s, &retire(AssetInfoUnchecked::native(DENOM))),
        owed(DENOM, 1, 0)
    );
    s.check_invariants();
}

#[test]
fn a_pools_carried_remainder_counts_as_owed() {
    let mut s = stakers_only();
    let alice = s.addr("alice");
    // weight 2 × 10^36 > SCALE: 3 units give index step 1 and 1 unit carried
    s.stake(&alice, 0, 2_000_000_000_000_000_000_000_000_000_000_000_000);
    s.deposit(DENOM, 3).unwrap();
    assert_eq!(
        refused(&mut s, &retire(AssetInfoUnchecked::native(DENOM))),
        owed(DENOM, 2, 1)
    );
    s.claim(&alice, None, None).unwrap();
    assert_eq!(s.native_balance(&alice, DENOM), 2);
    assert_eq!(
        refused(&mut s, &retire(AssetInfoUnchecked::native(DENOM))),
        owed(DENOM, 0, 1)
    );
    s.check_invariants();
}

#[test]
fn a_retired_slot_serves_a_new_asset_exactly_once_ten_are_known() {
    let mut s = Suite::new();
    let (alice, owner, stranger) = (s.addr("alice"), s.owner.clone(), s.stranger.clone());
    s.stake(&alice, 0, 1);
    // DENOM2 (slot 1) earned and was claimed in full: nothing owed
    s.deposit(DENOM2, 1_000).unwrap();
    s.claim(&alice, None, None).unwrap();
    assert_eq!(s.native_balance(&alice, DENOM2), 400);
    let add = |names: Vec<String>| ExecuteMsg::UpdateAssets {
        add: names.into_iter().map(AssetInfoUnchecked::native).collect(),
        remove: vec![],
    };
    s.exec(
        &owner,
        &add((0..7).map(|i| format!("ud{i}")).collect()),
        &[],
    )
    .unwrap();
    assert_eq!(s.config().assets.len(), 10);
    assert_eq!(
        err(s.exec(&owner, &add(vec!["unew".into()]), &[])),
        ContractError::TooManyAssets { count: 11, max: 10 }
    );
    assert!(matches!(
        err(s.exec(&stranger, &retire(AssetInfoUnchecked::native(DENOM2)), &[])),
        ContractError::NotOwner { .. }
    ));
    assert_eq!(
        refused(&mut s, &retire(AssetInfoUnchecked::native("unknown"))),
        ContractError::UnknownAsset {
            asset: "native:unknown".into()
        }
    );
    s.exec(&owner, &retire(AssetInfoUnchecked::native(DENOM2)), &[])
        .unwrap();
    s.exec(&owner, &add(vec!["unew".into()]), &[]).unwrap();
    let assets = s.config().assets;
    assert_eq!(assets.len(), 10);
    assert_eq!(assets[1].info, AssetInfo::native("unew"));
    assert!(assets[1].accepted && !assets[1].retired);
    // the old asset is gone; the new one is split 40/30/20/10 from zero
    assert_eq!(
        err(s.claim(&alice, Some(vec![AssetInfoUnchecked::native(DENOM2)]), None)),
        ContractError::UnknownAsset {
            asset: format!("native:{DENOM2}")
        }
    );
    let depositor = s.depositor.clone();
    s.app
        .sudo(cw_multi_test::SudoMsg::Bank(
            cw_multi_test::BankSudo::Mint {
                to_address: depositor.to_string(),
                amount: vec![cosmwasm_std::coin(1_000, "unew")],
            },
        ))
        .unwrap();
    s.deposit("unew", 1_000).unwrap();
    let new = AssetInfo::native("unew");
    assert_eq!(s.pending_of(&alice, &new), 400);
    assert_eq!(s.native_balance(&s.treasury, "unew"), 200);
    // the providers pool has no member: its 30 % goes to the fallback
    assert_eq!(s.native_balance(&s.fallback, "unew"), 300);
    let r = s.recon(&new);
    assert_eq!(
        (r.received, r.owed, r.held),
        (Uint128::new(1_000), Uint128::new(400), Uint128::new(400))
    );
    s.check_invariants();
    s.claim(&alice, Some(vec![AssetInfoUnchecked::native("unew")]), None)
        .unwrap();
    assert_eq!(s.native_balance(&alice, "unew"), 400);
    s.check_invariants();
}
