//! Multi-test suites of the governance contract, by concern. The real
//! cw20-base is FAIR. `Suite::check` verifies the invariants and is called
//! after every step of the scenarios.
mod attacks;
mod custody;
mod gas;
mod identities;
mod indexer_events;
mod layout;
mod lifecycle;
mod messages;
mod params;
mod proptest_history;
mod refusals;
mod self_governance;
mod staking;

use std::collections::BTreeMap;

use cosmwasm_std::{
    coins, to_json_binary, Addr, Binary, CosmosMsg, Deps, DepsMut, Empty, Env, Order, Record,
    Uint128, Uint256, Uint512,
};
use cw20::{BalanceResponse, Cw20Coin, Cw20ExecuteMsg, Cw20QueryMsg};
use cw_multi_test::error::{AnyError, AnyResult};
use cw_multi_test::{App, AppResponse, Contract, ContractWrapper, Executor};
use cw_utils::Duration;
use fairgrid::bps::Bps;
use fairgrid::curve::Curve;
use fairgrid::governance::{
    BallotsResponse, ClaimsResponse, ConfigResponse, ExecuteMsg, IdentityConfigMsg,
    IdentityPowerResponse, InstantiateMsg, MetricsResponse, ParamsMsg, ProposalResponse,
    ProposalStatus, QueryMsg, ReceiveMsg, RefundPolicy, StakeResponse, Tally, Threshold,
    TotalPowerResponse, UnidentifiedPolicy, VoteOption, VotingPowerResponse, MIN_GUARDIAN_TIMELOCK,
};
use fairgrid::hook::{WeightChange, WeightHookMsg};
use fairgrid::identity;
pub use fairgrid_testing::Snapshot;

use crate::math;
use crate::ContractError;

pub const NATIVE: &str = "ujuno";

pub fn gov_contract() -> Box<dyn Contract<Empty>> {
    Box::new(
        ContractWrapper::new(
            crate::contract::execute,
            crate::contract::instantiate,
            crate::contract::query,
        )
        .with_reply(crate::contract::reply)
        .with_migrate(crate::contract::migrate),
    )
}

/// Weight hook receivers are mirrors (packages/testing): each records every
/// weight change, or refuses them all.
fn hook_contract() -> Box<dyn Contract<Empty>> {
    fairgrid_testing::mirror_contract::<WeightHookMsg>()
}

pub fn bps(v: u16) -> Bps {
    Bps::new(v).unwrap()
}

pub fn u(v: u128) -> Uint128 {
    Uint128::new(v)
}

/// Voting period 100 s, timelock 3600 s (the floor with a guardian), window
/// 100 s, unbonding 1000 s, refund unless vetoed.
pub fn default_params(treasury: &Addr) -> ParamsMsg {
    ParamsMsg {
        cap: bps(10_000),
        quorum: bps(3_000),
        threshold: Threshold::Percent(bps(5_000)),
        veto_threshold: bps(3_334),
        voting_period: 100,
        timelock: MIN_GUARDIAN_TIMELOCK,
        execution_window: 100,
        min_deposit: u(100),
        min_propose_power: u(0),
        unbonding_period: Duration::Time(1_000),
        treasury: treasury.to_string(),
        deposit_refund: RefundPolicy::NotVetoed,
    }
}

pub struct Setup {
    pub curve: Curve,
    pub min_stake: Uint128,
    pub params: Option<ParamsMsg>,
    pub guardian: bool,
    pub hooks: Vec<bool>,
    /// Extra users beyond the default names.
    pub extra_users: usize,
    /// Deploy the real identity registry (owner `admin`, attester
    /// `attester`, governance its subscriber) and name it in governance.
    pub registry: bool,
    pub unidentified: UnidentifiedPolicy,
}

impl Default for Setup {
    fn default() -> Self {
        Setup {
            curve: Curve::Linear,
            min_stake: u(0),
            params: None,
            guardian: true,
            hooks: vec![],
            extra_users: 0,
            registry: false,
            unidentified: UnidentifiedPolicy::PerAddress,
        }
    }
}

