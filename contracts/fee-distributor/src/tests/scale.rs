//! Bounded work: a claim (and a weight hook) costs the same storage work
//! with 10 or 10,000 pool members. Measured by counting storage operations
//! through the contract's own entry points; prints an SDK-gas estimate of
//! the storage part (SDK KV costs, wasmd's 33-byte contract key prefix).

use std::cell::Cell;
use std::marker::PhantomData;

use cosmwasm_std::testing::{message_info, mock_env, MockApi, MockQuerier, MockStorage};
use cosmwasm_std::{coin, Addr, Empty, Order, OwnedDeps, Record, Storage, Uint128};
use fairgrid::asset::AssetInfoUnchecked;
use fairgrid::curve::Curve;
use fairgrid::distributor::{ExecuteMsg, InstantiateMsg, PoolMsg};
use fairgrid::hook::WeightChange;

use super::suite::{addr_r, burn_r, pool_r};
use crate::contract::{execute, instantiate};

const PREFIX: u64 = 33;

#[derive(Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub reads: u64,
    pub read_bytes: u64,
    pub writes: u64,
    pub write_bytes: u64,
    pub deletes: u64,
    pub range_steps: u64,
}

impl Counts {
    /// Storage part of the SDK gas: read 1000 + 3/byte, write 2000 + 30/byte,
    /// delete 1000, iterator step 30 (keys carry wasmd's 33-byte prefix).
    pub fn sdk_gas(&self) -> u64 {
        self.reads * 1_000
            + self.read_bytes * 3
            + self.writes * 2_000
            + self.write_bytes * 30
            + self.deletes * 1_000
            + self.range_steps * 30
    }

    fn ops(&self) -> (u64, u64, u64, u64) {
        (self.reads, self.writes, self.deletes, self.range_steps)
    }
}

/// `MockStorage` that counts what the contract does to it.
#[derive(Default)]
pub struct CountingStorage {
    inner: MockStorage,
    c: Cell<Counts>,
}

impl CountingStorage {
    fn bump(&self, f: impl FnOnce(&mut Counts)) {
        let mut c = self.c.get();
        f(&mut c);
        self.c.set(c);
    }
    pub fn take(&self) -> Counts {
        self.c.replace(Counts::default())
    }
}

impl Storage for CountingStorage {
    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        let v = self.inner.get(key);
        let n = PREFIX + key.len() as u64 + v.as_ref().map_or(0, |v| v.len() as u64);
        self.bump(|c| {
            c.reads += 1;
            c.read_bytes += n;
        });
        v
    }

    fn range<'a>(
        &'a self,
        start: Option<&[u8]>,
        end: Option<&[u8]>,
        order: Order,
    ) -> Box<dyn Iterator<Item = Record> + 'a> {
        let items: Vec<Record> = self.inner.range(start, end, order).collect();
        self.bump(|c| c.range_steps += items.len() as u64 + 1);
        Box::new(items.into_iter())
    }

    fn set(&mut self, key: &[u8], value: &[u8]) {
        let n = PREFIX + (key.len() + value.len()) as u64;
        self.bump(|c| {
            c.writes += 1;
            c.write_bytes += n;
        });
        self.inner.set(key, value)
    }

    fn remove(&mut self, key: &[u8]) {
        self.bump(|c| c.deletes += 1);
        self.inner.remove(key)
    }
}

type Deps = OwnedDeps<CountingStorage, MockApi, MockQuerier, Empty>;

fn setup(api: &MockApi) -> (Deps, Addr) {
    let mut deps = OwnedDeps {
        storage: CountingStorage::default(),
        api: *api,
        querier: MockQuerier::default(),
        custom_query_type: PhantomData,
    };
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
fn measure(n: usize) -> (Counts, Counts, Counts) {
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
        assert_eq!(small.ops(), big.ops(), "{what}: storage operations differ");
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
