//! Bounded work: a claim (and a weight hook) costs the same storage work
//! with 10 or 10,000 pool members. Measured by counting storage operations
//! through the contract's own entry points; prints an SDK-gas estimate of
//! the storage part (SDK KV costs, wasmd's 33-byte contract key prefix).

use cosmwasm_std::testing::{message_info, mock_env, MockApi};
use cosmwasm_std::{coin, Addr, Uint128};
use fairgrid::asset::AssetInfoUnchecked;
use fairgrid::curve::Curve;
use fairgrid::distributor::{ExecuteMsg, InstantiateMsg, PoolMsg};
use fairgrid::hook::WeightChange;
use fairgrid_testing::{metered_deps, MeteredDeps as Deps, StorageOps};

use super::suite::{addr_r, burn_r, pool_r};
use crate::contract::{execute, instantiate};

fn setup(api: &MockApi) -> (Deps, Addr) {
    let mut deps = metered_deps();
    let owner = api.addr_make("owner");
    let gov = api.addr_make("gov");
    let msg = InstantiateMsg {
        owner: owner.to_string(),
        fallback: owner.to_string(),
        assets: vec![AssetInfoUnchecked::native("ufair")],
        pools: vec![
            PoolMsg {
                pool_id: "stakers".into(),
                source: gov.to_string(),
                curve: Curve::Linear,
            },
            PoolMsg {
                pool_id: "providers".into(),
                source: api.addr_make("escrow").to_string(),
                curve: Curve::SquareRoot,
            },
        ],
        recipients: vec![
            pool_r("stakers", 4_000),
            pool_r("providers", 3_000),
            addr_r(&api.addr_make("treasury"), 2_000),
            burn_r(1_000),
        ],
    };
    instantiate(deps.as_mut(), mock_env(), message_info(&owner, &[]), msg).unwrap();
    (deps, gov)
}

fn hook(deps: &mut Deps, gov: &Addr, who: &Addr, old: u128, new: u128) {
    let msg =
        ExecuteMsg::WeightChanged(WeightChange::new(who, Uint128::new(old), Uint128::new(new)));
    execute(deps.as_mut(), mock_env(), message_info(gov, &[]), msg).unwrap();
}

/// With `n` stakers: the cost of one more staker joining, of a staker's
/// weight change, and of a claim (one pool, one asset).
fn measure(n: usize) -> (StorageOps, StorageOps, StorageOps) {
    let api = MockApi::default();
    let (mut deps, gov) = setup(&api);
    let depositor = api.addr_make("depositor");
    let members: Vec<Addr> = (0..n)
        .map(|i| api.addr_make(&format!("member{i}")))
        .collect();
    for (i, m) in members.iter().enumerate() {
        hook(&mut deps, &gov, m, 0, 1_000_000 + i as u128);
    }
    let fee = |deps: &mut Deps| {
        execute(
            deps.as_mut(),
            mock_env(),
            message_info(&depositor, &[coin(1_000_000_000_000, "ufair")]),
            ExecuteMsg::Deposit {},
        )
        .unwrap();
    };
    fee(&mut deps);
    // a newcomer joins
    let newcomer = api.addr_make("newcomer");
    deps.storage.take();
    hook(&mut deps, &gov, &newcomer, 0, 5_000_000);
    let join = deps.storage.take();
    fee(&mut deps);
    // an existing member changes weight (settles first)
    deps.storage.take();
    hook(&mut deps, &gov, &members[0], 1_000_000, 2_000_000);
    let change = deps.storage.take();
    fee(&mut deps);
    // a member claims
    deps.storage.take();
    let claim = ExecuteMsg::Claim {
        assets: None,
        recipient: None,
    };
    execute(
        deps.as_mut(),
        mock_env(),
        message_info(&members[n / 2], &[]),
        claim,
    )
    .unwrap();
    let claimed = deps.storage.take();
    (join, change, claimed)
}

#[test]
fn claim_and_hook_storage_work_is_the_same_with_10_and_10000_members() {
    let (j10, c10, cl10) = measure(10);
    let (j10k, c10k, cl10k) = measure(10_000);
    for (what, small, big) in [
        ("hook: member joins", j10, j10k),
        ("hook: weight change", c10, c10k),
        ("claim (one pool, one asset)", cl10, cl10k),
    ] {
        println!(
            "{what:<30} 10 members: {small:?} ≈ {} SDK gas (storage)\n{:<30} 10,000 members: {big:?} ≈ {} SDK gas (storage)",
            small.sdk_gas(),
            "",
            big.sdk_gas()
        );
        assert_eq!(
            small.shape(),
            big.shape(),
            "{what}: storage operations differ"
        );
        assert_eq!(big.range_steps, 0, "{what}: no iteration");
        // bytes differ only by the digits of the index values
        assert!(
            big.sdk_gas() * 100 <= small.sdk_gas() * 110,
            "{what}: within 10 %"
        );
    }
    // the claim's storage part stays well under the 39,700 SDK gas target,
    // the hook's under 30,200 (the VM part is a few hundred SDK gas)
    assert!(cl10k.sdk_gas() < 30_000, "claim {}", cl10k.sdk_gas());
    assert!(c10k.sdk_gas() < 25_000, "hook {}", c10k.sdk_gas());
}
