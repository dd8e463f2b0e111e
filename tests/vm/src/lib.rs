//! Runs the optimized Fairgrid artifacts in the real CosmWasm VM.
//!
//! Each call gets a fresh VM instance over the contract's persistent storage,
//! as on a chain. Storage is wrapped to count reads, writes and bytes, so a
//! call's cost can be estimated the way a Cosmos SDK chain charges it.

pub mod report;
pub mod scenarios;
pub mod size;

use std::cell::Cell;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use cosmwasm_std::{
    Addr, Checksum, Coin, ContractResult, Empty, Env, MessageInfo, Order, Response,
};
use cosmwasm_vm::internals::{check_wasm, compile, make_compiling_engine, Logger};
use cosmwasm_vm::testing::{MockApi, MockQuerier, MockStorage, MOCK_CONTRACT_ADDR};
use cosmwasm_vm::{
    call_execute, call_instantiate, call_migrate, call_query, call_reply, capabilities_from_csv,
    Backend, BackendResult, Cache, CacheOptions, Instance, InstanceOptions, Size, Storage,
    WasmLimits,
};
use serde_json::Value;

/// What a CosmWasm 2.0 chain offers. Checking against it (not the VM's newest
/// set) proves the artifacts run on 2.x and 3.x chains alike.
pub const CHAIN_CAPABILITIES: &str =
    "iterator,staking,stargate,cosmwasm_1_1,cosmwasm_1_2,cosmwasm_1_3,cosmwasm_1_4,cosmwasm_2_0";

/// Gas a single call may use: far above any Fairgrid message.
pub const GAS_LIMIT: u64 = 500_000_000_000;

/// Gas for a batch of set-up calls.
pub const BATCH_GAS_LIMIT: u64 = 1 << 60;

/// wasmd: 1 SDK gas per 140,000 CosmWasm gas.
pub const GAS_MULTIPLIER: u64 = 140_000;

/// wasmd prefixes every contract storage key with 0x03 and the 32-byte address.
pub const KEY_PREFIX_BYTES: u64 = 33;

pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Where cargo writes (`CARGO_TARGET_DIR`, relative to the workspace when not
/// absolute, or `target/`): the main job reads rustc's raw wasm from there.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => workspace_root().join(dir),
        None => workspace_root().join("target"),
    }
}

/// File names of the artifacts the main job builds: one per `contracts/*`.
pub fn artifact_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(workspace_root().join("contracts"))
        .expect("contracts/ exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("Cargo.toml").exists())
        .map(|e| {
            format!(
                "fairgrid_{}.wasm",
                e.file_name().to_string_lossy().replace('-', "_")
            )
        })
        .collect();
    names.sort();
    names
}

/// Loads `artifacts/<file>`; panics with the command that builds it.
pub fn load_artifact(file: &str) -> Vec<u8> {
    let path = workspace_root().join("artifacts").join(file);
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}; build the artifacts first: scripts/build-artifacts.sh",
            path.display()
        )
    })
}

/// What a chain does on upload, as cosmwasm-check does it: the VM's static
/// checks, then compiling the module (which refuses post-MVP opcodes).
pub fn check_artifact(wasm: &[u8]) -> Result<(), String> {
    let capabilities: HashSet<String> = capabilities_from_csv(CHAIN_CAPABILITIES);
    check_wasm(wasm, &capabilities, &WasmLimits::default(), Logger::Off)
        .map_err(|e| e.to_string())?;
    let engine = make_compiling_engine(None, None);
    compile(&engine, wasm)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Storage operations of one call, and what a Cosmos SDK chain charges for them
/// with its default KV gas config.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StorageOps {
    pub reads: u64,
    pub read_bytes: u64,
    pub writes: u64,
    pub write_bytes: u64,
    pub deletes: u64,
    pub iter_steps: u64,
    pub iter_bytes: u64,
    /// Which records were read (hits and misses) and written.
    pub read: Touched,
    pub written: Touched,
}

