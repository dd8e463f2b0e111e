//! Must work: owner updates apply to later deposits only; queries; migrate.

use cosmwasm_std::Uint128;
use cw_multi_test::Executor;
use fairgrid::asset::{AssetInfo, AssetInfoUnchecked};
use fairgrid::curve::Curve;
use fairgrid::distributor::{ExecuteMsg, MigrateMsg, PoolMsg, RecipientTarget};
use fairgrid::migrate::MigrateError;

use super::suite::*;
use crate::contract::{CONTRACT_NAME, CONTRACT_VERSION};
use crate::ContractError;

#[test]
fn instantiate_stores_config_pools_and_recipients() {
    let s = Suite::new();
    let c = s.config();
    assert_eq!(c.owner, s.owner);
    assert_eq!(c.fallback, s.fallback);
    assert_eq!(c.assets.len(), 3);
    assert!(c.assets.iter().all(|a| a.accepted));
    assert_eq!(c.recipients.len(), 4);
    assert_eq!(
        c.recipients[2].target,
        RecipientTarget::Address {
            address: s.treasury.clone()
        }
    );
    assert_eq!(c.rest_recipient, 0);
    assert_eq!(c.recipients_version, 1);
    let pools = s.pools(None, None).pools;
    assert_eq!(
        pools
            .iter()
            .map(|p| (p.pool_id.as_str(), p.curve))
            .collect::<Vec<_>>(),
        vec![("providers", Curve::SquareRoot), ("stakers", Curve::Linear)]
    );
    assert_eq!(pools[0].source, s.escrow);
    let v = cw2::query_contract_info(&s.app.wrap(), s.dist.to_string()).unwrap();
    assert_eq!(
        (v.contract.as_str(), v.version.as_str()),
        (CONTRACT_NAME, CONTRACT_VERSION)
    );
}

#[test]
fn recipient_change_applies_to_later_deposits_only() {
    let mut s = Suite::new();
    let alice = s.addr("alice");
    let d = AssetInfo::native(DENOM);
    s.stake(&alice, 0, 1);
    s.deposit(DENOM, 1_000).unwrap();
    let owner = s.owner.clone();
    let new_treasury = s.addr("new_treasury");
    let res = s
        .exec(
            &owner,
            &ExecuteMsg::SetRecipients {
                recipients: vec![pool_r("stakers", 5_000), addr_r(&new_treasury, 5_000)],
            },
            &[],
        )
        .unwrap();
    assert_eq!(attr(&res, "version"), vec!["2"]);
    // what was deposited before stays as split then
    assert_eq!(s.pending_of(&alice, &d), 400);
    assert_eq!(s.native_balance(&s.treasury, DENOM), 200);
    s.deposit(DENOM, 1_000).unwrap();
    assert_eq!(s.pending_of(&alice, &d), 900);
    assert_eq!(s.native_balance(&new_treasury, DENOM), 500);
    assert_eq!(s.native_balance(&s.treasury, DENOM), 200);
    s.check_invariants();
}

#[test]
fn removed_asset_stays_claimable_and_can_be_accepted_again() {
    let mut s = Suite::new();
    let alice = s.addr("alice");
    s.stake(&alice, 0, 1);
    s.deposit_cw20(1_000).unwrap();
    let owner = s.owner.clone();
    let token = AssetInfoUnchecked::cw20(s.token.as_str());
    s.exec(
        &owner,
        &ExecuteMsg::UpdateAssets {
            add: vec![],
            remove: vec![token.clone()],
        },
        &[],
    )
    .unwrap();
    assert!(!s.config().assets[2].accepted);
    assert!(s.deposit_cw20(5).is_err());
    s.claim(&alice, Some(vec![token.clone()]), None).unwrap();
    assert_eq!(s.cw20_balance(&s.token, &alice), 400);
    s.check_invariants();
    s.exec(
        &owner,
        &ExecuteMsg::UpdateAssets {
            add: vec![token],
            remove: vec![],
        },
        &[],
    )
    .unwrap();
    assert_eq!(
        s.config().assets.len(),
        3,
        "the slot is reused, not duplicated"
    );
    s.deposit_cw20(1_000).unwrap();
    s.check_invariants();
}

#[test]
fn an_asset_added_later_is_distributed_to_existing_members() {
    let mut s = Suite::new();
    let alice = s.addr("alice");
    s.stake(&alice, 0, 1);
    s.deposit(DENOM, 10).unwrap();
    let owner = s.owner.clone();
    s.exec(
        &owner,
        &ExecuteMsg::UpdateAssets {
            add: vec![AssetInfoUnchecked::native(JUNK)],
            remove: vec![],
        },
        &[],
    )
    .unwrap();
    s.deposit(JUNK, 1_000).unwrap();
    assert_eq!(s.pending_of(&alice, &AssetInfo::native(JUNK)), 400);
    s.check_invariants();
}

