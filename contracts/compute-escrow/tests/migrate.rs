//! Migration keeps every record: state written by the current code (credits,
//! a provider with collateral, an offer, a running lease) reads back byte for
//! byte and query for query after `migrate` (issue 11, input 7).
use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env};
use cosmwasm_std::{coins, Binary, Deps, Env, Order, Record, Storage, Uint128};
use fairgrid::bps::Bps;
use fairgrid::escrow::{
    ExecuteMsg, InstantiateMsg, MigrateMsg, OfferParams, ProviderMetadata, QueryMsg,
};
use fairgrid::AssetInfoUnchecked;
use fairgrid_compute_escrow::contract::{execute, instantiate, migrate, query, CONTRACT_NAME};

const CREDIT: &str = "uusdc";
const COLLATERAL: &str = "ufair";

fn raw(s: &dyn Storage) -> Vec<Record> {
    s.range(None, None, Order::Ascending).collect()
}

fn views(deps: Deps, env: &Env, accounts: &[String]) -> Vec<Binary> {
    let mut qs = vec![
        QueryMsg::Config {},
        QueryMsg::Offer { offer_id: 1 },
        QueryMsg::Offers {
            provider: None,
            gpu_model: None,
            region: None,
            max_price: None,
            include_closed: Some(true),
            start_after: None,
            limit: None,
        },
        QueryMsg::Lease { lease_id: 1 },
        QueryMsg::LeaseAmounts { lease_id: 1 },
        QueryMsg::Solvency {
            start_after: None,
            limit: None,
        },
    ];
    for a in accounts {
        qs.push(QueryMsg::Credits {
            account: a.clone(),
            start_after: None,
            limit: None,
        });
    }
    qs.push(QueryMsg::Provider {
        address: accounts[0].clone(),
    });
    qs.into_iter()
        .map(|q| query(deps, env.clone(), q).unwrap())
        .collect()
}

#[test]
fn migrate_reads_every_escrow_record_back_exactly() {
    let mut deps = mock_dependencies();
    let api = deps.api;
    let mut env = mock_env();
    let owner = api.addr_make("owner");
    let (provider, renter, sponsor, team) = (
        api.addr_make("provider"),
        api.addr_make("renter"),
        api.addr_make("sponsor"),
        api.addr_make("team"),
    );
    instantiate(
        deps.as_mut(),
        env.clone(),
        message_info(&owner, &[]),
        InstantiateMsg {
            owner: owner.to_string(),
            arbiter: owner.to_string(),
            fee_collector: api.addr_make("collector").to_string(),
            collateral_hook: None,
            accepted_assets: vec![AssetInfoUnchecked::native(CREDIT)],
            collateral_asset: AssetInfoUnchecked::native(COLLATERAL),
            service_asset: None,
            protocol_fee: Bps::new(250).unwrap(),
            min_collateral: Uint128::new(1_000),
            settlement_delay: 3_600,
            unbonding_delay: 86_400,
            max_lease_duration: 86_400,
        },
    )
    .unwrap();
    let mut run = |env: &Env, who: &cosmwasm_std::Addr, funds: &[cosmwasm_std::Coin], msg| {
        execute(deps.as_mut(), env.clone(), message_info(who, funds), msg).unwrap();
    };
    run(
        &env,
        &renter,
        &coins(1_000_000, CREDIT),
        ExecuteMsg::Deposit { beneficiary: None },
    );
    run(
        &env,
        &sponsor,
        &coins(500_000, CREDIT),
        ExecuteMsg::Deposit {
            beneficiary: Some(team.to_string()),
        },
    );
    run(
        &env,
        &provider,
        &coins(5_000, COLLATERAL),
        ExecuteMsg::RegisterProvider {
            metadata: ProviderMetadata {
                name: "gpus".into(),
                contact: None,
            },
        },
    );
    run(
        &env,
        &provider,
        &[],
        ExecuteMsg::CreateOffer {
            offer: OfferParams {
                gpu_model: "H100".into(),
                gpu_count: 8,
                memory_gib: 80,
                region: "eu-west".into(),
                asset: AssetInfoUnchecked::native(CREDIT),
                price_per_hour: Uint128::new(36_000),
                min_duration: 60,
                max_duration: 86_400,
                slots: 2,
            },
        },
    );
    run(
        &env,
        &renter,
        &[],
        ExecuteMsg::OpenLease {
            offer_id: 1,
            duration: 7_200,
            max_price_per_hour: Uint128::new(36_000),
        },
    );
    env.block.time = env.block.time.plus_seconds(8_000);
    env.block.height += 200;
    run(
        &env,
        &renter,
        &[],
        ExecuteMsg::Settle { lease_ids: vec![1] },
    );
    let accounts = [provider, renter, sponsor, team].map(|a| a.to_string());
    let before_raw = raw(&deps.storage);
    let before = views(deps.as_ref(), &env, &accounts);
    cw2::set_contract_version(&mut deps.storage, CONTRACT_NAME, "0.0.1").unwrap();
    migrate(deps.as_mut(), env.clone(), MigrateMsg {}).unwrap();
    assert_eq!(raw(&deps.storage), before_raw, "every stored byte back");
    assert_eq!(views(deps.as_ref(), &env, &accounts), before);
}
