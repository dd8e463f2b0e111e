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
fn provider_service_reaches_providers_pool_through_escrow_hook() {
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

    // 150 FAIR of collateral: no weight (the providers pool weighs service).
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
    let weight = || -> Uint128 {
        let member: distributor::MemberResponse = market
            .distributor
            .query(&distributor::QueryMsg::Member {
                pool_id: "providers".into(),
                address: provider.to_string(),
            })
            .unwrap();
        member.weight
    };
    assert_eq!(weight(), Uint128::zero());

    // One hour served at 3.6 M uusdc: the claim's 2.5 % fee (90,000) is the
    // provider's service weight, heard by the providers pool.
    let renter = chain
        .addr_make_with_balance("renter", coins(3_600_000, "uusdc"))
        .unwrap();
    let offer = escrow::OfferParams {
        gpu_model: "H100-SXM".into(),
        gpu_count: 8,
        memory_gib: 80,
        region: "eu-west".into(),
        asset: fairgrid::AssetInfoUnchecked::native("uusdc"),
        price_per_hour: Uint128::new(3_600_000),
        min_duration: 60,
        max_duration: 3_600,
        slots: 1,
    };
    market
        .escrow
        .call_as(&provider)
        .execute(&escrow::ExecuteMsg::CreateOffer { offer }, &[])
        .unwrap();
    market
        .escrow
        .call_as(&renter)
        .execute(
            &escrow::ExecuteMsg::OpenLease {
                offer_id: 1,
                duration: 3_600,
                max_price_per_hour: Uint128::new(3_600_000),
            },
            &coins(3_600_000, "uusdc"),
        )
        .unwrap();
    chain.wait_seconds(2 * 3_600).unwrap();
    market
        .escrow
        .call_as(&provider)
        .execute(
            &escrow::ExecuteMsg::ClaimEarnings { lease_ids: vec![1] },
            &[],
        )
        .unwrap();
    assert_eq!(weight(), Uint128::new(90_000));

    // No staker yet: the stakers' 50 % goes to the fallback; the providers'
    // 30 % to the provider; the treasury's 20 % to governance.
    let payer = chain
        .addr_make_with_balance("payer", coins(9_000, "uusdc"))
        .unwrap();
    market
        .distributor
        .call_as(&payer)
        .execute(&distributor::ExecuteMsg::Deposit {}, &coins(9_000, "uusdc"))
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
            amount: Uint128::new(2_700),
            remainder_scaled: Default::default(),
        }]
    );
    assert_eq!(
        chain.query_balance(&community, "uusdc").unwrap(),
        Uint128::new(4_500)
    );
    assert_eq!(
        chain.query_balance(&gov, "uusdc").unwrap(),
        Uint128::new(1_800)
    );
}
