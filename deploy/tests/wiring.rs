//! The deploy code on cw-orch's Mock: the default market deploys wired, and
//! `verify` names each broken link exactly.

use cosmwasm_std::{Addr, Uint128, WasmMsg};
use cw_orch::mock::cw_multi_test::Executor;
use cw_orch::prelude::*;
use fairgrid::distributor::{self, Recipient, RecipientTarget};
use fairgrid::{escrow, governance, AssetInfo, Bps, Curve};
use fairgrid_deploy::{deploy, DeployConfig, DeployError, Deployment, WiringError};

/// The default parameters with the community pool named explicitly as the
/// deployer and two holders with as much FAIR as the deployer: nobody has an
/// identity at launch, so power is the linear share, and three equal voters
/// at the 10 % cap give a turnout of 30 % (two would miss the 20 % quorum by
/// the floors: 1999 bps).
fn launch_config(chain: &Mock) -> DeployConfig {
    DeployConfig {
        community_pool: Some("deployer".into()),
        token: fairgrid_deploy::config::TokenConfig {
            initial_balances: ["holder", "holder2"]
                .iter()
                .map(|h| fairgrid_deploy::config::InitialBalance {
                    address: chain.addr_make(*h).to_string(),
                    amount: Uint128::new(1_000_000_000_000),
                })
                .collect(),
            ..Default::default()
        },
        ..DeployConfig::default()
    }
}

fn deployed() -> (Mock, Deployment<Mock>) {
    let chain = Mock::new("deployer");
    let market = deploy(chain.clone(), &launch_config(&chain)).unwrap();
    (chain, market)
}

fn broken(
    link: &'static str,
    expected: impl std::fmt::Debug,
    found: impl std::fmt::Debug,
) -> String {
    WiringError::Broken {
        link,
        expected: format!("{expected:?}"),
        found: format!("{found:?}"),
    }
    .to_string()
}

