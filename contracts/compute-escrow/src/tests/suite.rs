use std::collections::BTreeMap;

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    coin, from_json, to_json_binary, Addr, Binary, Coin, Deps, DepsMut, Empty, Env, MessageInfo,
    Order, Response, StdResult, Uint128,
};
use cw20::{Cw20Coin, Cw20ExecuteMsg, Cw20ReceiveMsg};
use cw_multi_test::error::AnyResult;
use cw_multi_test::{App, AppResponse, ContractWrapper, Executor};
use cw_storage_plus::Map;
use fairgrid::escrow::*;
use fairgrid::{AssetInfo, AssetInfoUnchecked, Bps, WeightHookMsg};
use serde::de::DeserializeOwned;

use crate::error::ContractError;
use crate::math;
use crate::state::{CREDITS, DISPUTE_OPEN, DISPUTE_RESOLVED, LEASES, OFFERS, OWED, PROVIDERS};

pub const CREDIT: &str = "ucredit";
pub const FAIR: &str = "ufair";
pub const JUNK: &str = "ujunk";
pub const START: u128 = 1_000_000_000_000;
pub const DELAY: u64 = 600;
pub const UNBONDING: u64 = 86_400;
pub const MAX_DURATION: u64 = 30 * 86_400;
pub const MIN_COLLATERAL: u128 = 1_000;
pub const FEE_BPS: u16 = 250;
/// The price a renter agrees to in tests whose subject is not the agreed
/// price: whatever the offer asks (the `*price*agreed*` tests pin the rule).
pub const ANY_PRICE: Uint128 = Uint128::MAX;

/// A fee collector that accepts `{"deposit":{}}` natively and as a cw20
/// hook, and records what arrived per asset key. Like the distributor after
/// it stops accepting or retires an asset, it can refuse an asset
/// (`set_refused`) until told to take it again.
pub mod collector {
    use super::*;
    const GOT: Map<&str, Uint128> = Map::new("got");
    const REFUSED: Map<&str, ()> = Map::new("refused");

    #[cw_serde]
    pub enum ExecMsg {
        Deposit {},
        Receive(Cw20ReceiveMsg),
        SetRefused { key: String, refused: bool },
    }

    #[cw_serde]
    pub enum QMsg {
        Got { key: String },
    }

    fn add(deps: DepsMut, key: &str, amount: Uint128) -> StdResult<()> {
        if REFUSED.has(deps.storage, key) {
            return Err(cosmwasm_std::StdError::generic_err(format!(
                "asset {key} is not accepted"
            )));
        }
        GOT.update(deps.storage, key, |v| -> StdResult<_> {
            Ok(v.unwrap_or_default() + amount)
        })?;
        Ok(())
    }

    pub fn execute(
        mut deps: DepsMut,
        _env: Env,
        info: MessageInfo,
        msg: ExecMsg,
    ) -> StdResult<Response> {
        match msg {
            ExecMsg::Deposit {} => {
                for c in info.funds {
                    add(deps.branch(), &AssetInfo::native(c.denom).key(), c.amount)?;
                }
            }
            ExecMsg::Receive(r) => {
                let CollectorMsg::Deposit {} = from_json(&r.msg)?;
                add(deps, &AssetInfo::Cw20(info.sender).key(), r.amount)?;
            }
            ExecMsg::SetRefused { key, refused } => {
                if refused {
                    REFUSED.save(deps.storage, &key, &())?;
                } else {
                    REFUSED.remove(deps.storage, &key);
                }
            }
        }
        Ok(Response::new())
    }

    pub fn instantiate(_: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
        Ok(Response::new())
    }

    pub fn query(deps: Deps, _env: Env, msg: QMsg) -> StdResult<Binary> {
        let QMsg::Got { key } = msg;
        to_json_binary(&GOT.may_load(deps.storage, &key)?.unwrap_or_default())
    }
}

pub use fairgrid_testing::{wasm_attr as attr, Snapshot};
use fairgrid_testing::{Mirror, MirrorInit, OnChain};

/// The pool: a mirror of the weights the escrow reports (packages/testing).
pub type Pool<'a> = Mirror<'a, WeightHookMsg>;

pub struct Suite {
    pub app: App,
    pub escrow: Addr,
    pub token: Addr,
    pub bad_token: Addr,
    pub collector: Addr,
    /// A second collector governance may point the escrow at.
    pub collector2: Addr,
    pub hook: Addr,
    pub owner: Addr,
    pub arbiter: Addr,
    pub alice: Addr,
    pub bob: Addr,
    pub carol: Addr,
    pub dave: Addr,
    pub stranger: Addr,
    pub escrow_code: u64,
}

