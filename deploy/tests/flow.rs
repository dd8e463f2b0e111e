//! A small flow through a market deployed on the Mock: a stake reaches the
//! distributor's stakers pool through governance's hook, and a fee deposit
//! is split between the stakers, the empty providers pool's fallback and the
//! treasury (governance); provider collateral reaches the providers pool
//! through the escrow's collateral hook.

use cosmwasm_std::{coins, to_json_binary, Uint128};
use cw_orch::prelude::*;
use fairgrid::distributor::{self, PendingAsset};
use fairgrid::{escrow, governance, AssetInfo};
use fairgrid_deploy::config::InitialBalance;
use fairgrid_deploy::{deploy, DeployConfig};

const FAIR: u128 = 1_000_000;

#[test]
fn stake_reaches_stakers_pool_and_fees_split_exactly() {
    let chain = Mock::new("deployer");
    let staker = chain.addr_make("staker");
    let community = chain.addr_make("community");
    let config = DeployConfig {
        community_pool: Some(community.to_string()),
        token: fairgrid_deploy::config::TokenConfig {
            initial_balances: vec![InitialBalance {
                address: staker.to_string(),
                amount: Uint128::new(250 * FAIR),
            }],
            ..Default::default()
        },
        // This flow never votes: the deployer keeps nearly all FAIR.
        accept_unreachable_quorum: true,
        ..DeployConfig::default()
    };
    let market = deploy(chain.clone(), &config).unwrap();
    market.verify().unwrap();
    let gov = market.governance.address().unwrap();

    // 100 FAIR staked, no identity: governance's linear share
    // 10^8 / (2 × ceil(sqrt(10^8))) = 5,000 (as one identity it would be the
    // square root, 10,000); the stakers pool is linear (splitting never
    // raises pool weight): weight = stake.
    market
        .token
        .call_as(&staker)
        .execute(
            &cw20_base::msg::ExecuteMsg::Send {
                contract: gov.to_string(),
                amount: Uint128::new(100 * FAIR),
                msg: to_json_binary(&governance::ReceiveMsg::Stake {}).unwrap(),
            },
            &[],
        )
        .unwrap();
    let stake: governance::StakeResponse = market
        .governance
        .query(&governance::QueryMsg::Stake {
            address: staker.to_string(),
        })
        .unwrap();
    assert_eq!(
        (stake.stake, stake.power),
        (Uint128::new(100 * FAIR), Uint128::new(5_000))
    );
    let member: distributor::MemberResponse = market
        .distributor
        .query(&distributor::QueryMsg::Member {
            pool_id: "stakers".into(),
            address: staker.to_string(),
        })
        .unwrap();
    assert_eq!(member.weight, Uint128::new(100 * FAIR));

    // 10,000 uusdc of fees: stakers 50 %, providers 30 % (no provider yet, so
    // the fallback), treasury 20 %.
    let payer = chain
        .addr_make_with_balance("payer", coins(10_000, "uusdc"))
        .unwrap();
    market
        .distributor
        .call_as(&payer)
        .execute(
            &distributor::ExecuteMsg::Deposit {},
            &coins(10_000, "uusdc"),
        )
        .unwrap();
    let pending: distributor::PendingResponse = market
        .distributor
        .query(&distributor::QueryMsg::Pending {
            address: staker.to_string(),
        })
        .unwrap();
    assert_eq!(
        pending.pending,
        vec![PendingAsset {
            info: AssetInfo::Native("uusdc".into()),
            amount: Uint128::new(5_000),
            remainder_scaled: Default::default(),
        }]
    );
    assert_eq!(
        chain.query_balance(&community, "uusdc").unwrap(),
        Uint128::new(3_000)
    );
    assert_eq!(
        chain.query_balance(&gov, "uusdc").unwrap(),
        Uint128::new(2_000)
    );
    assert_eq!(
        chain.query_balance(&payer, "uusdc").unwrap(),
        Uint128::zero()
    );
}

#[test]
fn provider_collateral_reaches_providers_pool_through_escrow_hook() {
    let chain = Mock::new("deployer");
    let provider = chain.addr_make("provider");
    let community = chain.addr_make("community");
    let config = DeployConfig {
        community_pool: Some(community.to_string()),
        token: fairgrid_deploy::config::TokenConfig {
            initial_balances: vec![InitialBalance {
                address: provider.to_string(),
                amount: Uint128::new(150 * FAIR),
            }],
            ..Default::default()
        },
        // This flow never votes: the deployer keeps nearly all FAIR.
        accept_unreachable_quorum: true,
        ..DeployConfig::default()
    };
    let market = deploy(chain.clone(), &config).unwrap();
    let gov = market.governance.address().unwrap();
    let esc = market.escrow.address().unwrap();

    // 150 FAIR of collateral: linear weight 150,000,000 in the providers pool.
    market
        .token
        .call_as(&provider)
        .execute(
            &cw20_base::msg::ExecuteMsg::Send {
                contract: esc.to_string(),
                amount: Uint128::new(150 * FAIR),
                msg: to_json_binary(&escrow::ReceiveMsg::RegisterProvider {
                    metadata: escrow::ProviderMetadata {
                        name: "gpu-farm".into(),
                        contact: None,
                    },
                })
                .unwrap(),
            },
            &[],
        )
        .unwrap();
    let member: distributor::MemberResponse = market
        .distributor
        .query(&distributor::QueryMsg::Member {
            pool_id: "providers".into(),
            address: provider.to_string(),
        })
        .unwrap();
    assert_eq!(member.weight, Uint128::new(150 * FAIR));

    // No staker yet: the stakers' 50 % goes to the fallback; the providers'
    // 30 % to the provider; the treasury's 20 % to governance.
    let payer = chain
        .addr_make_with_balance("payer", coins(10_000, "uusdc"))
        .unwrap();
    market
        .distributor
        .call_as(&payer)
        .execute(
            &distributor::ExecuteMsg::Deposit {},
            &coins(10_000, "uusdc"),
        )
        .unwrap();
    let pending: distributor::PendingResponse = market
        .distributor
        .query(&distributor::QueryMsg::Pending {
            address: provider.to_string(),
        })
        .unwrap();
    assert_eq!(
        pending.pending,
        vec![PendingAsset {
            info: AssetInfo::Native("uusdc".into()),
            amount: Uint128::new(3_000),
            remainder_scaled: Default::default(),
        }]
    );
    assert_eq!(
        chain.query_balance(&community, "uusdc").unwrap(),
        Uint128::new(5_000)
    );
    assert_eq!(
        chain.query_balance(&gov, "uusdc").unwrap(),
        Uint128::new(2_000)
    );
}