pub const NAMES: [&str; 6] = ["alice", "bob", "carol", "dave", "erin", "whale"];
pub const START_BALANCE: u128 = 10_000_000;

pub struct Suite {
    pub app: App,
    pub token: Addr,
    pub other_token: Addr,
    pub gov: Addr,
    pub code_id: u64,
    pub admin: Addr,
    pub treasury: Addr,
    pub guardian: Addr,
    pub users: Vec<Addr>,
    pub hooks: Vec<Addr>,
    pub curve: Curve,
    pub min_stake: Uint128,
    /// FAIR sent to the contract outside staking and deposits (treasury).
    pub surplus: Uint128,
    /// The identity registry, when deployed.
    pub registry: Option<Addr>,
    pub attester: Addr,
}

impl Suite {
    pub fn new() -> Self {
        Self::with(Setup::default())
    }

    pub fn with(s: Setup) -> Self {
        let mut app = App::new(|router, api, storage| {
            router
                .bank
                .init_balance(storage, &api.addr_make("admin"), coins(1_000_000, NATIVE))
                .unwrap();
        });
        let api = app.api();
        let admin = api.addr_make("admin");
        let treasury = api.addr_make("treasury");
        let guardian = api.addr_make("guardian");
        let mut users: Vec<Addr> = NAMES.iter().map(|n| api.addr_make(n)).collect();
        for i in 0..s.extra_users {
            users.push(api.addr_make(&format!("user{i}")));
        }
        let cw20_id = app.store_code(fairgrid_testing::cw20_base_contract());
        let balances: Vec<Cw20Coin> = users
            .iter()
            .map(|a| Cw20Coin {
                address: a.to_string(),
                amount: u(START_BALANCE),
            })
            .collect();
        let mk_token = |app: &mut App, name: &str, symbol: &str| {
            app.instantiate_contract(
                cw20_id,
                admin.clone(),
                &cw20_base::msg::InstantiateMsg {
                    name: name.into(),
                    symbol: symbol.into(),
                    decimals: 6,
                    initial_balances: balances.clone(),
                    mint: None,
                    marketing: None,
                },
                &[],
                symbol,
                None,
            )
            .unwrap()
        };
        let token = mk_token(&mut app, "Fairgrid", "FAIR");
        let other_token = mk_token(&mut app, "Fake", "FAKE");
        let hook_id = app.store_code(hook_contract());
        let hooks: Vec<Addr> = s
            .hooks
            .iter()
            .map(|fail| {
                app.instantiate_contract(
                    hook_id,
                    admin.clone(),
                    &fairgrid_testing::MirrorInit { fail: *fail },
                    &[],
                    "hook",
                    None,
                )
                .unwrap()
            })
            .collect();
        let attester = app.api().addr_make("attester");
        let registry = s.registry.then(|| {
            let id = app.store_code(registry_contract());
            app.instantiate_contract(
                id,
                admin.clone(),
                &identity::InstantiateMsg {
                    owner: admin.to_string(),
                    max_addresses: MAX_ADDRESSES,
                    attesters: vec![attester.to_string()],
                    subscribers: vec![],
                },
                &[],
                "registry",
                None,
            )
            .unwrap()
        });
        let code_id = app.store_code(gov_contract());
        let gov = app
            .instantiate_contract(
                code_id,
                admin.clone(),
                &InstantiateMsg {
                    token: token.to_string(),
                    curve: s.curve,
                    min_stake: s.min_stake,
                    params: s.params.unwrap_or_else(|| default_params(&treasury)),
                    guardian: s.guardian.then(|| guardian.to_string()),
                    hooks: hooks.iter().map(|h| h.to_string()).collect(),
                    identity: IdentityConfigMsg {
                        registry: registry.as_ref().map(|r| r.to_string()),
                        unidentified: s.unidentified,
                    },
                },
                &[],
                "governance",
                Some(admin.to_string()),
            )
            .unwrap();
        if let Some(r) = &registry {
            app.execute_contract(
                admin.clone(),
                r.clone(),
                &identity::ExecuteMsg::UpdateSubscribers {
                    add: vec![gov.to_string()],
                    remove: vec![],
                },
                &[],
            )
            .unwrap();
        }
        // Native coins the treasury spends of proposals move.
        app.send_tokens(admin.clone(), gov.clone(), &coins(1_000, NATIVE))
            .unwrap();
        let suite = Suite {
            app,
            token,
            other_token,
            gov,
            code_id,
            admin,
            treasury,
            guardian,
            users,
            hooks,
            curve: s.curve,
            min_stake: s.min_stake,
            surplus: Uint128::zero(),
            registry,
            attester,
        };
        suite.check();
        suite
    }