pub fn default_instantiate(s: &Suite) -> InstantiateMsg {
    InstantiateMsg {
        owner: s.owner.to_string(),
        arbiter: s.arbiter.to_string(),
        fee_collector: s.collector.to_string(),
        collateral_hook: Some(s.hook.to_string()),
        accepted_assets: vec![
            AssetInfoUnchecked::native(CREDIT),
            AssetInfoUnchecked::cw20(s.token.as_str()),
        ],
        collateral_asset: AssetInfoUnchecked::native(FAIR),
        service_asset: None,
        protocol_fee: Bps::new(FEE_BPS).unwrap(),
        min_collateral: Uint128::new(MIN_COLLATERAL),
        settlement_delay: DELAY,
        unbonding_delay: UNBONDING,
        max_lease_duration: MAX_DURATION,
    }
}

pub fn offer_params(asset: AssetInfoUnchecked, price: u128) -> OfferParams {
    OfferParams {
        gpu_model: "H100".into(),
        gpu_count: 8,
        memory_gib: 80,
        region: "eu-west".into(),
        asset,
        price_per_hour: Uint128::new(price),
        min_duration: 1,
        max_duration: 7 * 86_400,
        slots: 2,
    }
}

pub fn u(v: u128) -> Uint128 {
    Uint128::new(v)
}

impl Suite {
    pub fn new() -> Self {
        Self::with(|_| {})
    }

    /// A suite whose instantiate message `tweak` may change first.
    pub fn with(tweak: impl FnOnce(&mut InstantiateMsg)) -> Self {
        let mut app = App::default();
        let api = app.api();
        let [owner, arbiter, alice, bob, carol, dave, stranger] = [
            "owner", "arbiter", "alice", "bob", "carol", "dave", "stranger",
        ]
        .map(|n| api.addr_make(n));
        let funded = [&alice, &bob, &carol, &dave, &stranger, &owner, &arbiter];
        app.init_modules(|router, _, storage| {
            for a in funded {
                router
                    .bank
                    .init_balance(
                        storage,
                        a,
                        vec![coin(START, CREDIT), coin(START, FAIR), coin(START, JUNK)],
                    )
                    .unwrap();
            }
        });
        let cw20_code = app.store_code(fairgrid_testing::cw20_base_contract());
        let mk_token = |app: &mut App, symbol: &str| {
            app.instantiate_contract(
                cw20_code,
                owner.clone(),
                &cw20_base::msg::InstantiateMsg {
                    name: format!("{symbol} token"),
                    symbol: symbol.into(),
                    decimals: 6,
                    initial_balances: funded
                        .iter()
                        .map(|a| Cw20Coin {
                            address: a.to_string(),
                            amount: Uint128::new(START),
                        })
                        .collect(),
                    mint: None,
                    marketing: None,
                },
                &[],
                symbol,
                None,
            )
            .unwrap()
        };
        let token = mk_token(&mut app, "GPU");
        let bad_token = mk_token(&mut app, "BAD");
        let collector_code = app.store_code(Box::new(ContractWrapper::new(
            collector::execute,
            collector::instantiate,
            collector::query,
        )));
        let collector = app
            .instantiate_contract(
                collector_code,
                owner.clone(),
                &Empty {},
                &[],
                "collector",
                None,
            )
            .unwrap();
        let hook_code = app.store_code(fairgrid_testing::mirror_contract::<WeightHookMsg>());
        let hook = app
            .instantiate_contract(
                hook_code,
                owner.clone(),
                &MirrorInit::default(),
                &[],
                "hook",
                None,
            )
            .unwrap();
        let escrow_code = app.store_code(Box::new(
            ContractWrapper::new(
                crate::contract::execute,
                crate::contract::instantiate,
                crate::contract::query,
            )
            .with_reply(crate::contract::reply)
            .with_migrate(crate::contract::migrate),
        ));
        let mut s = Suite {
            app,
            escrow: Addr::unchecked(""),
            token,
            bad_token,
            collector,
            collector2: Addr::unchecked(""),
            hook,
            owner,
            arbiter,
            alice,
            bob,
            carol,
            dave,
            stranger,
            escrow_code,
        };
        let mut msg = default_instantiate(&s);
        tweak(&mut msg);
        s.escrow = s
            .app
            .instantiate_contract(
                escrow_code,
                s.owner.clone(),
                &msg,
                &[],
                "escrow",
                Some(s.owner.to_string()),
            )
            .unwrap();
        // after the escrow, so every other address stays as it was
        s.collector2 = s
            .app
            .instantiate_contract(
                collector_code,
                s.owner.clone(),
                &Empty {},
                &[],
                "collector2",
                None,
            )
            .unwrap();
        s
    }