/// The first [`Touched::MAX`] reads or writes of a call: each key's storage
/// namespace (cw-storage-plus's length-prefixed namespace, or an `Item`'s
/// whole key, up to 8 bytes) and the bytes it was charged for (prefixed key
/// and value). Fixed-size so a call's cost stays `Copy`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Touched {
    len: usize,
    namespaces: [[u8; 8]; Touched::MAX],
    namespace_lens: [u8; Touched::MAX],
    bytes: [u64; Touched::MAX],
}

impl Touched {
    pub const MAX: usize = 16;

    fn push(&mut self, key: &[u8], bytes: u64) {
        if self.len == Self::MAX {
            return;
        }
        let ns = match key {
            [0, n, rest @ ..] if *n > 0 && rest.len() >= *n as usize => &rest[..*n as usize],
            _ => key,
        };
        let n = ns.len().min(8);
        self.namespaces[self.len][..n].copy_from_slice(&ns[..n]);
        self.namespace_lens[self.len] = n as u8;
        self.bytes[self.len] = bytes;
        self.len += 1;
    }

    /// `(namespace, bytes)` per write, in the order written.
    pub fn entries(&self) -> Vec<(String, u64)> {
        (0..self.len)
            .map(|i| {
                let ns = &self.namespaces[i][..self.namespace_lens[i] as usize];
                (ns.escape_ascii().to_string(), self.bytes[i])
            })
            .collect()
    }
}

impl StorageOps {
    /// read 1000 + 3/byte, write 2000 + 30/byte, delete 1000, iterator step 30 + 3/byte.
    pub fn sdk_gas(&self) -> u64 {
        self.reads * 1_000
            + self.read_bytes * 3
            + self.writes * 2_000
            + self.write_bytes * 30
            + self.deletes * 1_000
            + self.iter_steps * 30
            + self.iter_bytes * 3
    }
}

/// `MockStorage` that counts what a call does to it.
#[derive(Default)]
pub struct CountingStorage {
    inner: MockStorage,
    ops: Cell<StorageOps>,
}

impl CountingStorage {
    pub fn take_ops(&self) -> StorageOps {
        self.ops.take()
    }

    fn count(&self, f: impl FnOnce(&mut StorageOps)) {
        let mut ops = self.ops.get();
        f(&mut ops);
        self.ops.set(ops);
    }
}

fn prefixed(len: usize) -> u64 {
    len as u64 + KEY_PREFIX_BYTES
}

impl Storage for CountingStorage {
    fn get(&self, key: &[u8]) -> BackendResult<Option<Vec<u8>>> {
        let (result, gas) = self.inner.get(key);
        let value_len = result
            .as_ref()
            .ok()
            .and_then(|v| v.as_ref())
            .map_or(0, |v| v.len());
        let bytes = prefixed(key.len()) + value_len as u64;
        self.count(|o| {
            o.reads += 1;
            o.read_bytes += bytes;
            o.read.push(key, bytes);
        });
        (result, gas)
    }

    fn scan(
        &mut self,
        start: Option<&[u8]>,
        end: Option<&[u8]>,
        order: Order,
    ) -> BackendResult<u32> {
        self.inner.scan(start, end, order)
    }

    fn next(&mut self, iterator_id: u32) -> BackendResult<Option<cosmwasm_std::Record>> {
        let (result, gas) = self.inner.next(iterator_id);
        let bytes = result
            .as_ref()
            .ok()
            .and_then(|r| r.as_ref())
            .map_or(0, |(k, v)| prefixed(k.len()) + v.len() as u64);
        self.count(|o| {
            o.iter_steps += 1;
            o.iter_bytes += bytes;
        });
        (result, gas)
    }

    fn set(&mut self, key: &[u8], value: &[u8]) -> BackendResult<()> {
        let bytes = prefixed(key.len()) + value.len() as u64;
        self.count(|o| {
            o.writes += 1;
            o.write_bytes += bytes;
            o.written.push(key, bytes);
        });
        self.inner.set(key, value)
    }

    fn remove(&mut self, key: &[u8]) -> BackendResult<()> {
        self.count(|o| o.deletes += 1);
        self.inner.remove(key)
    }
}

/// What one call cost.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cost {
    /// CosmWasm gas used by the call (VM and host functions).
    pub vm_gas: u64,
    pub storage: StorageOps,
}

