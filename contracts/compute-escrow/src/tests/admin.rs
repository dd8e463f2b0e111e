//! Instantiation, owner configuration, assets, pause, migration.

use cosmwasm_std::coin;
use cw_multi_test::Executor;
use fairgrid::escrow::{ConfigResponse, ConfigUpdate, ExecuteMsg, MigrateMsg, QueryMsg};
use fairgrid::{AssetInfo, AssetInfoUnchecked, Bps};

use super::suite::*;
use crate::contract::{CONTRACT_NAME, CONTRACT_VERSION};
use crate::ContractError;

#[test]
fn instantiate_stores_the_config_and_the_cw2_version() {
    let s = Suite::new();
    let c: ConfigResponse = s.q(&QueryMsg::Config {});
    assert_eq!(c.owner, s.owner);
    assert_eq!(c.arbiter, s.arbiter);
    assert_eq!(c.fee_collector, s.collector);
    assert_eq!(c.collateral_hook, Some(s.hook.clone()));
    assert_eq!(c.collateral_asset, AssetInfo::native(FAIR));
    assert_eq!(c.protocol_fee.get(), FEE_BPS);
    assert_eq!(c.accepted_assets.len(), 2);
    assert!(c.accepted_assets.contains(&AssetInfo::native(CREDIT)));
    assert!(c.accepted_assets.contains(&s.gpu()));
    assert!(!c.paused);
    let v = cw2::query_contract_info(&s.app.wrap(), s.escrow.to_string()).unwrap();
    assert_eq!(
        (v.contract.as_str(), v.version.as_str()),
        (CONTRACT_NAME, CONTRACT_VERSION)
    );
}

#[test]
fn owner_updates_every_config_field_and_the_event_names_each_change() {
    let mut s = Suite::new();
    let (owner, stranger, alice) = (s.owner.clone(), s.stranger.clone(), s.alice.clone());
    let token = s.token.clone();
    let update = ExecuteMsg::UpdateConfig(ConfigUpdate {
        owner: Some(stranger.to_string()),
        arbiter: Some(alice.to_string()),
        fee_collector: Some(alice.to_string()),
        collateral_hook: None,
        remove_collateral_hook: Some(true),
        service_asset: Some(AssetInfoUnchecked::cw20(token.as_str())),
        protocol_fee: Some(Bps::new(1_000).unwrap()),
        min_collateral: Some(u(7)),
        settlement_delay: Some(1),
        unbonding_delay: Some(2),
        max_lease_duration: Some(3),
        dispute_bond: Some(Bps::new(5_000).unwrap()),
    });
    let res = s.ok(&owner, &update, &[]);
    // indexers read every change: the field's name and its new value
    let attrs: Vec<(String, String)> = res
        .events
        .iter()
        .filter(|e| e.ty == "wasm")
        .flat_map(|e| e.attributes.iter())
        .filter(|a| a.key != "_contract_address")
        .map(|a| (a.key.clone(), a.value.clone()))
        .collect();
    let kv = |k: &str, v: String| (k.to_string(), v);
    assert_eq!(
        attrs,
        vec![
            kv("action", "update_config".into()),
            kv("owner", stranger.to_string()),
            kv("arbiter", alice.to_string()),
            kv("fee_collector", alice.to_string()),
            kv("collateral_hook", "none".into()),
            kv("protocol_fee", "1000".into()),
            kv("min_collateral", "7".into()),
            kv("settlement_delay", "1".into()),
            kv("unbonding_delay", "2".into()),
            kv("max_lease_duration", "3".into()),
            kv("dispute_bond", "5000".into()),
            kv("service_asset", format!("cw20:{token}")),
        ]
    );
    // the same values again change nothing and report nothing
    let same = ExecuteMsg::UpdateConfig(ConfigUpdate {
        protocol_fee: Some(Bps::new(1_000).unwrap()),
        min_collateral: Some(u(7)),
        ..Default::default()
    });
    let res = s.ok(&stranger, &same, &[]);
    assert_eq!(attr(&res, "action"), "update_config");
    assert!(res
        .events
        .iter()
        .flat_map(|e| e.attributes.iter())
        .all(|a| a.key != "protocol_fee" && a.key != "min_collateral"));
    let c: ConfigResponse = s.q(&QueryMsg::Config {});
    assert_eq!(c.owner, stranger);
    assert_eq!(
        (c.arbiter.clone(), c.fee_collector.clone()),
        (alice.clone(), alice)
    );
    assert_eq!(c.collateral_hook, None);
    assert_eq!(c.protocol_fee.get(), 1_000);
    assert_eq!(c.min_collateral, u(7));
    assert_eq!(
        (c.settlement_delay, c.unbonding_delay, c.max_lease_duration),
        (1, 2, 3)
    );
    assert_eq!(c.dispute_bond.get(), 5_000);
    assert_eq!(c.service_asset, Some(AssetInfo::Cw20(token)));
    // the old owner has no power left
    assert_eq!(
        s.refused(&owner, &ExecuteMsg::SetPaused { paused: true }, &[]),
        ContractError::NotOwner {
            action: "set_paused".into(),
            sender: owner.to_string(),
            owner: stranger.to_string()
        }
    );
}