    pub fn now(&self) -> u64 {
        self.app.block_info().time.seconds()
    }

    pub fn advance(&mut self, secs: u64) {
        self.app.update_block(|b| {
            b.time = b.time.plus_seconds(secs);
            b.height += 1;
        });
    }

    pub fn exec(
        &mut self,
        sender: &Addr,
        msg: &ExecuteMsg,
        funds: &[Coin],
    ) -> AnyResult<AppResponse> {
        self.app
            .execute_contract(sender.clone(), self.escrow.clone(), msg, funds)
    }

    pub fn ok(&mut self, sender: &Addr, msg: &ExecuteMsg, funds: &[Coin]) -> AppResponse {
        self.exec(sender, msg, funds)
            .unwrap_or_else(|e| panic!("{msg:?} failed: {e:?}"))
    }

    pub fn send_cw20(
        &mut self,
        sender: &Addr,
        token: &Addr,
        amount: u128,
        msg: &ReceiveMsg,
    ) -> AnyResult<AppResponse> {
        let send = Cw20ExecuteMsg::Send {
            contract: self.escrow.to_string(),
            amount: Uint128::new(amount),
            msg: to_json_binary(msg).unwrap(),
        };
        self.app
            .execute_contract(sender.clone(), token.clone(), &send, &[])
    }

    /// Everything a refusal must leave alone: the whole raw chain state
    /// (every contract's storage, cw20 and bank balances).
    pub fn snapshot(&self) -> Snapshot {
        Snapshot::of(&self.app)
    }

    /// Runs a message that must fail; asserts nothing changed and returns
    /// the typed error.
    pub fn refused(&mut self, sender: &Addr, msg: &ExecuteMsg, funds: &[Coin]) -> ContractError {
        let err = fairgrid_testing::refused(self, |s| s.exec(sender, msg, funds));
        fairgrid_testing::downcast(err)
    }

    pub fn refused_cw20(
        &mut self,
        sender: &Addr,
        token: &Addr,
        amount: u128,
        msg: &ReceiveMsg,
    ) -> ContractError {
        let err = fairgrid_testing::refused(self, |s| s.send_cw20(sender, token, amount, msg));
        fairgrid_testing::downcast(err)
    }

    pub fn q<T: DeserializeOwned>(&self, msg: &QueryMsg) -> T {
        self.app
            .wrap()
            .query_wasm_smart(self.escrow.clone(), msg)
            .unwrap()
    }

    pub fn balance(&self, who: &Addr, denom: &str) -> Uint128 {
        self.app.wrap().query_balance(who, denom).unwrap().amount
    }

    pub fn cw20_balance(&self, token: &Addr, who: &Addr) -> Uint128 {
        let r: cw20::BalanceResponse = self
            .app
            .wrap()
            .query_wasm_smart(
                token,
                &cw20::Cw20QueryMsg::Balance {
                    address: who.to_string(),
                },
            )
            .unwrap();
        r.balance
    }

    /// What the collectors (the first and the second) received in `asset`.
    pub fn collector_got(&self, asset: &AssetInfo) -> Uint128 {
        [&self.collector, &self.collector2]
            .into_iter()
            .map(|c| -> Uint128 {
                self.app
                    .wrap()
                    .query_wasm_smart(c.clone(), &collector::QMsg::Got { key: asset.key() })
                    .unwrap()
            })
            .sum()
    }

    pub fn hook_weight(&self, who: &Addr) -> Uint128 {
        Pool::new(&self.app, &self.hook).value(who.as_str())
    }

    /// The last weight change the hook heard about `who`, if any.
    pub fn hook_last(&self, who: &Addr) -> Option<fairgrid::WeightChange> {
        Pool::new(&self.app, &self.hook)
            .log()
            .into_iter()
            .rev()
            .map(|WeightHookMsg::WeightChanged(c)| c)
            .find(|c| c.account == who.as_str())
    }

