//! Test utilities shared by the Fairgrid suites.
//!
//! - [`MeteredStorage`]: storage that counts what a handler does to it and
//!   prices it as a Cosmos SDK chain does, so a unit test can show a message's
//!   storage work does not grow with the number of stakers, members or leases.
//! - [`cw20_base_contract`]: the real cw20-base token for multi-tests.
//! - [`chain`]: the refusal check every suite uses ([`refused`]: the whole
//!   raw chain state is unchanged), [`Snapshot`], attribute lookups.
//! - [`hooks`]: a hook receiver that mirrors what a source tells it
//!   ([`mirror_contract`], read with [`Mirror`]), or refuses every hook.

pub mod chain;
pub mod hooks;

pub use chain::{
    assert_unchanged, downcast, named_records, refused, wasm_attr, wasm_attrs, OnChain, Snapshot,
};
pub use hooks::{mirror_contract, Hook, Mirror, MirrorInit, MirrorQuery};

use std::cell::Cell;
use std::marker::PhantomData;

use cosmwasm_std::testing::{MockApi, MockQuerier, MockStorage};
use cosmwasm_std::{Empty, Order, OwnedDeps, Record, Storage};
use cw_multi_test::{Contract, ContractWrapper};

/// wasmd prefixes every contract storage key with 0x03 and the 32-byte address.
pub const KEY_PREFIX_BYTES: u64 = 33;

/// Storage operations of one or more calls.
#[derive(Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct StorageOps {
    pub reads: u64,
    pub read_bytes: u64,
    pub writes: u64,
    pub write_bytes: u64,
    pub deletes: u64,
    /// Items an iterator yielded.
    pub range_steps: u64,
    pub range_bytes: u64,
}

impl StorageOps {
    /// The storage part of the SDK gas with the SDK's default KV costs: read
    /// 1000 + 3/byte, write 2000 + 30/byte, delete 1000, iterator step 30 +
    /// 3/byte (keys carry wasmd's prefix).
    pub fn sdk_gas(&self) -> u64 {
        self.reads * 1_000
            + self.read_bytes * 3
            + self.writes * 2_000
            + self.write_bytes * 30
            + self.deletes * 1_000
            + self.range_steps * 30
            + self.range_bytes * 3
    }

    /// The shape of the work without byte counts (ids and addresses grow in
    /// length with their number): reads, writes, deletes, iterator steps.
    pub fn shape(&self) -> (u64, u64, u64, u64) {
        (self.reads, self.writes, self.deletes, self.range_steps)
    }
}

fn prefixed(len: usize) -> u64 {
    KEY_PREFIX_BYTES + len as u64
}

/// `MockStorage` that counts every operation on it.
#[derive(Default)]
pub struct MeteredStorage {
    inner: MockStorage,
    ops: Cell<StorageOps>,
}

impl MeteredStorage {
    /// The operations since the last `take`, resetting the count.
    pub fn take(&self) -> StorageOps {
        self.ops.take()
    }

    fn count(&self, f: impl FnOnce(&mut StorageOps)) {
        let mut ops = self.ops.get();
        f(&mut ops);
        self.ops.set(ops);
    }
}

impl Storage for MeteredStorage {
    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        let value = self.inner.get(key);
        let bytes = prefixed(key.len()) + value.as_ref().map_or(0, |v| v.len() as u64);
        self.count(|o| {
            o.reads += 1;
            o.read_bytes += bytes;
        });
        value
    }

    fn range<'a>(
        &'a self,
        start: Option<&[u8]>,
        end: Option<&[u8]>,
        order: Order,
    ) -> Box<dyn Iterator<Item = Record> + 'a> {
        Box::new(self.inner.range(start, end, order).inspect(|(k, v)| {
            let bytes = prefixed(k.len()) + v.len() as u64;
            self.count(|o| {
                o.range_steps += 1;
                o.range_bytes += bytes;
            });
        }))
    }

    fn set(&mut self, key: &[u8], value: &[u8]) {
        let bytes = prefixed(key.len()) + value.len() as u64;
        self.count(|o| {
            o.writes += 1;
            o.write_bytes += bytes;
        });
        self.inner.set(key, value)
    }

    fn remove(&mut self, key: &[u8]) {
        self.count(|o| o.deletes += 1);
        self.inner.remove(key)
    }
}

pub type MeteredDeps = OwnedDeps<MeteredStorage, MockApi, MockQuerier, Empty>;

/// Dependencies for calling a contract's entry points on metered storage.
pub fn metered_deps() -> MeteredDeps {
    OwnedDeps {
        storage: MeteredStorage::default(),
        api: MockApi::default(),
        querier: MockQuerier::default(),
        custom_query_type: PhantomData,
    }
}

/// The real cw20-base 2.0 token, for multi-tests.
pub fn cw20_base_contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(
        cw20_base::contract::execute,
        cw20_base::contract::instantiate,
        cw20_base::contract::query,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metered_storage_counts_and_prices_each_operation() {
        let mut s = MeteredStorage::default();
        s.set(b"k", b"value");
        assert_eq!(s.get(b"k"), Some(b"value".to_vec()));
        assert_eq!(s.get(b"none"), None);
        s.remove(b"k");
        let ops = s.take();
        assert_eq!(
            ops,
            StorageOps {
                reads: 2,
                read_bytes: (33 + 1 + 5) + (33 + 4),
                writes: 1,
                write_bytes: 33 + 1 + 5,
                deletes: 1,
                range_steps: 0,
                range_bytes: 0,
            }
        );
        assert_eq!(ops.sdk_gas(), 2_000 + 76 * 3 + 2_000 + 39 * 30 + 1_000);
        assert_eq!(s.take(), StorageOps::default(), "take resets");
    }

    #[test]
    fn iteration_counts_each_item_yielded() {
        let mut s = MeteredStorage::default();
        s.set(b"a", b"1");
        s.set(b"b", b"22");
        s.take();
        assert_eq!(s.range(None, None, Order::Ascending).count(), 2);
        let ops = s.take();
        assert_eq!((ops.range_steps, ops.range_bytes), (2, (33 + 2) + (33 + 3)));
        assert_eq!(s.range(Some(b"c"), None, Order::Ascending).count(), 0);
        assert_eq!(s.take().range_steps, 0);
    }
}
