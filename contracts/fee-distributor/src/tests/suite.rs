//! Multi-test harness: the distributor, two real cw20-base tokens (one
//! accepted, one not), plain source addresses for the pools, and the
//! invariant checker run after every step of the scenario tests.

use cosmwasm_std::{coin, to_json_binary, Addr, Coin, Empty, Uint128, Uint256};
use cw20::{BalanceResponse, Cw20Coin, Cw20ExecuteMsg, Cw20QueryMsg, TokenInfoResponse};
use cw_multi_test::error::AnyResult;
use cw_multi_test::{App, AppResponse, Contract, ContractWrapper, Executor};
use fairgrid::asset::{AssetInfo, AssetInfoUnchecked};
use fairgrid::bps::Bps;
use fairgrid::curve::Curve;
use fairgrid::distributor::{
    ConfigResponse, ExecuteMsg, InstantiateMsg, MemberResponse, MembersResponse, PendingResponse,
    PoolMsg, PoolsResponse, QueryMsg, ReceiveMsg, RecipientMsg, RecipientTargetMsg,
    ReconciliationResponse,
};
use fairgrid::hook::WeightChange;

use crate::contract::{execute, instantiate, migrate, query};
use crate::math::SCALE;
use crate::ContractError;

pub const DENOM: &str = "ufair";
pub const DENOM2: &str = "uatom";
pub const JUNK: &str = "ujunk";
pub const START: u128 = 1_000_000_000_000;

pub fn distributor_contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

pub use fairgrid_testing::cw20_base_contract as cw20_contract;

pub fn bps(v: u16) -> Bps {
    Bps::new(v).unwrap()
}

pub fn pool_r(id: &str, w: u16) -> RecipientMsg {
    RecipientMsg {
        target: RecipientTargetMsg::Pool {
            pool_id: id.to_string(),
        },
        weight: bps(w),
    }
}

pub fn addr_r(a: &Addr, w: u16) -> RecipientMsg {
    RecipientMsg {
        target: RecipientTargetMsg::Address {
            address: a.to_string(),
        },
        weight: bps(w),
    }
}

pub fn burn_r(w: u16) -> RecipientMsg {
    RecipientMsg {
        target: RecipientTargetMsg::Burn {},
        weight: bps(w),
    }
}

pub struct Suite {
    pub app: App,
    pub dist: Addr,
    pub token: Addr,
    pub other_token: Addr,
    pub owner: Addr,
    pub fallback: Addr,
    pub treasury: Addr,
    /// source of the "stakers" pool (linear)
    pub gov: Addr,
    /// source of the "providers" pool (square root)
    pub escrow: Addr,
    pub depositor: Addr,
    pub stranger: Addr,
}

impl Suite {
    /// stakers (linear, gov) 40 %, providers (sqrt, escrow) 30 %, treasury 20 %, burn 10 %.
    pub fn new() -> Self {
        Self::with_recipients(|s| {
            vec![
                pool_r("stakers", 4_000),
                pool_r("providers", 3_000),
                addr_r(&s.treasury, 2_000),
                burn_r(1_000),
            ]
        })
    }

    pub fn with_recipients(recipients: impl FnOnce(&Suite) -> Vec<RecipientMsg>) -> Self {
        let mut s = Self::bare();
        let msg = s.default_instantiate(recipients(&s));
        let code = s.app.store_code(distributor_contract());
        s.dist = s
            .app
            .instantiate_contract(
                code,
                s.owner.clone(),
                &msg,
                &[],
                "dist",
                Some(s.owner.to_string()),
            )
            .unwrap();
        s
    }

    /// Everything but the distributor.
    pub fn bare() -> Self {
        let api = cosmwasm_std::testing::MockApi::default();
        let depositor = api.addr_make("depositor");
        let escrow = api.addr_make("escrow");
        let d2 = depositor.clone();
        let e2 = escrow.clone();
        let mut app = App::new(|router, _api, storage| {
            for who in [&d2, &e2] {
                router
                    .bank
                    .init_balance(
                        storage,
                        who,
                        vec![coin(START, DENOM), coin(START, DENOM2), coin(START, JUNK)],
                    )
                    .unwrap();
            }
        });
        let owner = app.api().addr_make("owner");
        let cw20_code = app.store_code(cw20_contract());
        let mk = |app: &mut App, sym: &str| {
            app.instantiate_contract(
                cw20_code,
                owner.clone(),
                &cw20_base::msg::InstantiateMsg {
                    name: format!("token {sym}"),
                    symbol: sym.to_string(),
                    decimals: 6,
                    initial_balances: vec![
                        Cw20Coin {
                            address: depositor.to_string(),
                            amount: Uint128::new(START),
                        },
                        Cw20Coin {
                            address: escrow.to_string(),
                            amount: Uint128::new(START),
                        },
                    ],
                    mint: None,
                    marketing: None,
                },
                &[],
                sym,
                None,
            )
            .unwrap()
        };
        let token = mk(&mut app, "FEES");
        let other_token = mk(&mut app, "FAKE");
        Suite {
            dist: Addr::unchecked(""),
            token,
            other_token,
            fallback: app.api().addr_make("fallback"),
            treasury: app.api().addr_make("treasury"),
            gov: app.api().addr_make("gov"),
            stranger: app.api().addr_make("stranger"),
            escrow,
            depositor,
            owner,
            app,
        }
    }