    pub fn credits(&self, who: &Addr, asset: &AssetInfo) -> Uint128 {
        let r: CreditsResponse = self.q(&QueryMsg::Credits {
            account: who.to_string(),
            start_after: None,
            limit: Some(30),
        });
        r.credits
            .into_iter()
            .find(|a| a.info == *asset)
            .map(|a| a.amount)
            .unwrap_or_default()
    }

    pub fn lease(&self, lease_id: u64) -> LeaseResponse {
        self.q(&QueryMsg::Lease { lease_id })
    }

    pub fn amounts(&self, lease_id: u64) -> LeaseAmountsResponse {
        self.q(&QueryMsg::LeaseAmounts { lease_id })
    }

    pub fn provider(&self, who: &Addr) -> ProviderResponse {
        self.q(&QueryMsg::Provider {
            address: who.to_string(),
        })
    }

    pub fn offer(&self, offer_id: u64) -> OfferResponse {
        self.q(&QueryMsg::Offer { offer_id })
    }

    pub fn credit() -> AssetInfo {
        AssetInfo::native(CREDIT)
    }

    pub fn gpu(&self) -> AssetInfo {
        AssetInfo::Cw20(self.token.clone())
    }

    // ---- common steps ----

    pub fn register(&mut self, who: &Addr, collateral: u128) {
        let who = who.clone();
        self.ok(
            &who,
            &ExecuteMsg::RegisterProvider {
                metadata: ProviderMetadata {
                    name: "rack".into(),
                    contact: None,
                },
            },
            &[coin(collateral, FAIR)],
        );
    }

    pub fn create_offer(&mut self, who: &Addr, params: OfferParams) -> u64 {
        let who = who.clone();
        let res = self.ok(&who, &ExecuteMsg::CreateOffer { offer: params }, &[]);
        attr(&res, "offer_id").parse().unwrap()
    }

    /// carol registered with an offer in ucredit at `price` per hour.
    pub fn provider_with_offer(&mut self, price: u128) -> u64 {
        let carol = self.carol.clone();
        self.register(&carol, 10_000);
        self.create_offer(
            &carol,
            offer_params(AssetInfoUnchecked::native(CREDIT), price),
        )
    }

    pub fn deposit(&mut self, who: &Addr, amount: u128) {
        let who = who.clone();
        self.ok(
            &who,
            &ExecuteMsg::Deposit { beneficiary: None },
            &[coin(amount, CREDIT)],
        );
    }

    pub fn open(&mut self, who: &Addr, offer_id: u64, duration: u64) -> u64 {
        let who = who.clone();
        let res = self.ok(
            &who,
            &ExecuteMsg::OpenLease {
                offer_id,
                duration,
                max_price_per_hour: ANY_PRICE,
            },
            &[],
        );
        attr(&res, "lease_id").parse().unwrap()
    }

    /// `sponsor` grants `grantee` up to `limit` ucredit; returns the id.
    pub fn grant(
        &mut self,
        sponsor: &Addr,
        grantee: &Addr,
        limit: u128,
        expires: Option<u64>,
    ) -> u64 {
        let sponsor = sponsor.clone();
        let res = self.ok(
            &sponsor,
            &ExecuteMsg::CreateGrant {
                grantee: grantee.to_string(),
                asset: AssetInfoUnchecked::native(CREDIT),
                limit: Uint128::new(limit),
                expires,
            },
            &[],
        );
        attr(&res, "grant_id").parse().unwrap()
    }

    pub fn open_from_grant(
        &mut self,
        grantee: &Addr,
        grant_id: u64,
        offer_id: u64,
        duration: u64,
    ) -> u64 {
        let who = grantee.clone();
        let res = self.ok(
            &who,
            &ExecuteMsg::OpenLeaseFromGrant {
                grant_id,
                offer_id,
                duration,
                max_price_per_hour: ANY_PRICE,
            },
            &[],
        );
        attr(&res, "lease_id").parse().unwrap()
    }

    pub fn grant_info(&self, grant_id: u64) -> GrantResponse {
        self.q(&QueryMsg::Grant { grant_id })
    }

    pub fn claim(&mut self, who: &Addr, ids: Vec<u64>) -> AppResponse {
        let who = who.clone();
        self.ok(&who, &ExecuteMsg::ClaimEarnings { lease_ids: ids }, &[])
    }