    pub fn user(&self, name: &str) -> Addr {
        self.app.api().addr_make(name)
    }

    // ---- actions ----

    pub fn send(
        &mut self,
        token: &Addr,
        from: &Addr,
        amount: u128,
        msg: &ReceiveMsg,
    ) -> AnyResult<AppResponse> {
        let gov = self.gov.to_string();
        self.app.execute_contract(
            from.clone(),
            token.clone(),
            &Cw20ExecuteMsg::Send {
                contract: gov,
                amount: u(amount),
                msg: to_json_binary(msg).unwrap(),
            },
            &[],
        )
    }

    pub fn stake(&mut self, who: &Addr, amount: u128) -> AnyResult<AppResponse> {
        let token = self.token.clone();
        self.send(&token, who, amount, &ReceiveMsg::Stake {})
    }

    pub fn propose_msgs(
        &mut self,
        who: &Addr,
        deposit: u128,
        msgs: Vec<CosmosMsg>,
    ) -> AnyResult<u64> {
        let token = self.token.clone();
        let res = self.send(
            &token,
            who,
            deposit,
            &ReceiveMsg::Propose {
                title: "a proposal".into(),
                description: "why".into(),
                msgs,
            },
        )?;
        Ok(attr(&res, "proposal_id").parse().unwrap())
    }

    pub fn propose(&mut self, who: &Addr) -> u64 {
        self.propose_msgs(who, 100, vec![]).unwrap()
    }

    pub fn exec(&mut self, who: &Addr, msg: &ExecuteMsg) -> AnyResult<AppResponse> {
        let gov = self.gov.clone();
        self.app.execute_contract(who.clone(), gov, msg, &[])
    }

    pub fn vote(&mut self, who: &Addr, id: u64, vote: VoteOption) -> AnyResult<AppResponse> {
        self.exec(
            who,
            &ExecuteMsg::Vote {
                proposal_id: id,
                vote,
            },
        )
    }

    pub fn execute(&mut self, id: u64) -> AnyResult<AppResponse> {
        let anyone = self.user("anyone");
        self.exec(&anyone, &ExecuteMsg::Execute { proposal_id: id })
    }

    pub fn close(&mut self, id: u64) -> AnyResult<AppResponse> {
        let anyone = self.user("anyone");
        self.exec(&anyone, &ExecuteMsg::CloseProposal { proposal_id: id })
    }

    pub fn unstake(&mut self, who: &Addr, amount: u128) -> AnyResult<AppResponse> {
        self.exec(who, &ExecuteMsg::Unstake { amount: u(amount) })
    }

    pub fn claim(&mut self, who: &Addr) -> AnyResult<AppResponse> {
        self.exec(who, &ExecuteMsg::Claim {})
    }

    /// The attester links `who` to `identity` (a new one when None) in the
    /// real registry, whose hook reaches governance; returns the identity.
    pub fn link(
        &mut self,
        who: &Addr,
        identity: Option<u64>,
        expires_at_height: Option<u64>,
    ) -> AnyResult<u64> {
        let (attester, registry) = (self.attester.clone(), self.registry.clone().unwrap());
        let res = self.app.execute_contract(
            attester,
            registry,
            &identity::ExecuteMsg::Link {
                address: who.to_string(),
                identity,
                expires_at_height,
            },
            &[],
        )?;
        Ok(attr(&res, "identity").parse().unwrap())
    }