#[test]
fn default_market_deploys_wired_and_verifies() {
    let (chain, market) = deployed();
    market.verify().unwrap();

    let deployer = chain.sender_addr();
    let token = market.token.address().unwrap();
    let gov = market.governance.address().unwrap();
    let dist = market.distributor.address().unwrap();
    let esc = market.escrow.address().unwrap();
    assert_eq!(
        market.community_pool, deployer,
        "\"deployer\" names the deployer's key"
    );

    let g: governance::ConfigResponse = market
        .governance
        .query(&governance::QueryMsg::Config {})
        .unwrap();
    assert_eq!(g.token, token);
    assert_eq!(g.curve, Curve::SquareRoot);
    assert_eq!(g.min_stake, Uint128::new(1_000_000));
    assert_eq!(g.hooks, vec![dist.clone()]);
    assert_eq!(g.guardian, None);
    assert_eq!(g.params.cap, Bps::new(1_000).unwrap());
    assert_eq!(g.params.quorum, Bps::new(2_000).unwrap());
    assert_eq!(g.params.voting_period, 3 * 86_400);
    assert_eq!(
        g.params.unbonding_period,
        cw_utils::Duration::Time(14 * 86_400)
    );
    assert_eq!(g.params.treasury, deployer);

    let e: escrow::ConfigResponse = market.escrow.query(&escrow::QueryMsg::Config {}).unwrap();
    assert_eq!((e.owner, e.arbiter), (gov.clone(), gov.clone()));
    assert_eq!(e.fee_collector, dist);
    assert_eq!(e.collateral_hook, Some(dist.clone()));
    assert_eq!(e.collateral_asset, AssetInfo::Cw20(token.clone()));
    assert_eq!(e.accepted_assets, vec![AssetInfo::Native("uusdc".into())]);
    assert_eq!(e.protocol_fee, Bps::new(250).unwrap());

    let d: distributor::ConfigResponse = market
        .distributor
        .query(&distributor::QueryMsg::Config {})
        .unwrap();
    assert_eq!(d.owner, gov);
    assert_eq!(d.fallback, deployer);
    assert_eq!(
        d.recipients,
        vec![
            Recipient {
                target: RecipientTarget::Pool {
                    pool_id: "stakers".into()
                },
                weight: Bps::new(5_000).unwrap(),
            },
            Recipient {
                target: RecipientTarget::Pool {
                    pool_id: "providers".into()
                },
                weight: Bps::new(3_000).unwrap(),
            },
            Recipient {
                target: RecipientTarget::Address {
                    address: gov.clone()
                },
                weight: Bps::new(2_000).unwrap(),
            },
        ]
    );
    let pools: distributor::PoolsResponse = market
        .distributor
        .query(&distributor::QueryMsg::Pools {
            start_after: None,
            limit: None,
        })
        .unwrap();
    let pools: Vec<_> = pools
        .pools
        .into_iter()
        .map(|p| (p.pool_id, p.source, p.curve, p.total_weight))
        .collect();
    assert_eq!(
        pools,
        vec![
            (
                "providers".to_string(),
                esc.clone(),
                Curve::Linear,
                Uint128::zero()
            ),
            (
                "stakers".to_string(),
                gov.clone(),
                Curve::Linear,
                Uint128::zero()
            ),
        ]
    );

    let wasm = chain.wasm_querier();
    for contract in [&gov, &esc, &dist] {
        assert_eq!(
            wasm.contract_info(contract).unwrap().admin,
            Some(gov.clone())
        );
    }
    // The token is immutable: no admin may migrate it.
    assert_eq!(wasm.contract_info(&token).unwrap().admin, None);

    let balance: cw20::BalanceResponse = market
        .token
        .query(&cw20_base::msg::QueryMsg::Balance {
            address: deployer.to_string(),
        })
        .unwrap();
    assert_eq!(balance.balance, Uint128::new(1_000_000_000_000));

    let addresses = market.addresses().unwrap();
    assert_eq!(addresses.governance.address, gov);
    assert_eq!(addresses.fee_distributor.address, dist);
    assert_eq!(addresses.compute_escrow.address, esc);
    assert_eq!(addresses.token.address, token);
    assert_eq!(
        [
            addresses.token.code_id,
            addresses.governance.code_id,
            addresses.fee_distributor.code_id,
            addresses.compute_escrow.code_id,
            addresses.identity_registry.code_id,
        ],
        [1, 2, 3, 4, 5]
    );
    // Governance hears the registry it names, and owns it.
    let registry = market.registry.address().unwrap();
    assert_eq!(addresses.identity_registry.address, registry);
    let g: governance::ConfigResponse = market
        .governance
        .query(&governance::QueryMsg::Config {})
        .unwrap();
    assert_eq!(g.identity.registry, Some(registry.clone()));
    assert_eq!(
        g.identity.unidentified,
        governance::UnidentifiedPolicy::LinearShare
    );
    let i: fairgrid::identity::ConfigResponse = market
        .registry
        .query(&fairgrid::identity::QueryMsg::Config {})
        .unwrap();
    assert_eq!((i.owner, i.subscribers), (gov.clone(), vec![gov.clone()]));
    assert_eq!(
        wasm.contract_info(&registry).unwrap().admin,
        Some(gov.clone())
    );
}

#[test]
fn wrong_stake_hook_is_reported() {
    let (chain, market) = deployed();
    let gov = market.governance.address().unwrap();
    let dist = market.distributor.address().unwrap();
    let stranger = chain.addr_make("stranger");
    // What an executed proposal would do: governance re-points its hook.
    market
        .governance
        .call_as(&gov)
        .execute(
            &governance::ExecuteMsg::UpdateHooks {
                add: vec![stranger.to_string()],
                remove: vec![dist.to_string()],
            },
            &[],
        )
        .unwrap();
    let err = market.verify().unwrap_err();
    assert_eq!(
        err.to_string(),
        broken("governance.hooks", vec![dist], vec![stranger])
    );
}