    /// A claim of one lease that must be skipped for `reason`: it succeeds,
    /// reports the skip, and changes no storage and no balance.
    pub fn claim_skipped(&mut self, who: &Addr, lease_id: u64, reason: &str) {
        let before = self.snapshot();
        let res = self.claim(who, vec![lease_id]);
        assert_eq!(attr(&res, "skipped"), lease_id.to_string());
        assert_eq!(attr(&res, "skip_reason"), reason);
        assert_eq!(before, self.snapshot(), "a skipped claim changed state");
    }

    /// Protocol fees owed to the collector in `asset`, not yet forwarded.
    pub fn fees_owed(&self, asset: &AssetInfo) -> Uint128 {
        let r: SolvencyResponse = self.q(&QueryMsg::Solvency {
            start_after: None,
            limit: Some(30),
        });
        r.assets
            .into_iter()
            .find(|a| a.asset == *asset)
            .map(|a| a.fees_owed)
            .unwrap_or_default()
    }

    /// Anyone (the stranger) forwards the fees owed in both lease assets.
    pub fn forward_fees(&mut self) -> AppResponse {
        let (stranger, token) = (self.stranger.clone(), self.token.clone());
        self.ok(
            &stranger,
            &ExecuteMsg::ForwardFees {
                assets: vec![
                    AssetInfoUnchecked::native(CREDIT),
                    AssetInfoUnchecked::cw20(token.as_str()),
                ],
            },
            &[],
        )
    }