    pub fn default_instantiate(&self, recipients: Vec<RecipientMsg>) -> InstantiateMsg {
        InstantiateMsg {
            owner: self.owner.to_string(),
            fallback: self.fallback.to_string(),
            assets: vec![
                AssetInfoUnchecked::native(DENOM),
                AssetInfoUnchecked::native(DENOM2),
                AssetInfoUnchecked::cw20(self.token.as_str()),
            ],
            pools: vec![
                PoolMsg {
                    pool_id: "stakers".into(),
                    source: self.gov.to_string(),
                    curve: Curve::Linear,
                },
                PoolMsg {
                    pool_id: "providers".into(),
                    source: self.escrow.to_string(),
                    curve: Curve::SquareRoot,
                },
            ],
            recipients,
        }
    }

    pub fn addr(&self, name: &str) -> Addr {
        self.app.api().addr_make(name)
    }

    pub fn exec(
        &mut self,
        sender: &Addr,
        msg: &ExecuteMsg,
        funds: &[Coin],
    ) -> AnyResult<AppResponse> {
        self.app
            .execute_contract(sender.clone(), self.dist.clone(), msg, funds)
    }

    pub fn deposit(&mut self, denom: &str, amount: u128) -> AnyResult<AppResponse> {
        let d = self.depositor.clone();
        self.exec(&d, &ExecuteMsg::Deposit {}, &[coin(amount, denom)])
    }

    pub fn deposit_cw20(&mut self, amount: u128) -> AnyResult<AppResponse> {
        let (d, t) = (self.depositor.clone(), self.token.clone());
        self.send_cw20(&d, &t, amount)
    }

    pub fn send_cw20(&mut self, from: &Addr, token: &Addr, amount: u128) -> AnyResult<AppResponse> {
        self.app.execute_contract(
            from.clone(),
            token.clone(),
            &Cw20ExecuteMsg::Send {
                contract: self.dist.to_string(),
                amount: Uint128::new(amount),
                msg: to_json_binary(&ReceiveMsg::Deposit {}).unwrap(),
            },
            &[],
        )
    }

    /// Hook from `source` with raw weights.
    pub fn hook(
        &mut self,
        source: &Addr,
        account: &Addr,
        old: u128,
        new: u128,
    ) -> AnyResult<AppResponse> {
        let msg = ExecuteMsg::WeightChanged(WeightChange::new(
            account,
            Uint128::new(old),
            Uint128::new(new),
        ));
        self.exec(source, &msg, &[])
    }

    pub fn stake(&mut self, account: &Addr, old: u128, new: u128) {
        let gov = self.gov.clone();
        self.hook(&gov, account, old, new).unwrap();
    }

    pub fn claim(
        &mut self,
        who: &Addr,
        assets: Option<Vec<AssetInfoUnchecked>>,
        recipient: Option<&Addr>,
    ) -> AnyResult<AppResponse> {
        let msg = ExecuteMsg::Claim {
            assets,
            recipient: recipient.map(|r| r.to_string()),
        };
        self.exec(who, &msg, &[])
    }

    pub fn config(&self) -> ConfigResponse {
        self.app
            .wrap()
            .query_wasm_smart(&self.dist, &QueryMsg::Config {})
            .unwrap()
    }

    pub fn pools(&self, start_after: Option<&str>, limit: Option<u32>) -> PoolsResponse {
        self.app
            .wrap()
            .query_wasm_smart(
                &self.dist,
                &QueryMsg::Pools {
                    start_after: start_after.map(|s| s.to_string()),
                    limit,
                },
            )
            .unwrap()
    }

    pub fn member(&self, pool: &str, who: &Addr) -> MemberResponse {
        self.app
            .wrap()
            .query_wasm_smart(
                &self.dist,
                &QueryMsg::Member {
                    pool_id: pool.into(),
                    address: who.to_string(),
                },
            )
            .unwrap()
    }

    pub fn members(
        &self,
        pool: &str,
        start_after: Option<&Addr>,
        limit: Option<u32>,
    ) -> MembersResponse {
        self.app
            .wrap()
            .query_wasm_smart(
                &self.dist,
                &QueryMsg::Members {
                    pool_id: pool.into(),
                    start_after: start_after.map(|a| a.to_string()),
                    limit,
                },
            )
            .unwrap()
    }

    pub fn pending(&self, who: &Addr) -> PendingResponse {
        self.app
            .wrap()
            .query_wasm_smart(
                &self.dist,
                &QueryMsg::Pending {
                    address: who.to_string(),
                },
            )
            .unwrap()
    }

