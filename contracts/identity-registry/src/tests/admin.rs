//! Owner configuration, instantiation checks and migration.

use cosmwasm_std::Empty;
use cw_multi_test::Executor;
use fairgrid::identity::{ConfigResponse, ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};
use fairgrid::migrate::MigrateError;

use super::suite::*;
use crate::ContractError;

#[test]
fn a_new_owner_takes_over_and_the_old_one_is_refused() {
    let mut s = Suite::new();
    let (owner, next) = (s.owner.clone(), s.addr("new-governance"));
    let res = s.ok(
        &owner,
        &ExecuteMsg::UpdateConfig {
            owner: Some(next.to_string()),
            max_addresses: Some(5),
        },
    );
    assert_eq!(attr(&res, "owner"), next.to_string());
    assert_eq!(attr(&res, "max_addresses"), "5");
    let add = ExecuteMsg::UpdateAttesters {
        add: vec![s.stranger.to_string()],
        remove: vec![],
    };
    assert_eq!(
        s.refused(&owner, &add),
        ContractError::NotOwner {
            sender: owner.to_string(),
            owner: next.to_string()
        }
    );
    s.ok(&next, &add);
    let cfg: ConfigResponse = s.q(&QueryMsg::Config {});
    assert_eq!((cfg.owner, cfg.max_addresses, cfg.attesters), (next, 5, 3));
}

#[test]
fn lowering_the_bound_keeps_existing_links_and_refuses_new_ones() {
    let mut s = Suite::new();
    let id = s.link(&s.addr("a0"), None);
    s.link(&s.addr("a1"), Some(id));
    let owner = s.owner.clone();
    s.ok(
        &owner,
        &ExecuteMsg::UpdateConfig {
            owner: None,
            max_addresses: Some(1),
        },
    );
    assert_eq!(s.addresses(id).len(), 2);
    let attester = s.attester.clone();
    assert_eq!(
        s.refused(&attester, &Suite::link_msg(&s.addr("a2"), Some(id), None)),
        ContractError::IdentityFull {
            identity: id,
            addresses: 2,
            max: 1
        }
    );
}

#[test]
fn instantiate_refuses_a_bad_bound_and_too_many_subscribers() {
    let mut s = Suite::new();
    let owner = s.owner.clone();
    let msg = |max_addresses, subscribers: Vec<String>| InstantiateMsg {
        owner: owner.to_string(),
        max_addresses,
        attesters: vec![],
        subscribers,
    };
    let err = s
        .app
        .instantiate_contract(s.code, owner.clone(), &msg(0, vec![]), &[], "r", None)
        .unwrap_err();
    assert_eq!(
        fairgrid_testing::downcast::<ContractError>(err),
        ContractError::InvalidMaxAddresses {
            max_addresses: 0,
            limit: fairgrid::identity::MAX_ADDRESSES_LIMIT
        }
    );
    let subs = (0..6)
        .map(|i| s.addr(&format!("s{i}")).to_string())
        .collect();
    let err = s
        .app
        .instantiate_contract(s.code, owner.clone(), &msg(2, subs), &[], "r", None)
        .unwrap_err();
    assert_eq!(
        fairgrid_testing::downcast::<ContractError>(err),
        ContractError::TooMany {
            what: "subscribers".into(),
            count: 6,
            max: 5
        }
    );
}

#[test]
fn migrate_accepts_the_same_version_and_refuses_downgrades_and_other_code() {
    let mut s = Suite::new();
    let owner = s.owner.clone();
    let (registry, code) = (s.registry.clone(), s.code);
    let res = s
        .app
        .migrate_contract(owner.clone(), registry.clone(), &MigrateMsg {}, code)
        .unwrap();
    assert_eq!(attr(&res, "action"), "migrate");
    assert_eq!(attr(&res, "to_version"), crate::contract::CONTRACT_VERSION);
    // a stored record from a newer version, then one from another contract
    for (name, version, expected) in [
        (
            crate::contract::CONTRACT_NAME,
            "9.0.0",
            MigrateError::Downgrade {
                stored: "9.0.0".into(),
                new: crate::contract::CONTRACT_VERSION.into(),
            },
        ),
        (
            "crates.io:fairgrid-governance",
            "0.1.0",
            MigrateError::WrongContract {
                stored: "crates.io:fairgrid-governance".into(),
                expected: crate::contract::CONTRACT_NAME.into(),
            },
        ),
    ] {
        s.app.contract_storage_mut(&registry).set(
            b"contract_info",
            &cosmwasm_std::to_json_vec(&cw2::ContractVersion {
                contract: name.into(),
                version: version.into(),
            })
            .unwrap(),
        );
        let before = s.snapshot();
        let err = s
            .app
            .migrate_contract(owner.clone(), registry.clone(), &MigrateMsg {}, code)
            .unwrap_err();
        assert_eq!(before, s.snapshot());
        assert_eq!(
            fairgrid_testing::downcast::<ContractError>(err),
            ContractError::Migrate(expected)
        );
    }
    let _ = Empty {};
}