    /// The attester revokes `who`'s link in the registry.
    pub fn revoke(&mut self, who: &Addr) -> AnyResult<AppResponse> {
        let (attester, registry) = (self.attester.clone(), self.registry.clone().unwrap());
        self.app.execute_contract(
            attester,
            registry,
            &identity::ExecuteMsg::Revoke {
                address: who.to_string(),
            },
            &[],
        )
    }

    /// Anyone removes `who`'s expired link in the registry.
    pub fn registry_expire(&mut self, who: &Addr) -> AnyResult<AppResponse> {
        let (anyone, registry) = (self.user("anyone"), self.registry.clone().unwrap());
        self.app.execute_contract(
            anyone,
            registry,
            &identity::ExecuteMsg::Expire {
                address: who.to_string(),
            },
            &[],
        )
    }

    /// Next block, 5 s later.
    pub fn next_block(&mut self) {
        self.advance(5);
    }

    /// Next block, `secs` later.
    pub fn advance(&mut self, secs: u64) {
        self.app.update_block(|b| {
            b.height += 1;
            b.time = b.time.plus_seconds(secs);
        });
    }

    /// Moves to the next block at exactly `t` seconds.
    pub fn set_time(&mut self, t: u64) {
        let now = self.now();
        assert!(t >= now, "time only moves forward");
        self.advance(t - now);
    }

    pub fn now(&self) -> u64 {
        self.app.block_info().time.seconds()
    }

    pub fn height(&self) -> u64 {
        self.app.block_info().height
    }

    // ---- queries ----

    pub fn q<T: serde::de::DeserializeOwned>(&self, msg: &QueryMsg) -> T {
        self.app.wrap().query_wasm_smart(&self.gov, msg).unwrap()
    }

    pub fn proposal(&self, id: u64) -> ProposalResponse {
        self.q(&QueryMsg::Proposal { proposal_id: id })
    }

    pub fn status(&self, id: u64) -> ProposalStatus {
        self.proposal(id).status
    }

    pub fn tally(&self, id: u64) -> Tally {
        self.proposal(id).tally
    }

    pub fn metrics(&self) -> MetricsResponse {
        self.q(&QueryMsg::Metrics {})
    }

    pub fn staked(&self, who: &Addr) -> Uint128 {
        let r: StakeResponse = self.q(&QueryMsg::Stake {
            address: who.to_string(),
        });
        r.stake
    }

    pub fn power_at(&self, who: &Addr, height: Option<u64>) -> VotingPowerResponse {
        self.q(&QueryMsg::VotingPower {
            address: who.to_string(),
            height,
        })
    }

    pub fn identity_power(&self, identity: u64, height: Option<u64>) -> IdentityPowerResponse {
        self.q(&QueryMsg::IdentityPower { identity, height })
    }

    pub fn config(&self) -> ConfigResponse {
        self.q(&QueryMsg::Config {})
    }

    pub fn total_power(&self, height: Option<u64>) -> Uint128 {
        let r: TotalPowerResponse = self.q(&QueryMsg::TotalPower { height });
        r.total_power
    }

    pub fn claims(&self, who: &Addr) -> ClaimsResponse {
        self.q(&QueryMsg::Claims {
            address: who.to_string(),
        })
    }

    pub fn balance_of(&self, token: &Addr, who: &Addr) -> Uint128 {
        let r: BalanceResponse = self
            .app
            .wrap()
            .query_wasm_smart(
                token,
                &Cw20QueryMsg::Balance {
                    address: who.to_string(),
                },
            )
            .unwrap();
        r.balance
    }

    pub fn fair(&self, who: &Addr) -> Uint128 {
        self.balance_of(&self.token, who)
    }

    pub fn hook_log(&self, hook: &Addr) -> Vec<WeightChange> {
        fairgrid_testing::Mirror::<WeightHookMsg>::new(&self.app, hook)
            .log()
            .into_iter()
            .map(|WeightHookMsg::WeightChanged(c)| c)
            .collect()
    }

