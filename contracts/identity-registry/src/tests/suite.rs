use std::collections::BTreeMap;

use cosmwasm_std::{Addr, Order, StdResult};
use cw_multi_test::error::AnyResult;
use cw_multi_test::{App, AppResponse, ContractWrapper, Executor};
use fairgrid::identity::*;
use serde::de::DeserializeOwned;

use crate::error::ContractError;
use crate::state::{IDENTITIES, LINKS, MEMBERS, TOTAL};

pub const MAX: u32 = 3;

/// Subscribers are mirrors (packages/testing): one that records what it is
/// told, one that refuses every hook.
pub type Subscriber<'a> = Mirror<'a, IdentityHookMsg>;
pub use fairgrid_testing::{wasm_attr as attr, Snapshot};
use fairgrid_testing::{Mirror, MirrorInit, OnChain};

pub struct Suite {
    pub app: App,
    pub registry: Addr,
    pub sub: Addr,
    pub failing: Addr,
    pub owner: Addr,
    pub attester: Addr,
    pub attester2: Addr,
    pub stranger: Addr,
    pub code: u64,
}

pub fn addr(app: &App, name: &str) -> Addr {
    app.api().addr_make(name)
}

impl Suite {
    pub fn new() -> Suite {
        let mut app = App::default();
        let code = app.store_code(Box::new(
            ContractWrapper::new(
                crate::contract::execute,
                crate::contract::instantiate,
                crate::contract::query,
            )
            .with_migrate(crate::contract::migrate),
        ));
        let sub_code = app.store_code(fairgrid_testing::mirror_contract::<IdentityHookMsg>());
        let owner = addr(&app, "governance");
        let attester = addr(&app, "attester");
        let attester2 = addr(&app, "attester2");
        let stranger = addr(&app, "stranger");
        let sub = app
            .instantiate_contract(
                sub_code,
                owner.clone(),
                &MirrorInit::default(),
                &[],
                "sub",
                None,
            )
            .unwrap();
        let failing = app
            .instantiate_contract(
                sub_code,
                owner.clone(),
                &MirrorInit { fail: true },
                &[],
                "failing",
                None,
            )
            .unwrap();
        let registry = app
            .instantiate_contract(
                code,
                owner.clone(),
                &InstantiateMsg {
                    owner: owner.to_string(),
                    max_addresses: MAX,
                    attesters: vec![attester.to_string(), attester2.to_string()],
                    subscribers: vec![sub.to_string()],
                },
                &[],
                "identity-registry",
                Some(owner.to_string()),
            )
            .unwrap();
        let s = Suite {
            app,
            registry,
            sub,
            failing,
            owner,
            attester,
            attester2,
            stranger,
            code,
        };
        s.check_invariants();
        s
    }

    pub fn addr(&self, name: &str) -> Addr {
        addr(&self.app, name)
    }

    pub fn height(&self) -> u64 {
        self.app.block_info().height
    }

    /// Moves `blocks` blocks ahead.
    pub fn advance(&mut self, blocks: u64) {
        self.app.update_block(|b| {
            b.height += blocks;
            b.time = b.time.plus_seconds(5 * blocks);
        });
    }

    pub fn exec(&mut self, sender: &Addr, msg: &ExecuteMsg) -> AnyResult<AppResponse> {
        let registry = self.registry.clone();
        let res = self
            .app
            .execute_contract(sender.clone(), registry, msg, &[]);
        if res.is_ok() {
            self.check_invariants();
        }
        res
    }

    /// Executes a message that must succeed.
    pub fn ok(&mut self, sender: &Addr, msg: &ExecuteMsg) -> AppResponse {
        self.exec(sender, msg)
            .unwrap_or_else(|e| panic!("{msg:?} refused: {e:?}"))
    }