    pub fn pending_of(&self, who: &Addr, asset: &AssetInfo) -> u128 {
        self.pending(who)
            .pending
            .into_iter()
            .find(|p| p.info == *asset)
            .map(|p| p.amount.u128())
            .unwrap_or(0)
    }

    pub fn recon(&self, asset: &AssetInfo) -> ReconciliationResponse {
        self.app
            .wrap()
            .query_wasm_smart(
                &self.dist,
                &QueryMsg::Reconciliation {
                    asset: asset.clone().into(),
                },
            )
            .unwrap()
    }

    pub fn native_balance(&self, who: &Addr, denom: &str) -> u128 {
        self.app
            .wrap()
            .query_balance(who, denom)
            .unwrap()
            .amount
            .u128()
    }

    pub fn cw20_balance(&self, token: &Addr, who: &Addr) -> u128 {
        let b: BalanceResponse = self
            .app
            .wrap()
            .query_wasm_smart(
                token,
                &Cw20QueryMsg::Balance {
                    address: who.to_string(),
                },
            )
            .unwrap();
        b.balance.u128()
    }

    pub fn balance(&self, asset: &AssetInfo, who: &Addr) -> u128 {
        match asset {
            AssetInfo::Native(d) => self.native_balance(who, d),
            AssetInfo::Cw20(t) => self.cw20_balance(t, who),
        }
    }

    pub fn cw20_supply(&self, token: &Addr) -> u128 {
        let t: TokenInfoResponse = self
            .app
            .wrap()
            .query_wasm_smart(token, &Cw20QueryMsg::TokenInfo {})
            .unwrap();
        t.total_supply.u128()
    }

    pub fn assets(&self) -> Vec<AssetInfo> {
        vec![
            AssetInfo::native(DENOM),
            AssetInfo::native(DENOM2),
            AssetInfo::Cw20(self.token.clone()),
        ]
    }

    /// Everything a refusal must leave untouched: the whole raw chain state
    /// (every contract's storage, cw20 and bank balances).
    pub fn snapshot(&self) -> Snapshot {
        Snapshot::of(&self.app)
    }

    /// SPEC invariants of the distributor, from queries only:
    /// 1. received = paid + sent + burned + owed + carried, exactly;
    /// 2. held = owed + carried (nothing unaccounted) and so held ≥ owed;
    /// 3. the members' scaled claims (whole + sub-unit, over every member of
    ///    every pool, enumerated by the paginated query) plus the pools'
    ///    index remainders equal (owed + carried) × SCALE exactly.
    pub fn check_invariants(&self) {
        let pools = self.pools(None, Some(30)).pools;
        // every member of every pool, paginated in pages of 7
        let mut members = vec![];
        for p in &pools {
            let mut after: Option<Addr> = None;
            let mut seen_weight = Uint128::zero();
            loop {
                let page = self.members(&p.pool_id, after.as_ref(), Some(7)).members;
                if page.is_empty() {
                    break;
                }
                for m in &page {
                    assert!(
                        after.as_ref().is_none_or(|a| m.address > *a),
                        "pages ascend"
                    );
                    seen_weight += m.weight;
                    members.push((p.pool_id.clone(), m.address.clone()));
                }
                after = Some(page.last().unwrap().address.clone());
            }
            assert_eq!(
                seen_weight, p.total_weight,
                "pool {} weight = Σ members",
                p.pool_id
            );
        }
        let infos: Vec<AssetInfo> = self.config().assets.into_iter().map(|a| a.info).collect();
        let pendings: Vec<_> = members
            .iter()
            .map(|(pool, who)| self.member(pool, who).pending)
            .collect();
        for (slot, a) in infos.iter().enumerate() {
            let r = self.recon(a);
            assert_eq!(
                r.received,
                r.paid + r.sent + r.burned + r.owed + r.carried,
                "reconciliation identity for {a}: {r:?}"
            );
            assert_eq!(
                r.held,
                r.owed + r.carried,
                "held = owed + carried for {a}: {r:?}"
            );
            assert!(r.held >= r.owed);
            let mut scaled = Uint256::zero();
            for pending in &pendings {
                let p = &pending[slot];
                assert_eq!(p.info, *a);
                assert!(p.remainder_scaled < SCALE);
                scaled += Uint256::from(p.amount) * SCALE + p.remainder_scaled;
            }
            let book = Uint256::from(r.owed + r.carried) * SCALE;
            assert_eq!(
                scaled + r.carried_scaled,
                book,
                "members' scaled claims + pool remainders = the books for {a}"
            );
            assert_eq!(
                r.carried,
                Uint128::try_from(r.carried_scaled / SCALE).unwrap()
            );
        }
    }
}

pub fn err<T: std::fmt::Debug>(res: AnyResult<T>) -> ContractError {
    fairgrid_testing::downcast(res.unwrap_err())
}

pub use fairgrid_testing::{wasm_attrs as attr, Snapshot};

impl fairgrid_testing::OnChain for Suite {
    fn chain(&self) -> &App {
        &self.app
    }
}