impl Cost {
    /// The SDK-gas estimate: CosmWasm gas / 140,000 + the storage charges.
    pub fn sdk_gas(&self) -> u64 {
        self.vm_gas.div_ceil(GAS_MULTIPLIER) + self.storage.sdk_gas()
    }
}

pub type VmBackend = Backend<MockApi, CountingStorage, MockQuerier>;

/// One deployed contract: its compiled code, its storage and the chain around it.
pub struct Contract {
    cache: Cache<MockApi, CountingStorage, MockQuerier>,
    checksum: Checksum,
    backend: Option<VmBackend>,
    pub address: Addr,
}

/// A fresh directory for one contract's module cache.
fn cache_dir() -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("fairgrid-vm-{}-{n}", std::process::id()))
}

/// A call's outcome: the contract's response (or its error text) and its cost.
pub struct Call<T> {
    pub result: Result<T, String>,
    pub cost: Cost,
}

impl<T: std::fmt::Debug> Call<T> {
    /// The response, or a panic naming what the contract refused.
    pub fn unwrap(self) -> T {
        self.result
            .unwrap_or_else(|e| panic!("contract refused: {e}"))
    }

    pub fn unwrap_err(self) -> String {
        match self.result {
            Ok(r) => panic!("expected an error, got {r:?}"),
            Err(e) => e,
        }
    }
}

impl Contract {
    /// Loads `artifacts/<file>` at the VM's mock contract address.
    pub fn load(file: &str) -> Self {
        Self::from_wasm(load_artifact(file))
    }

    /// Compiles the code once, as a chain does on upload; every call then
    /// gets a fresh instance of the cached module.
    pub fn from_wasm(wasm: Vec<u8>) -> Self {
        let options = CacheOptions::new(
            cache_dir(),
            capabilities_from_csv(CHAIN_CAPABILITIES),
            Size::mebi(64),
            Size::mebi(32),
        );
        // SAFETY: the directory is new and used by this cache alone.
        let cache = unsafe { Cache::new(options) }.expect("module cache");
        let checksum = cache
            .store_code(&wasm, true, true)
            .expect("artifact passes the upload check");
        let backend = Backend {
            api: MockApi::default(),
            storage: CountingStorage::default(),
            querier: MockQuerier::new(&[]),
        };
        Contract {
            cache,
            checksum,
            backend: Some(backend),
            address: Addr::unchecked(MOCK_CONTRACT_ADDR),
        }
    }

    /// The querier, to set bank balances or answer cross-contract queries.
    pub fn querier_mut(&mut self) -> &mut MockQuerier {
        &mut self.backend.as_mut().expect("backend present").querier
    }

    /// A valid bech32 address for a name, as the VM's mock API makes them.
    pub fn addr(&self, name: &str) -> String {
        MockApi::default().addr_make(name)
    }

    /// The environment at `height` / `seconds` with this contract's address.
    pub fn env_at(&self, height: u64, seconds: u64) -> Env {
        let mut env = cosmwasm_vm::testing::mock_env();
        env.block.height = height;
        env.block.time = cosmwasm_std::Timestamp::from_seconds(seconds);
        env.contract.address = self.address.clone();
        env
    }

    pub fn info(&self, sender: &str, funds: &[Coin]) -> MessageInfo {
        MessageInfo {
            sender: Addr::unchecked(sender),
            funds: funds.to_vec(),
        }
    }

    fn with_instance<R>(
        &mut self,
        call: impl FnOnce(&mut Instance<MockApi, CountingStorage, MockQuerier>) -> R,
    ) -> (R, Cost) {
        let backend = self.backend.take().expect("backend present");
        backend.storage.take_ops();
        let options = InstanceOptions {
            gas_limit: GAS_LIMIT,
        };
        let mut instance = self
            .cache
            .get_instance(&self.checksum, backend, options)
            .expect("cached module instantiates");
        let before = instance.get_gas_left();
        let out = call(&mut instance);
        let vm_gas = before - instance.get_gas_left();
        let backend = instance.recycle().expect("backend returned");
        let storage = backend.storage.take_ops();
        self.backend = Some(backend);
        (out, Cost { vm_gas, storage })
    }