    /// Everything a refusal must leave alone: the whole raw chain state.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot::of(&self.app)
    }

    /// The message must fail with a `ContractError`, changing nothing.
    pub fn refused(&mut self, sender: &Addr, msg: &ExecuteMsg) -> ContractError {
        let err = fairgrid_testing::refused(self, |s| s.exec(sender, msg));
        fairgrid_testing::downcast(err)
    }

    pub fn q<T: DeserializeOwned>(&self, msg: &QueryMsg) -> T {
        self.app
            .wrap()
            .query_wasm_smart(self.registry.clone(), msg)
            .unwrap()
    }

    // ---------- message shorthands ----------

    /// `attester` links `who` to `identity` (new if none); returns the id.
    pub fn link_by(
        &mut self,
        attester: &Addr,
        who: &Addr,
        identity: Option<u64>,
        expires: Option<u64>,
    ) -> u64 {
        let res = self.ok(
            attester,
            &ExecuteMsg::Link {
                address: who.to_string(),
                identity,
                expires_at_height: expires,
            },
        );
        attr(&res, "identity").parse().unwrap()
    }

    pub fn link(&mut self, who: &Addr, identity: Option<u64>) -> u64 {
        let a = self.attester.clone();
        self.link_by(&a, who, identity, None)
    }

    pub fn link_msg(who: &Addr, identity: Option<u64>, expires: Option<u64>) -> ExecuteMsg {
        ExecuteMsg::Link {
            address: who.to_string(),
            identity,
            expires_at_height: expires,
        }
    }

    // ---------- queries ----------

    pub fn identity(&self, who: &Addr, at_height: Option<u64>) -> IdentityResponse {
        self.q(&QueryMsg::Identity {
            address: who.to_string(),
            at_height,
        })
    }

    pub fn member(&self, who: &Addr, at_height: Option<u64>) -> Option<u64> {
        let r: cw4::MemberResponse = self.q(&QueryMsg::Member {
            addr: who.to_string(),
            at_height,
        });
        r.weight
    }

    pub fn total(&self, at_height: Option<u64>) -> u64 {
        let r: cw4::TotalWeightResponse = self.q(&QueryMsg::TotalWeight { at_height });
        r.weight
    }

    pub fn addresses(&self, identity: u64) -> Vec<Addr> {
        let r: AddressesResponse = self.q(&QueryMsg::Addresses {
            identity,
            start_after: None,
            limit: Some(30),
        });
        r.addresses.into_iter().map(|a| a.address).collect()
    }

    pub fn sub_identity(&self, who: &Addr) -> Option<u64> {
        Subscriber::new(&self.app, &self.sub).value(who.as_str())
    }

    pub fn sub_received(&self) -> u64 {
        Subscriber::new(&self.app, &self.sub).received()
    }

    /// The registry's invariants, read from raw storage:
    /// - the total equals the number of stored links;
    /// - each identity's count equals its member entries, none is empty;
    /// - each link has its member entry, with the link's expiry, and no
    ///   member entry lacks a link;
    /// - the recording subscriber (while subscribed) holds exactly the
    ///   stored links and never saw a wrong `old`.
    pub fn check_invariants(&self) {
        let storage = RawStorage(self.app.dump_wasm_raw(&self.registry));
        let links: Vec<_> = LINKS
            .range(&storage, None, None, Order::Ascending)
            .collect::<StdResult<_>>()
            .unwrap();
        assert_eq!(TOTAL.load(&storage).unwrap(), links.len() as u64, "total");
        let members: Vec<_> = MEMBERS
            .range(&storage, None, None, Order::Ascending)
            .collect::<StdResult<_>>()
            .unwrap();
        assert_eq!(members.len(), links.len(), "one member entry per link");
        for (a, l) in &links {
            assert_eq!(
                MEMBERS.may_load(&storage, (l.identity, a)).unwrap(),
                Some(l.expires),
                "member entry of {a}"
            );
        }
        let mut counts: BTreeMap<u64, u32> = BTreeMap::new();
        for ((id, _), _) in &members {
            *counts.entry(*id).or_default() += 1;
        }
        let ids: BTreeMap<u64, u32> = IDENTITIES
            .range(&storage, None, None, Order::Ascending)
            .collect::<StdResult<_>>()
            .unwrap();
        assert_eq!(ids, counts, "identity counts");
        let subs: cw4::HooksResponse = self.q(&QueryMsg::Hooks {});
        if subs.hooks.contains(&self.sub.to_string()) {
            let told: BTreeMap<String, u64> = Subscriber::new(&self.app, &self.sub)
                .all()
                .into_iter()
                .filter_map(|(a, id)| Some((a, id?)))
                .collect();
            let stored: BTreeMap<String, u64> = links
                .iter()
                .map(|(a, l)| (a.to_string(), l.identity))
                .collect();
            assert_eq!(told, stored, "the subscriber was told every change");
            let mismatches = Subscriber::new(&self.app, &self.sub).mismatches();
            assert_eq!(mismatches, 0, "hooks report the old identity told before");
        }
    }
}

/// Raw key-value pairs read as a storage, for the invariant checker.
pub struct RawStorage(pub Vec<(Vec<u8>, Vec<u8>)>);

impl cosmwasm_std::Storage for RawStorage {
    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.0
            .iter()
            .find(|(k, _)| k.as_slice() == key)
            .map(|(_, v)| v.clone())
    }

    fn range<'a>(
        &'a self,
        start: Option<&[u8]>,
        end: Option<&[u8]>,
        order: Order,
    ) -> Box<dyn Iterator<Item = cosmwasm_std::Record> + 'a> {
        let mut items: Vec<_> = self
            .0
            .iter()
            .filter(|(k, _)| start.is_none_or(|s| k.as_slice() >= s))
            .filter(|(k, _)| end.is_none_or(|e| k.as_slice() < e))
            .cloned()
            .collect();
        items.sort();
        if order == Order::Descending {
            items.reverse();
        }
        Box::new(items.into_iter())
    }

    fn set(&mut self, _: &[u8], _: &[u8]) {
        unreachable!("read only")
    }

    fn remove(&mut self, _: &[u8]) {
        unreachable!("read only")
    }
}

impl OnChain for Suite {
    fn chain(&self) -> &App {
        &self.app
    }
}