    pub fn all_votes(&self, id: u64) -> BallotsResponse {
        let mut all = vec![];
        let mut start_after = None;
        loop {
            let page: BallotsResponse = self.q(&QueryMsg::Ballots {
                proposal_id: id,
                start_after: start_after.clone(),
                limit: Some(3),
            });
            match page.ballots.last() {
                Some(b) => start_after = Some(b.voter.to_string()),
                None => break,
            }
            all.extend(page.ballots);
        }
        BallotsResponse { ballots: all }
    }

    pub fn proposal_count(&self) -> u64 {
        let mut n = 0;
        while self
            .app
            .wrap()
            .query_wasm_smart::<ProposalResponse>(
                &self.gov,
                &QueryMsg::Proposal { proposal_id: n + 1 },
            )
            .is_ok()
        {
            n += 1;
        }
        n
    }

    /// Everything a refusal must leave untouched: the whole raw chain state
    /// (every contract's storage, cw20 and bank balances).
    pub fn snapshot(&self) -> Snapshot {
        Snapshot::of(&self.app)
    }

    /// Power per voting unit recomputed from scratch at `height` (None:
    /// now) from every user's stake and identity as governance reports them:
    /// (total, Σ unit power², units with an identity → Σ stake).
    pub fn recompute(&self, height: Option<u64>) -> Recomputed {
        let policy = self.config().identity.unidentified;
        let policy = match height {
            None => policy,
            Some(_) => policy_at(self, height),
        };
        let mut r = Recomputed::default();
        for u in &self.users {
            let p = self.power_at(u, height);
            r.stakes.insert(u.clone(), (p.stake, p.identity));
            match p.identity {
                Some(id) => *r.identities.entry(id).or_default() += p.stake,
                None => r.unidentified += p.stake,
            }
            r.total_stake += p.stake;
        }
        let power = |s: Uint128| math::power(s, self.curve, self.min_stake);
        for s in r.identities.values() {
            r.id_power += power(*s);
            r.unit_sq += math::sq(power(*s));
        }
        let unid: Vec<Uint128> = r
            .stakes
            .values()
            .filter(|(_, i)| i.is_none())
            .map(|(s, _)| *s)
            .collect();
        let sqrt_share =
            policy == UnidentifiedPolicy::LinearShare && self.curve == Curve::SquareRoot;
        r.unid_power = match policy {
            UnidentifiedPolicy::None => Uint128::zero(),
            _ if sqrt_share => {
                // floor(U / (2 ceil(sqrt(S)))), written out independently.
                let mut c = r.total_stake.u128().isqrt();
                if c * c < r.total_stake.u128() {
                    c += 1;
                }
                u(r.unidentified.u128() / (2 * c).max(1))
            }
            _ => unid.iter().map(|s| power(*s)).sum(),
        };
        r.unit_sq += match policy {
            UnidentifiedPolicy::None => Uint256::zero(),
            _ if sqrt_share => {
                let d = math::share_divisor(r.total_stake);
                unid.iter().fold(Uint256::zero(), |a, s| a + math::sq(*s)) / (d * d)
            }
            _ => unid
                .iter()
                .fold(Uint256::zero(), |a, s| a + math::sq(power(*s))),
        };
        r.total = r.id_power + r.unid_power;
        r.unit_hhi_bps = if sqrt_share {
            // Unrounded units of 1/d: identity p·d, address without identity s.
            let d = Uint512::from(math::share_divisor(r.total_stake));
            let num = r.identities.values().fold(Uint512::zero(), |a, s| {
                let x = Uint512::from(power(*s)) * d;
                a + x * x
            }) + unid.iter().fold(Uint512::zero(), |a, s| {
                a + Uint512::from(*s) * Uint512::from(*s)
            });
            let root = Uint512::from(r.id_power) * d + Uint512::from(r.unidentified);
            if root.is_zero() {
                0
            } else {
                (num * Uint512::from(10_000u128) / (root * root))
                    .to_string()
                    .parse()
                    .unwrap()
            }
        } else {
            math::hhi_bps(r.unit_sq, r.total)
        };
        r.policy = policy;
        r
    }