#[test]
fn owner_adds_and_removes_accepted_assets() {
    let mut s = Suite::new();
    let (owner, alice) = (s.owner.clone(), s.alice.clone());
    s.ok(
        &owner,
        &ExecuteMsg::UpdateAssets {
            add: vec![AssetInfoUnchecked::native(JUNK)],
            remove: vec![AssetInfoUnchecked::native(CREDIT)],
        },
        &[],
    );
    let c: ConfigResponse = s.q(&QueryMsg::Config {});
    assert!(c.accepted_assets.contains(&AssetInfo::native(JUNK)));
    assert!(!c.accepted_assets.contains(&AssetInfo::native(CREDIT)));
    s.deposit_junk_ok();
    let err = s.refused(
        &alice,
        &ExecuteMsg::Deposit { beneficiary: None },
        &[coin(1, CREDIT)],
    );
    assert_eq!(
        err,
        ContractError::Asset(fairgrid::AssetError::WrongDenom {
            got: CREDIT.into(),
            expected: "one coin of an accepted native denom".into()
        })
    );
}

impl Suite {
    fn deposit_junk_ok(&mut self) {
        let alice = self.alice.clone();
        self.ok(
            &alice,
            &ExecuteMsg::Deposit { beneficiary: None },
            &[coin(3, JUNK)],
        );
        assert_eq!(self.credits(&alice, &AssetInfo::native(JUNK)), u(3));
    }
}

#[test]
fn pause_stops_new_business_but_never_traps_money() {
    let mut s = Suite::new();
    let (owner, alice, carol, arbiter) = (
        s.owner.clone(),
        s.alice.clone(),
        s.carol.clone(),
        s.arbiter.clone(),
    );
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 10_000);
    let l1 = s.open(&alice, offer, 1_000);
    let l2 = s.open(&alice, offer, 1_000);
    s.advance(700);
    s.ok(&owner, &ExecuteMsg::SetPaused { paused: true }, &[]);
    // what keeps working
    s.claim(&carol, vec![l1]);
    s.ok(&alice, &ExecuteMsg::CloseLease { lease_id: l1 }, &[]);
    s.ok(
        &alice,
        &ExecuteMsg::OpenDispute {
            lease_id: l2,
            reason: "slow".into(),
        },
        &[],
    );
    s.ok(
        &arbiter,
        &ExecuteMsg::ResolveDispute {
            lease_id: l2,
            provider_share: Bps::new(5_000).unwrap(),
            slash: u(0),
        },
        &[],
    );
    s.ok(
        &alice,
        &ExecuteMsg::Withdraw {
            asset: AssetInfoUnchecked::native(CREDIT),
            amount: u(100),
            recipient: None,
        },
        &[],
    );
    s.ok(&carol, &ExecuteMsg::CloseOffer { offer_id: offer }, &[]);
    s.ok(
        &carol,
        &ExecuteMsg::RequestCollateralWithdrawal { amount: u(1) },
        &[],
    );
    s.check_invariants();
    // unpause restores new business
    s.ok(&owner, &ExecuteMsg::SetPaused { paused: false }, &[]);
    s.deposit(&alice, 1);
    s.check_invariants();
}

#[test]
fn migrate_accepts_same_or_newer_and_refuses_other_code_and_downgrades() {
    let mut s = Suite::new();
    let (owner, escrow, code) = (s.owner.clone(), s.escrow.clone(), s.escrow_code);
    s.app
        .migrate_contract(owner.clone(), escrow.clone(), &MigrateMsg {}, code)
        .unwrap();
    {
        let mut store = s.app.contract_storage_mut(&escrow);
        cw2::set_contract_version(&mut *store, CONTRACT_NAME, "9.0.0").unwrap();
    }
    let err = s
        .app
        .migrate_contract(owner.clone(), escrow.clone(), &MigrateMsg {}, code)
        .unwrap_err()
        .downcast::<ContractError>()
        .unwrap();
    assert_eq!(
        err,
        ContractError::Migrate(fairgrid::migrate::MigrateError::Downgrade {
            stored: "9.0.0".into(),
            new: CONTRACT_VERSION.into()
        })
    );
    {
        let mut store = s.app.contract_storage_mut(&escrow);
        cw2::set_contract_version(&mut *store, "crates.io:other", "0.0.1").unwrap();
    }
    let err = s
        .app
        .migrate_contract(owner, escrow, &MigrateMsg {}, code)
        .unwrap_err()
        .downcast::<ContractError>()
        .unwrap();
    assert_eq!(
        err,
        ContractError::Migrate(fairgrid::migrate::MigrateError::WrongContract {
            stored: "crates.io:other".into(),
            expected: CONTRACT_NAME.into()
        })
    );
}