#[test]
fn distributor_with_another_owner_is_reported() {
    let (chain, market) = deployed();
    let gov = market.governance.address().unwrap();
    let stranger = chain.addr_make("stranger");
    market
        .distributor
        .call_as(&gov)
        .execute(
            &distributor::ExecuteMsg::UpdateConfig {
                owner: Some(stranger.to_string()),
                fallback: None,
            },
            &[],
        )
        .unwrap();
    let err = market.verify().unwrap_err();
    assert_eq!(
        err.to_string(),
        broken("fee-distributor.owner", &gov, &stranger)
    );
}

#[test]
fn escrow_with_another_wasm_admin_is_reported() {
    let (chain, market) = deployed();
    let gov = market.governance.address().unwrap();
    let esc = market.escrow.address().unwrap();
    let stranger = chain.addr_make("stranger");
    chain
        .app
        .borrow_mut()
        .execute(
            gov.clone(),
            WasmMsg::UpdateAdmin {
                contract_addr: esc.to_string(),
                admin: stranger.to_string(),
            }
            .into(),
        )
        .unwrap();
    let err = market.verify().unwrap_err();
    assert_eq!(
        err.to_string(),
        broken("compute-escrow.wasm_admin", Some(&gov), Some(&stranger))
    );
}

#[test]
fn verify_of_a_market_never_deployed_names_the_missing_contract() {
    let chain = Mock::new("deployer");
    let market = Deployment::interfaces(chain, Addr::unchecked("community"), "uusdc".into());
    let err = market.verify().unwrap_err();
    assert!(
        matches!(
            err,
            WiringError::Query {
                link: "token address",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn uneven_fee_split_is_refused_before_any_upload() {
    let chain = Mock::new("deployer");
    let mut config = launch_config(&chain);
    config.distributor.treasury_bps = 1_999;
    let err = deploy(chain.clone(), &config).err().unwrap();
    assert_eq!(
        err.to_string(),
        "fee split must sum to 10000 bps, got 9999 (stakers 5000 + providers 3000 + treasury 1999)"
    );
    assert!(matches!(err, DeployError::Config(_)));
    let market = Deployment::interfaces(chain, Addr::unchecked("community"), "uusdc".into());
    assert!(market.token.code_id().is_err(), "nothing was uploaded");
}

#[test]
fn salt_too_long_for_instantiate2_is_refused() {
    let chain = Mock::new("deployer");
    let config = DeployConfig {
        salt: "s".repeat(53),
        ..launch_config(&chain)
    };
    let err = deploy(chain, &config).err().unwrap();
    assert_eq!(err.to_string(), "salt must be 1..=52 bytes, got 53");
}

#[test]
fn verify_only_from_the_printed_addresses_checks_every_link() {
    let (chain, market) = deployed();
    let printed = serde_json::to_string(&market.addresses().unwrap()).unwrap();
    let addresses: fairgrid_deploy::DeployedAddresses = serde_json::from_str(&printed).unwrap();
    Deployment::from_addresses(chain.clone(), &addresses, String::new())
        .verify()
        .unwrap();

    // A wrong code id for the escrow is the first broken link.
    let mut wrong = addresses.clone();
    wrong.compute_escrow.code_id = 3;
    let err = Deployment::from_addresses(chain.clone(), &wrong, String::new())
        .verify()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        broken("compute-escrow.code_id", 3u64, 4u64)
    );

    // Governance's address pointing at the distributor: its config query
    // does not parse as governance's, and the link is named.
    let mut wrong = addresses.clone();
    wrong.governance.address = addresses.fee_distributor.address.clone();
    let err = Deployment::from_addresses(chain, &wrong, String::new())
        .verify()
        .unwrap_err();
    assert!(
        matches!(
            err,
            WiringError::Query {
                link: "governance config",
                ..
            }
        ),
        "{err}"
    );
}