    pub fn instantiate(&mut self, env: &Env, info: &MessageInfo, msg: &Value) -> Call<Response> {
        let msg = serde_json::to_vec(msg).expect("json");
        let (result, cost) =
            self.with_instance(|i| call_instantiate::<_, _, _, Empty>(i, env, info, &msg));
        Call {
            result: flatten(result),
            cost,
        }
    }

    pub fn execute(&mut self, env: &Env, info: &MessageInfo, msg: &Value) -> Call<Response> {
        let msg = serde_json::to_vec(msg).expect("json");
        let (result, cost) =
            self.with_instance(|i| call_execute::<_, _, _, Empty>(i, env, info, &msg));
        Call {
            result: flatten(result),
            cost,
        }
    }

    /// Executes a step of a scenario: it must succeed (a refusal panics with
    /// `label`) and report `action`. Returns the response and the call's cost.
    pub fn execute_action(
        &mut self,
        env: &Env,
        info: &MessageInfo,
        msg: &Value,
        label: &str,
        action: &str,
    ) -> (Response, Cost) {
        let call = self.execute(env, info, msg);
        let res = call.result.unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(attr(&res, "action"), Some(action), "{label}");
        (res, call.cost)
    }

    /// Runs many set-up calls on one instance, unmeasured, each required to
    /// succeed: how a scenario fills storage with thousands of entries.
    pub fn execute_batch(&mut self, calls: impl IntoIterator<Item = (Env, MessageInfo, Value)>) {
        let backend = self.backend.take().expect("backend present");
        let options = InstanceOptions {
            gas_limit: BATCH_GAS_LIMIT,
        };
        let mut instance = self
            .cache
            .get_instance(&self.checksum, backend, options)
            .expect("cached module instantiates");
        for (n, (env, info, msg)) in calls.into_iter().enumerate() {
            let msg = serde_json::to_vec(&msg).expect("json");
            if let Err(e) = flatten(call_execute::<_, _, _, Empty>(
                &mut instance,
                &env,
                &info,
                &msg,
            )) {
                panic!("set-up call {n} refused: {e}");
            }
        }
        let backend = instance.recycle().expect("backend returned");
        backend.storage.take_ops();
        self.backend = Some(backend);
    }

    pub fn migrate(&mut self, env: &Env, msg: &Value) -> Call<Response> {
        let msg = serde_json::to_vec(msg).expect("json");
        let (result, cost) = self.with_instance(|i| call_migrate::<_, _, _, Empty>(i, env, &msg));
        Call {
            result: flatten(result),
            cost,
        }
    }

    /// Calls the `reply` export, as the chain does after a sub-message with a
    /// reply; `msg` is the `Reply` the chain would send.
    pub fn reply(&mut self, env: &Env, msg: &cosmwasm_std::Reply) -> Call<Response> {
        let (result, cost) = self.with_instance(|i| call_reply::<_, _, _, Empty>(i, env, msg));
        Call {
            result: flatten(result),
            cost,
        }
    }

    pub fn query(&mut self, env: &Env, msg: &Value) -> Call<Value> {
        let msg = serde_json::to_vec(msg).expect("json");
        let (result, cost) = self.with_instance(|i| call_query(i, env, &msg));
        let result = flatten(result).and_then(|bin| {
            serde_json::from_slice(bin.as_slice())
                .map_err(|e| format!("query answer is not JSON: {e}"))
        });
        Call { result, cost }
    }
}

fn flatten<T>(r: cosmwasm_vm::VmResult<ContractResult<T>>) -> Result<T, String> {
    match r {
        Ok(ContractResult::Ok(v)) => Ok(v),
        Ok(ContractResult::Err(e)) => Err(e),
        Err(e) => Err(format!("VM error: {e}")),
    }
}

/// The value of attribute `key` in a response, if any.
pub fn attr<'a>(res: &'a Response, key: &str) -> Option<&'a str> {
    res.attributes
        .iter()
        .find(|a| a.key == key)
        .map(|a| a.value.as_str())
}