    /// SPEC invariants, checked after every step:
    /// 1. total power = Σ per-identity curve(Σ stake) + the policy's power of
    ///    the stake without identity (per address: Σ curve(stake) with the
    ///    min-stake rule), recomputed from every user's stake and identity;
    ///    each address's reported power is its unit's;
    /// 2. metrics (stakers, total stake, HHIs, identity counts) = direct recomputation;
    /// 3. conservation: FAIR held = stakes + pending claims + unsettled deposits
    ///    (+ surplus FAIR a test sent as treasury);
    /// 4. every tally = Σ of its current ballots; every ballot power ≤ the cap;
    ///    at most one ballot per identity (at the proposal's start height);
    /// 5. total deposits = Σ deposits of unsettled proposals;
    /// 6. governance has no outstanding FAIR allowance.
    pub fn check(&self) {
        let r = self.recompute(None);
        let stakes: BTreeMap<Addr, Uint128> =
            r.stakes.iter().map(|(a, (s, _))| (a.clone(), *s)).collect();
        for (a, (s, id)) in &r.stakes {
            assert_eq!(self.staked(a), *s);
            let p = self.power_at(a, None);
            if let Some(id) = id {
                let ip = self.identity_power(*id, None);
                assert_eq!(ip.stake, r.identities[id], "identity {id} stake");
                if ip.earliest_expiry.is_none_or(|e| e > self.height()) {
                    assert_eq!(p.power, ip.power, "{a} votes with its identity's power");
                }
            } else {
                let policy_power = match r.policy {
                    UnidentifiedPolicy::None => Uint128::zero(),
                    _ if r.policy == UnidentifiedPolicy::LinearShare
                        && self.curve == Curve::SquareRoot =>
                    {
                        if *s < self.min_stake {
                            Uint128::zero()
                        } else {
                            let d: u128 = math::share_divisor(r.total_stake)
                                .to_string()
                                .parse()
                                .unwrap();
                            u(s.u128() / d)
                        }
                    }
                    _ => math::power(*s, self.curve, self.min_stake),
                };
                assert_eq!(p.power, policy_power, "{a}'s policy power");
            }
        }
        let power = |s: Uint128| math::power(s, self.curve, self.min_stake);
        let total_power = r.total;
        assert_eq!(self.total_power(None), total_power, "total power");
        let m = self.metrics();
        let total_stake: Uint128 = stakes.values().copied().sum();
        assert_eq!(m.total_stake, total_stake, "total stake");
        assert_eq!(m.total_power, total_power);
        assert_eq!(
            m.stakers,
            stakes.values().filter(|s| !s.is_zero()).count() as u64
        );
        let ss = stakes
            .values()
            .fold(Uint256::zero(), |a, s| a + math::sq(*s));
        let ps = stakes
            .values()
            .fold(Uint256::zero(), |a, s| a + math::sq(power(*s)));
        let addr_power: Uint128 = stakes.values().map(|s| power(*s)).sum();
        assert_eq!(m.stake_hhi_bps, math::hhi_bps(ss, total_stake));
        assert_eq!(m.address_power_hhi_bps, math::hhi_bps(ps, addr_power));
        assert_eq!(m.power_hhi_bps, r.unit_hhi_bps, "power HHI per voting unit");
        assert!(m.power_hhi_bps <= 10_000);
        assert_eq!(
            m.identities,
            r.identities.values().filter(|s| !s.is_zero()).count() as u64
        );
        assert_eq!(
            m.unidentified_stakers,
            r.stakes
                .values()
                .filter(|(s, i)| i.is_none() && !s.is_zero())
                .count() as u64
        );
        assert_eq!(m.identified_stake, total_stake - r.unidentified);
        let claims: Uint128 = self
            .users
            .iter()
            .flat_map(|u| self.claims(u).claims)
            .map(|c| c.amount)
            .sum();
        assert_eq!(m.total_claims, claims, "total claims");
        let mut deposits = Uint128::zero();
        for id in 1..=self.proposal_count() {
            let p = self.proposal(id);
            if !p.deposit_settled {
                deposits += p.deposit;
            }
            let mut t = Tally::default();
            let cap = math::cap_limit(p.terms.cap, p.total_power);
            let mut voted = std::collections::BTreeSet::new();
            for b in self.all_votes(id).ballots {
                assert!(b.power <= cap, "ballot above the cap");
                math::add_vote(&mut t, &b.vote, b.power).unwrap();
                if let Some(i) = self.power_at(&b.voter, Some(p.start_height)).identity {
                    assert!(voted.insert(i), "identity {i} holds two ballots on {id}");
                }
            }
            assert_eq!(t, p.tally, "tally of proposal {id}");
        }
        assert_eq!(m.total_deposits, deposits, "total deposits");
        assert_eq!(
            self.fair(&self.gov),
            total_stake + claims + deposits + self.surplus,
            "FAIR held = stakes + claims + deposits + surplus"
        );
        let allowances: cw20::AllAllowancesResponse = self
            .app
            .wrap()
            .query_wasm_smart(
                &self.token,
                &Cw20QueryMsg::AllAllowances {
                    owner: self.gov.to_string(),
                    start_after: None,
                    limit: Some(1),
                },
            )
            .unwrap();
        assert_eq!(allowances.allowances, vec![], "outstanding FAIR allowance");
    }
}

