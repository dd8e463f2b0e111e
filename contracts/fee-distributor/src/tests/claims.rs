//! Must work: claims for all or some assets, to self or a recipient; the
//! member's sub-unit remainder stays owed.

use cosmwasm_std::Uint128;
use fairgrid::asset::{AssetInfo, AssetInfoUnchecked};

use super::suite::*;
use crate::ContractError;

#[test]
fn claim_pays_every_asset_with_one_transfer_each() {
    let mut s = Suite::new();
    let alice = s.addr("alice");
    s.stake(&alice, 0, 1);
    let escrow = s.escrow.clone();
    s.hook(&escrow, &alice, 0, 4).unwrap(); // alice in both pools
    s.deposit(DENOM, 1_000).unwrap();
    s.deposit(DENOM2, 100).unwrap();
    s.deposit_cw20(10).unwrap();
    let res = s.claim(&alice, None, None).unwrap();
    assert_eq!(attr(&res, "action")[0], "claim");
    assert_eq!(attr(&res, "paid").len(), 3);
    assert_eq!(s.native_balance(&alice, DENOM), 700);
    assert_eq!(s.native_balance(&alice, DENOM2), 70);
    assert_eq!(s.cw20_balance(&s.token, &alice), 7);
    for a in s.assets() {
        assert_eq!(s.recon(&a).owed, Uint128::zero());
    }
    s.check_invariants();
}

#[test]
fn claim_of_some_assets_to_a_named_recipient() {
    let mut s = Suite::new();
    let (alice, cold) = (s.addr("alice"), s.addr("cold_wallet"));
    s.stake(&alice, 0, 1);
    s.deposit(DENOM, 1_000).unwrap();
    s.deposit_cw20(1_000).unwrap();
    let token = AssetInfoUnchecked::cw20(s.token.as_str());
    let res = s
        .claim(&alice, Some(vec![token.clone(), token]), Some(&cold))
        .unwrap();
    assert_eq!(attr(&res, "paid").len(), 1);
    assert_eq!(s.cw20_balance(&s.token, &cold), 400);
    assert_eq!(s.cw20_balance(&s.token, &alice), 0);
    assert_eq!(s.native_balance(&cold, DENOM), 0);
    assert_eq!(s.pending_of(&alice, &AssetInfo::native(DENOM)), 400);
    s.check_invariants();
}

#[test]
fn fractional_remainder_stays_owed_and_is_paid_once_whole() {
    let mut s = Suite::with_recipients(|_| vec![pool_r("stakers", 10_000)]);
    let m: Vec<_> = (0..3).map(|i| s.addr(&format!("m{i}"))).collect();
    for a in &m {
        s.stake(a, 0, 1);
    }
    let d = AssetInfo::native(DENOM);
    s.deposit(DENOM, 1).unwrap();
    for a in &m {
        let p = s.member("stakers", a).pending[0].clone();
        assert_eq!(p.amount, Uint128::zero());
        assert!(!p.remainder_scaled.is_zero(), "a third of a unit is owed");
    }
    assert_eq!(s.recon(&d).owed, Uint128::one());
    assert_eq!(
        s.claim(&m[0], None, None)
            .unwrap_err()
            .downcast::<ContractError>()
            .unwrap(),
        ContractError::NothingToClaim {
            address: m[0].to_string()
        }
    );
    s.check_invariants();
    s.deposit(DENOM, 2).unwrap();
    for a in &m {
        s.claim(a, None, None).unwrap();
        assert_eq!(s.native_balance(a, DENOM), 1);
        s.check_invariants();
    }
    assert_eq!(s.native_balance(&s.dist, DENOM), 0);
}

#[test]
fn claim_with_nothing_owed_is_refused_and_changes_nothing() {
    let mut s = Suite::new();
    let alice = s.addr("alice");
    let before = s.snapshot();
    assert_eq!(
        err(s.claim(&alice, None, None)),
        ContractError::NothingToClaim {
            address: alice.to_string()
        }
    );
    assert_eq!(s.snapshot(), before);
}

/// A claim paid to the distributor itself would burn the member's owed
/// units while the coins stay in the distributor, owed to nobody.
#[test]
fn a_claim_to_the_distributor_itself_is_refused_so_no_coin_is_stranded() {
    let mut s = Suite::new();
    let alice = s.addr("alice");
    s.stake(&alice, 0, 1);
    s.deposit(DENOM, 1_000).unwrap();
    let dist = s.dist.clone();
    let before = s.snapshot();
    assert_eq!(
        err(s.claim(&alice, None, Some(&dist))),
        ContractError::OwnAddress {
            field: "recipient".into()
        }
    );
    assert_eq!(s.snapshot(), before);
    // the stakers pool's 40 % of the deposit, claimed to alice herself
    s.claim(&alice, None, None).unwrap();
    assert_eq!(s.native_balance(&alice, DENOM), 400);
    s.check_invariants();
}

#[test]
fn claim_of_an_unknown_asset_is_refused() {
    let mut s = Suite::new();
    let alice = s.addr("alice");
    s.stake(&alice, 0, 1);
    s.deposit(DENOM, 100).unwrap();
    let before = s.snapshot();
    assert_eq!(
        err(s.claim(&alice, Some(vec![AssetInfoUnchecked::native(JUNK)]), None)),
        ContractError::UnknownAsset {
            asset: "native:ujunk".into()
        }
    );
    assert_eq!(s.snapshot(), before);
}

#[test]
fn claiming_twice_pays_once() {
    let mut s = Suite::new();
    let alice = s.addr("alice");
    s.stake(&alice, 0, 1);
    s.deposit(DENOM, 100).unwrap();
    s.claim(&alice, None, None).unwrap();
    assert!(s.claim(&alice, None, None).is_err());
    assert_eq!(s.native_balance(&alice, DENOM), 40);
    s.check_invariants();
}