#[test]
fn a_pool_added_later_receives_by_hook_once_it_is_a_recipient() {
    let mut s = Suite::new();
    let owner = s.owner.clone();
    let src = s.addr("lp_source");
    s.exec(
        &owner,
        &ExecuteMsg::AddPool {
            pool: PoolMsg {
                pool_id: "lps".into(),
                source: src.to_string(),
                curve: Curve::Linear,
            },
        },
        &[],
    )
    .unwrap();
    let lp = s.addr("lp");
    s.hook(&src, &lp, 0, 3).unwrap();
    s.exec(
        &owner,
        &ExecuteMsg::SetRecipients {
            recipients: vec![pool_r("lps", 10_000)],
        },
        &[],
    )
    .unwrap();
    s.deposit(DENOM, 99).unwrap();
    assert_eq!(s.pending_of(&lp, &AssetInfo::native(DENOM)), 99);
    s.check_invariants();
}

#[test]
fn update_config_moves_ownership_and_fallback() {
    let mut s = Suite::new();
    let owner = s.owner.clone();
    let (gov2, fb2) = (s.addr("governance"), s.addr("fallback2"));
    s.exec(
        &owner,
        &ExecuteMsg::UpdateConfig {
            owner: Some(gov2.to_string()),
            fallback: Some(fb2.to_string()),
        },
        &[],
    )
    .unwrap();
    let c = s.config();
    assert_eq!(
        (c.owner.clone(), c.fallback.clone()),
        (gov2.clone(), fb2.clone())
    );
    // the old owner is a stranger now
    assert!(matches!(
        err(s.exec(
            &owner,
            &ExecuteMsg::UpdateConfig {
                owner: None,
                fallback: None
            },
            &[]
        )),
        ContractError::NotOwner { .. }
    ));
    s.deposit(DENOM, 100).unwrap();
    assert_eq!(s.native_balance(&fb2, DENOM), 70);
}

#[test]
fn pools_and_members_queries_paginate_and_clamp() {
    let mut s = Suite::new();
    let mut addrs: Vec<_> = (0..40).map(|i| s.addr(&format!("member{i}"))).collect();
    for (i, a) in addrs.iter().enumerate() {
        s.stake(a, 0, i as u128 + 1);
    }
    addrs.sort();
    // default 10, max 30, every item exactly once
    assert_eq!(s.members("stakers", None, None).members.len(), 10);
    assert_eq!(s.members("stakers", None, Some(1_000)).members.len(), 30);
    assert_eq!(s.members("stakers", None, Some(0)).members.len(), 1);
    let mut seen = vec![];
    let mut after = None;
    loop {
        let page = s.members("stakers", after.as_ref(), Some(13)).members;
        if page.is_empty() {
            break;
        }
        after = Some(page.last().unwrap().address.clone());
        seen.extend(page.into_iter().map(|m| m.address));
    }
    assert_eq!(seen, addrs);
    let pools = s.pools(Some("providers"), Some(1)).pools;
    assert_eq!(pools.len(), 1);
    assert_eq!(pools[0].pool_id, "stakers");
    assert_eq!(pools[0].total_weight, Uint128::new(40 * 41 / 2));
    assert!(s.pools(Some("stakers"), None).pools.is_empty());
    s.check_invariants();
}

#[test]
fn migrate_accepts_same_or_newer_code_and_refuses_downgrades() {
    let mut s = Suite::new();
    let owner = s.owner.clone();
    let code = s.app.store_code(distributor_contract());
    let res = s
        .app
        .migrate_contract(owner.clone(), s.dist.clone(), &MigrateMsg {}, code)
        .unwrap();
    assert_eq!(attr(&res, "action"), vec!["migrate"]);
    // pretend a newer version is stored: this code would be a downgrade
    let mut storage = s.app.contract_storage_mut(&s.dist);
    cw2::set_contract_version(storage.as_mut(), CONTRACT_NAME, "99.0.0").unwrap();
    drop(storage);
    let e = err(s
        .app
        .migrate_contract(owner.clone(), s.dist.clone(), &MigrateMsg {}, code));
    assert_eq!(
        e,
        ContractError::Migrate(MigrateError::Downgrade {
            stored: "99.0.0".into(),
            new: CONTRACT_VERSION.into()
        })
    );
    let mut storage = s.app.contract_storage_mut(&s.dist);
    cw2::set_contract_version(storage.as_mut(), "crates.io:other", "0.1.0").unwrap();
    drop(storage);
    let e = err(s
        .app
        .migrate_contract(owner, s.dist.clone(), &MigrateMsg {}, code));
    assert!(matches!(
        e,
        ContractError::Migrate(MigrateError::WrongContract { .. })
    ));
}