/// What `Suite::recompute` finds.
#[derive(Default, Debug)]
pub struct Recomputed {
    pub total: Uint128,
    pub id_power: Uint128,
    pub unid_power: Uint128,
    pub unit_sq: Uint256,
    /// HHI of power per voting unit (unrounded under `linear_share`).
    pub unit_hhi_bps: u64,
    pub total_stake: Uint128,
    pub unidentified: Uint128,
    pub identities: BTreeMap<u64, Uint128>,
    pub stakes: BTreeMap<Addr, (Uint128, Option<u64>)>,
    pub policy: UnidentifiedPolicy,
}

/// The policy at a past height, read from a proposal-independent source:
/// the current one (tests change it only by proposal and say so).
fn policy_at(s: &Suite, _height: Option<u64>) -> UnidentifiedPolicy {
    s.config().identity.unidentified
}

/// Most addresses per identity in the suites' registry.
pub const MAX_ADDRESSES: u32 = 1_000;

pub fn registry_contract() -> Box<dyn Contract<Empty>> {
    use fairgrid_identity_registry::contract as c;
    Box::new(ContractWrapper::new(c::execute, c::instantiate, c::query))
}

/// First value of `key` in the events, skipping the FAIR token's own events.
pub fn attr(res: &AppResponse, key: &str) -> String {
    let token_event = |e: &cosmwasm_std::Event| {
        e.attributes
            .iter()
            .any(|a| a.key == "action" && (a.value == "send" || a.value == "transfer"))
    };
    res.events
        .iter()
        .filter(|e| !token_event(e))
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == key)
        .unwrap_or_else(|| panic!("no attribute {key}"))
        .value
        .clone()
}

pub fn err(e: AnyError) -> ContractError {
    fairgrid_testing::downcast(e)
}

/// Asserts `f` fails with `expected` and changes nothing.
#[track_caller]
pub fn refused(
    s: &mut Suite,
    expected: ContractError,
    f: impl FnOnce(&mut Suite) -> AnyResult<AppResponse>,
) {
    let e = fairgrid_testing::refused(s, f);
    assert_eq!(err(e), expected);
    s.check();
}

pub fn treasury_addr() -> Addr {
    cosmwasm_std::testing::MockApi::default().addr_make("treasury")
}

impl fairgrid_testing::OnChain for Suite {
    fn chain(&self) -> &App {
        &self.app
    }
}