    /// Checks the SPEC invariants against the contract's own storage:
    /// conservation (held == owed == the sum of every record, per asset),
    /// exact fee and provider payouts (no overpayment), slot and dispute
    /// counters, bounded claims, and the hook's view of collateral.
    /// Returns each provider's total net payout per asset key.
    pub fn check_invariants(&self) -> BTreeMap<(Addr, String), Uint128> {
        let store = self.app.contract_storage(&self.escrow);
        let now = self.now();
        let cfg = crate::state::CONFIG.load(&*store).unwrap();
        let mut owed: BTreeMap<String, Uint128> = BTreeMap::new();
        for r in CREDITS.range(&*store, None, None, Order::Ascending) {
            let ((_, key), amount) = r.unwrap();
            assert!(!amount.is_zero(), "zero credit records are removed");
            *owed.entry(key).or_default() += amount;
        }
        let mut used: BTreeMap<u64, u32> = BTreeMap::new();
        let mut disputes: BTreeMap<Addr, u32> = BTreeMap::new();
        let mut fees: BTreeMap<String, Uint128> = BTreeMap::new();
        let mut nets: BTreeMap<(Addr, String), Uint128> = BTreeMap::new();
        for r in LEASES.range(&*store, None, None, Order::Ascending) {
            let (id, l) = r.unwrap();
            let offer = OFFERS.load(&*store, l.offer_id).unwrap();
            let accrued_end = math::accrued(l.price_per_hour, l.start, l.end, l.end).unwrap();
            assert!(
                accrued_end <= l.reservation,
                "lease {id} accrues past its reservation"
            );
            assert!(
                l.claimed <= accrued_end,
                "lease {id} paid more than accrued"
            );
            let part = if l.dispute == DISPUTE_RESOLVED {
                assert!(l.settled, "resolved lease {id} is settled");
                Uint128::zero()
            } else {
                let claimable = math::claimable_total(
                    l.price_per_hour,
                    l.start,
                    l.end,
                    l.settlement_delay,
                    now,
                )
                .unwrap();
                assert!(
                    l.claimed <= claimable,
                    "lease {id} claimed before it was due"
                );
                if l.settled {
                    accrued_end - l.claimed
                } else {
                    l.reservation - l.claimed
                }
            };
            *owed.entry(offer.asset.clone()).or_default() += part;
            if !l.settled {
                *used.entry(l.offer_id).or_default() += 1;
            }
            if l.dispute == DISPUTE_OPEN {
                *disputes.entry(offer.provider.clone()).or_default() += 1;
            }
            let fee = math::fee(l.claimed, l.fee);
            *fees.entry(offer.asset.clone()).or_default() += fee;
            *nets
                .entry((offer.provider.clone(), offer.asset.clone()))
                .or_default() += l.claimed - fee;
        }
        // a grant's `spent` is what its leases hold or paid out: the whole
        // reservation while unsettled, what accrued once settled, what the
        // provider was paid once resolved; never above its limit
        let mut grant_spent: BTreeMap<u64, Uint128> = BTreeMap::new();
        for r in LEASES.range(&*store, None, None, Order::Ascending) {
            let (_, l) = r.unwrap();
            let Some(g) = l.grant else { continue };
            let part = if !l.settled {
                l.reservation
            } else if l.dispute == DISPUTE_RESOLVED {
                l.claimed
            } else {
                math::accrued(l.price_per_hour, l.start, l.end, l.end).unwrap()
            };
            *grant_spent.entry(g).or_default() += part;
        }
        for r in crate::state::GRANTS.range(&*store, None, None, Order::Ascending) {
            let (id, g) = r.unwrap();
            assert_eq!(
                g.spent,
                grant_spent.get(&id).copied().unwrap_or_default(),
                "grant {id} spent"
            );
            assert!(g.spent <= g.limit, "grant {id} over its limit");
        }
        let mut live: BTreeMap<Addr, u32> = BTreeMap::new();
        for r in OFFERS.range(&*store, None, None, Order::Ascending) {
            let (id, o) = r.unwrap();
            let u = used.get(&id).copied().unwrap_or_default();
            let stored = crate::state::OFFER_USED
                .may_load(&*store, id)
                .unwrap()
                .unwrap_or_default()
                .used;
            assert_eq!(stored, u, "offer {id} slot count");
            assert!(u <= o.slots, "offer {id} over its slots");
            if !o.closed || u > 0 {
                *live.entry(o.provider.clone()).or_default() += 1;
            }
        }
        let hook_mismatches = Pool::new(&self.app, &self.hook).mismatches();
        assert_eq!(hook_mismatches, 0, "hook saw an old weight it did not have");
        for r in PROVIDERS.range(&*store, None, None, Order::Ascending) {
            let (addr, p) = r.unwrap();
            *owed.entry(cfg.collateral_asset.key()).or_default() += p.collateral + p.unbonding;
            assert_eq!(
                p.open_disputes,
                disputes.get(&addr).copied().unwrap_or_default()
            );
            assert_eq!(p.live_offers, live.get(&addr).copied().unwrap_or_default());
            if cfg.collateral_hook.as_ref() == Some(&self.hook) {
                let weight = crate::state::RECORDS
                    .may_load(&*store, &addr)
                    .unwrap()
                    .unwrap_or_default()
                    .weight;
                assert_eq!(self.hook_weight(&addr), weight, "hook weight of {addr}");
            }
        }
        // fees not yet forwarded and dispute bonds are owed too
        let fees_owed: BTreeMap<String, Uint128> = OWED
            .range(&*store, None, None, Order::Ascending)
            .map(|r| r.unwrap())
            .map(|(k, o)| (k, o.fees))
            .filter(|(_, f)| !f.is_zero())
            .collect();
        for (key, fee) in &fees_owed {
            *owed.entry(key.clone()).or_default() += *fee;
        }
        for r in crate::state::DISPUTE_BOND.range(&*store, None, None, Order::Ascending) {
            let (id, bond) = r.unwrap();
            let l = LEASES.load(&*store, id).unwrap();
            assert_eq!(
                l.dispute, DISPUTE_OPEN,
                "a bond is held only while disputed"
            );
            let key = OFFERS.load(&*store, l.offer_id).unwrap().asset;
            *owed.entry(key).or_default() += bond;
        }
        // the incremental totals equal the records, and the holdings equal both
        let stored: BTreeMap<String, Uint128> = OWED
            .range(&*store, None, None, Order::Ascending)
            .map(|r| r.unwrap())
            .map(|(k, o)| (k, o.total))
            .filter(|(_, v)| !v.is_zero())
            .collect();
        let computed: BTreeMap<String, Uint128> =
            owed.into_iter().filter(|(_, v)| !v.is_zero()).collect();
        assert_eq!(stored, computed, "incremental owed totals");
        let solvency: SolvencyResponse = self.q(&QueryMsg::Solvency {
            start_after: None,
            limit: Some(30),
        });
        for a in &solvency.assets {
            assert_eq!(a.held, a.owed, "held == owed for {}", a.asset);
        }
        // every fee cut is either forwarded or still owed to the collector
        for asset in [Self::credit(), self.gpu()] {
            let expected = fees.get(&asset.key()).copied().unwrap_or_default();
            let still = fees_owed.get(&asset.key()).copied().unwrap_or_default();
            assert_eq!(
                self.collector_got(&asset) + still,
                expected,
                "fees of {asset}"
            );
        }
        nets
    }
}

impl OnChain for Suite {
    fn chain(&self) -> &App {
        &self.app
    }
}
