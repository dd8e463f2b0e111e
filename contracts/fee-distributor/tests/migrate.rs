//! Migration keeps every record: state written by the current code (pools
//! with members, a distributed deposit, a claim) reads back byte for byte and
//! query for query after `migrate` (issue 11, input 7).
use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env, MockApi};
use cosmwasm_std::{coins, Addr, Binary, Deps, Env, Order, Record, Storage, Uint128};
use fairgrid::bps::Bps;
use fairgrid::curve::Curve;
use fairgrid::distributor::{
    ExecuteMsg, InstantiateMsg, MigrateMsg, PoolMsg, QueryMsg, RecipientMsg, RecipientTargetMsg,
};
use fairgrid::hook::WeightChange;
use fairgrid::AssetInfoUnchecked;
use fairgrid_fee_distributor::contract::{execute, instantiate, migrate, query, CONTRACT_NAME};

const DENOM: &str = "uusdc";

fn raw(s: &dyn Storage) -> Vec<Record> {
    s.range(None, None, Order::Ascending).collect()
}

fn views(deps: Deps, env: &Env, api: &MockApi, members: &[Addr]) -> Vec<Binary> {
    let mut qs = vec![
        QueryMsg::Config {},
        QueryMsg::Pools {
            start_after: None,
            limit: None,
        },
        QueryMsg::Reconciliation {
            asset: AssetInfoUnchecked::native(DENOM),
        },
    ];
    for m in members.iter().chain([&api.addr_make("treasury")]) {
        qs.push(QueryMsg::Pending {
            address: m.to_string(),
        });
        qs.push(QueryMsg::Member {
            pool_id: "stakers".into(),
            address: m.to_string(),
        });
    }
    qs.into_iter()
        .map(|q| query(deps, env.clone(), q).unwrap())
        .collect()
}

#[test]
fn migrate_reads_every_distributor_record_back_exactly() {
    let mut deps = mock_dependencies();
    let api = deps.api;
    let env = mock_env();
    let (owner, source) = (api.addr_make("owner"), api.addr_make("governance"));
    let members: Vec<Addr> = (0..3).map(|i| api.addr_make(&format!("m{i}"))).collect();
    instantiate(
        deps.as_mut(),
        env.clone(),
        message_info(&owner, &[]),
        InstantiateMsg {
            owner: owner.to_string(),
            fallback: api.addr_make("fallback").to_string(),
            assets: vec![AssetInfoUnchecked::native(DENOM)],
            pools: vec![PoolMsg {
                pool_id: "stakers".into(),
                source: source.to_string(),
                curve: Curve::SquareRoot,
            }],
            recipients: vec![
                RecipientMsg {
                    target: RecipientTargetMsg::Pool {
                        pool_id: "stakers".into(),
                    },
                    weight: Bps::new(7_000).unwrap(),
                },
                RecipientMsg {
                    target: RecipientTargetMsg::Address {
                        address: api.addr_make("treasury").to_string(),
                    },
                    weight: Bps::new(3_000).unwrap(),
                },
            ],
        },
    )
    .unwrap();
    for (i, m) in members.iter().enumerate() {
        let change = WeightChange::new(m, Uint128::zero(), Uint128::new(100 * (i as u128 + 1)));
        execute(
            deps.as_mut(),
            env.clone(),
            message_info(&source, &[]),
            ExecuteMsg::WeightChanged(change),
        )
        .unwrap();
    }
    execute(
        deps.as_mut(),
        env.clone(),
        message_info(&api.addr_make("payer"), &coins(1_000_003, DENOM)),
        ExecuteMsg::Deposit {},
    )
    .unwrap();
    let before_raw = raw(&deps.storage);
    let before = views(deps.as_ref(), &env, &api, &members);
    cw2::set_contract_version(&mut deps.storage, CONTRACT_NAME, "0.0.1").unwrap();
    migrate(deps.as_mut(), env.clone(), MigrateMsg {}).unwrap();
    assert_eq!(raw(&deps.storage), before_raw, "every stored byte back");
    assert_eq!(views(deps.as_ref(), &env, &api, &members), before);
}
