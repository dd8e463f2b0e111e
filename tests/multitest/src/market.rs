//! Deploys and wires the market: FAIR, governance, fee-distributor, escrow.
//!
//! Wiring (docs/design.md): governance owns the escrow and the distributor, is their
//! wasm admin and its own, and arbitrates disputes; the escrow forwards fees to
//! the distributor and reports collateral to its providers pool; governance
//! reports stakes to its stakers pool; the treasury share goes to governance.
//! The distributor is instantiated with instantiate2 so that governance and the
//! escrow can name it before it exists. The identity registry is owned and
//! administered by governance, with no attester (governance appoints them by
//! proposal; `deploy_with_attesters` names some at deployment, for tests)
//! and governance as its one subscriber; it is instantiated with
//! instantiate2 too, so governance names it as its registry at instantiate.
//! Governance counts power per identity, and stake without identity by
//! `linear_share` (`UNIDENTIFIED_POLICY`).

use cosmwasm_std::{
    coin, instantiate2_address, to_json_binary, Addr, Api, Coin, Empty, Uint128, WasmMsg,
};
use cw20::{Cw20Coin, Cw20ExecuteMsg};
use cw_multi_test::{App, AppResponse, Contract, ContractWrapper, Executor};
use fairgrid::bps::Bps;
use fairgrid::curve::Curve;
use fairgrid::{distributor, escrow, governance, identity, AssetInfoUnchecked};

/// The credit currency renters pay in.
pub const CREDIT: &str = "uusdc";
pub const HOUR: u64 = 3_600;
pub const DAY: u64 = 86_400;
/// One FAIR in base units.
pub const FAIR: u128 = 1_000_000;

pub const STAKERS_POOL: &str = "stakers";
pub const PROVIDERS_POOL: &str = "providers";
/// Fee split: stakers 50 %, providers 30 %, treasury (governance) 20 %.
pub const STAKERS_BPS: u16 = 5_000;
pub const PROVIDERS_BPS: u16 = 3_000;
pub const TREASURY_BPS: u16 = 2_000;
/// Protocol fee at deployment: 2.5 %.
pub const PROTOCOL_FEE_BPS: u16 = 250;
/// Most addresses one identity holds at deployment.
pub const MAX_ADDRESSES_PER_IDENTITY: u32 = 20;
/// Governance's power for stake without identity at deployment: linear in
/// stake, so splitting never gains, and at most half the square root an
/// identity of the same stake gets, so verifying always pays.
pub const UNIDENTIFIED_POLICY: governance::UnidentifiedPolicy =
    governance::UnidentifiedPolicy::LinearShare;
/// The price a renter agrees to in tests whose subject is not the agreed
/// price: whatever the offer asks.
pub const ANY_PRICE: Uint128 = Uint128::MAX;

fn governance_code() -> Box<dyn Contract<Empty>> {
    use fairgrid_governance::contract as c;
    Box::new(
        ContractWrapper::new(c::execute, c::instantiate, c::query)
            .with_reply(c::reply)
            .with_migrate(c::migrate),
    )
}

fn distributor_code() -> Box<dyn Contract<Empty>> {
    use fairgrid_fee_distributor::contract as c;
    Box::new(ContractWrapper::new(c::execute, c::instantiate, c::query).with_migrate(c::migrate))
}

fn identity_code() -> Box<dyn Contract<Empty>> {
    use fairgrid_identity_registry::contract as c;
    Box::new(ContractWrapper::new(c::execute, c::instantiate, c::query).with_migrate(c::migrate))
}

fn escrow_code() -> Box<dyn Contract<Empty>> {
    use fairgrid_compute_escrow::contract as c;
    Box::new(
        ContractWrapper::new(c::execute, c::instantiate, c::query)
            .with_reply(c::reply)
            .with_migrate(c::migrate),
    )
}

/// Governance parameters at deployment.
pub fn governance_params(community: &Addr) -> governance::ParamsMsg {
    governance::ParamsMsg {
        cap: Bps::new(1_000).unwrap(),
        quorum: Bps::new(2_000).unwrap(),
        threshold: governance::Threshold::Percent(Bps::new(5_000).unwrap()),
        veto_threshold: Bps::new(3_334).unwrap(),
        voting_period: 3 * DAY,
        timelock: DAY,
        execution_window: 7 * DAY,
        min_deposit: Uint128::new(10 * FAIR),
        min_propose_power: Uint128::zero(),
        unbonding_period: cw_utils_duration(14 * DAY),
        treasury: community.to_string(),
        deposit_refund: governance::RefundPolicy::NotVetoed,
    }
}

fn cw_utils_duration(seconds: u64) -> cw_utils::Duration {
    cw_utils::Duration::Time(seconds)
}

pub struct Market {
    pub app: App,
    pub deployer: Addr,
    pub token: Addr,
    pub governance: Addr,
    pub distributor: Addr,
    pub escrow: Addr,
    /// The identity registry (owned by governance; its hook reaches governance).
    pub identity: Addr,
    /// Where vetoed proposal deposits and zero-weight pool shares go.
    pub community: Addr,
}

impl Market {
    /// Deploys the market; `fair` are initial FAIR balances, `credits` native
    /// balances of the credit currency.
    pub fn deploy(fair: &[(&Addr, u128)], credits: &[(&Addr, u128)]) -> Market {
        Self::deploy_with_attesters(fair, credits, &[])
    }

    /// `deploy`, with `attesters` appointed in the registry at instantiate
    /// (the deployed market has none: governance appoints them by proposal).
    pub fn deploy_with_attesters(
        fair: &[(&Addr, u128)],
        credits: &[(&Addr, u128)],
        attesters: &[&Addr],
    ) -> Market {
        Self::deploy_custom(fair, credits, attesters, UNIDENTIFIED_POLICY)
    }

    /// `deploy_with_attesters` with another policy for stake without
    /// identity (the fairness report compares `per_address`).
    pub fn deploy_custom(
        fair: &[(&Addr, u128)],
        credits: &[(&Addr, u128)],
        attesters: &[&Addr],
        unidentified: governance::UnidentifiedPolicy,
    ) -> Market {
        let mut app = App::default();
        let deployer = app.api().addr_make("deployer");
        let community = app.api().addr_make("community-pool");
        app.init_modules(|router, _, storage| {
            for (who, amount) in credits {
                router
                    .bank
                    .init_balance(storage, who, vec![coin(*amount, CREDIT)])
                    .unwrap();
            }
        });
        let token_id = app.store_code(fairgrid_testing::cw20_base_contract());
        let governance_id = app.store_code(governance_code());
        let distributor_id = app.store_code(distributor_code());
        let escrow_id = app.store_code(escrow_code());
        let identity_id = app.store_code(identity_code());

        let token = app
            .instantiate_contract(
                token_id,
                deployer.clone(),
                &cw20_base::msg::InstantiateMsg {
                    name: "Fairgrid".into(),
                    symbol: "FAIR".into(),
                    decimals: 6,
                    initial_balances: fair
                        .iter()
                        .map(|(a, amount)| Cw20Coin {
                            address: a.to_string(),
                            amount: Uint128::new(*amount),
                        })
                        .collect(),
                    mint: None,
                    marketing: None,
                },
                &[],
                "FAIR",
                None,
            )
            .unwrap();

        // The distributor's address, before it exists.
        let salt = b"fairgrid-distributor";
        let checksum = app
            .wrap()
            .query_wasm_code_info(distributor_id)
            .unwrap()
            .checksum;
        let creator = app.api().addr_canonicalize(deployer.as_str()).unwrap();
        let canonical = instantiate2_address(checksum.as_slice(), &creator, salt).unwrap();
        let distributor_addr = app.api().addr_humanize(&canonical).unwrap();
        // The registry's address, before it exists.
        let registry_salt = b"fairgrid-identity-registry";
        let registry_checksum = app
            .wrap()
            .query_wasm_code_info(identity_id)
            .unwrap()
            .checksum;
        let registry_canonical =
            instantiate2_address(registry_checksum.as_slice(), &creator, registry_salt).unwrap();
        let registry_addr = app.api().addr_humanize(&registry_canonical).unwrap();

        let governance = app
            .instantiate_contract(
                governance_id,
                deployer.clone(),
                &governance::InstantiateMsg {
                    token: token.to_string(),
                    curve: Curve::SquareRoot,
                    min_stake: Uint128::new(FAIR),
                    params: governance_params(&community),
                    guardian: None,
                    hooks: vec![distributor_addr.to_string()],
                    identity: governance::IdentityConfigMsg {
                        registry: Some(registry_addr.to_string()),
                        unidentified,
                    },
                },
                &[],
                "fairgrid-governance",
                Some(deployer.to_string()),
            )
            .unwrap();
        // Governance is its own wasm admin: only a proposal migrates it.
        app.execute(
            deployer.clone(),
            WasmMsg::UpdateAdmin {
                contract_addr: governance.to_string(),
                admin: governance.to_string(),
            }
            .into(),
        )
        .unwrap();

        let escrow = app
            .instantiate_contract(
                escrow_id,
                deployer.clone(),
                &escrow::InstantiateMsg {
                    owner: governance.to_string(),
                    arbiter: governance.to_string(),
                    fee_collector: distributor_addr.to_string(),
                    collateral_hook: Some(distributor_addr.to_string()),
                    accepted_assets: vec![AssetInfoUnchecked::native(CREDIT)],
                    collateral_asset: AssetInfoUnchecked::cw20(token.as_str()),
                    service_asset: None,
                    protocol_fee: Bps::new(PROTOCOL_FEE_BPS).unwrap(),
                    min_collateral: Uint128::new(100 * FAIR),
                    settlement_delay: HOUR,
                    unbonding_delay: 7 * DAY,
                    max_lease_duration: 30 * DAY,
                },
                &[],
                "fairgrid-compute-escrow",
                Some(governance.to_string()),
            )
            .unwrap();

        let distributor = app
            .instantiate2_contract(
                distributor_id,
                deployer.clone(),
                &distributor::InstantiateMsg {
                    owner: governance.to_string(),
                    fallback: community.to_string(),
                    assets: vec![AssetInfoUnchecked::native(CREDIT)],
                    pools: vec![
                        // Linear: governance reports 0 below `min_stake`
                        // and the stake above it, so splitting stake over
                        // addresses never raises its pool weight (under a
                        // square root, k addresses would earn √k times more).
                        distributor::PoolMsg {
                            pool_id: STAKERS_POOL.into(),
                            source: governance.to_string(),
                            curve: Curve::Linear,
                        },
                        distributor::PoolMsg {
                            pool_id: PROVIDERS_POOL.into(),
                            source: escrow.to_string(),
                            curve: Curve::Linear,
                        },
                    ],
                    recipients: vec![
                        recipient_pool(STAKERS_POOL, STAKERS_BPS),
                        recipient_pool(PROVIDERS_POOL, PROVIDERS_BPS),
                        distributor::RecipientMsg {
                            target: distributor::RecipientTargetMsg::Address {
                                address: governance.to_string(),
                            },
                            weight: Bps::new(TREASURY_BPS).unwrap(),
                        },
                    ],
                },
                &[],
                "fairgrid-fee-distributor",
                Some(governance.to_string()),
                salt.to_vec(),
            )
            .unwrap();
        assert_eq!(
            distributor, distributor_addr,
            "instantiate2 address as predicted"
        );

        let identity = app
            .instantiate2_contract(
                identity_id,
                deployer.clone(),
                &identity::InstantiateMsg {
                    owner: governance.to_string(),
                    max_addresses: MAX_ADDRESSES_PER_IDENTITY,
                    attesters: attesters.iter().map(|a| a.to_string()).collect(),
                    subscribers: vec![governance.to_string()],
                },
                &[],
                "fairgrid-identity-registry",
                Some(governance.to_string()),
                registry_salt.to_vec(),
            )
            .unwrap();
        assert_eq!(identity, registry_addr, "instantiate2 address as predicted");

        let market = Market {
            app,
            deployer,
            token,
            governance,
            distributor,
            escrow,
            identity,
            community,
        };
        market.verify_wiring(unidentified);
        market
    }

    /// Checks every link of the wiring by querying the contracts and the chain.
    pub fn verify_wiring(&self, unidentified: governance::UnidentifiedPolicy) {
        let q = self.app.wrap();
        let e: escrow::ConfigResponse = q
            .query_wasm_smart(&self.escrow, &escrow::QueryMsg::Config {})
            .unwrap();
        assert_eq!(e.owner, self.governance);
        assert_eq!(e.arbiter, self.governance);
        assert_eq!(e.fee_collector, self.distributor);
        assert_eq!(e.collateral_hook.as_ref(), Some(&self.distributor));

        let g: governance::ConfigResponse = q
            .query_wasm_smart(&self.governance, &governance::QueryMsg::Config {})
            .unwrap();
        assert_eq!(g.token, self.token);
        assert_eq!(g.hooks, vec![self.distributor.clone()]);
        assert_eq!(g.identity.registry.as_ref(), Some(&self.identity));
        assert_eq!(g.identity.unidentified, unidentified);

        let d: distributor::ConfigResponse = q
            .query_wasm_smart(&self.distributor, &distributor::QueryMsg::Config {})
            .unwrap();
        assert_eq!(d.owner, self.governance);
        let pools: distributor::PoolsResponse = q
            .query_wasm_smart(
                &self.distributor,
                &distributor::QueryMsg::Pools {
                    start_after: None,
                    limit: None,
                },
            )
            .unwrap();
        let sources: Vec<(String, Addr)> = pools
            .pools
            .iter()
            .map(|p| (p.pool_id.clone(), p.source.clone()))
            .collect();
        assert!(sources.contains(&(STAKERS_POOL.to_string(), self.governance.clone())));
        assert!(sources.contains(&(PROVIDERS_POOL.to_string(), self.escrow.clone())));

        let i: identity::ConfigResponse = q
            .query_wasm_smart(&self.identity, &identity::QueryMsg::Config {})
            .unwrap();
        assert_eq!(i.owner, self.governance);
        assert_eq!(i.max_addresses, MAX_ADDRESSES_PER_IDENTITY);
        assert_eq!(
            i.subscribers,
            vec![self.governance.clone()],
            "governance hears every identity change"
        );

        for contract in [
            &self.governance,
            &self.escrow,
            &self.distributor,
            &self.identity,
        ] {
            let info = q.query_wasm_contract_info(contract).unwrap();
            assert_eq!(
                info.admin.as_ref(),
                Some(&self.governance),
                "wasm admin of {contract}"
            );
        }
    }

    /// `attester` links `who` to `identity` (a new one when None) in the
    /// registry; its hook reaches governance. Returns the identity.
    pub fn link(&mut self, attester: &Addr, who: &Addr, identity: Option<u64>) -> u64 {
        let registry = self.identity.clone();
        let res = self
            .app
            .execute_contract(
                attester.clone(),
                registry,
                &identity::ExecuteMsg::Link {
                    address: who.to_string(),
                    identity,
                    expires_at_height: None,
                },
                &[],
            )
            .unwrap();
        res.events
            .iter()
            .flat_map(|e| &e.attributes)
            .find(|a| a.key == "identity")
            .expect("identity attribute")
            .value
            .parse()
            .unwrap()
    }

    pub fn addr(&self, name: &str) -> Addr {
        self.app.api().addr_make(name)
    }

    /// Moves the chain `seconds` ahead, one block per 5 seconds.
    pub fn advance(&mut self, seconds: u64) {
        self.app.update_block(|b| {
            b.time = b.time.plus_seconds(seconds);
            b.height += seconds.div_ceil(5).max(1);
        });
    }

    pub fn fair_balance(&self, who: &Addr) -> u128 {
        let res: cw20::BalanceResponse = self
            .app
            .wrap()
            .query_wasm_smart(
                &self.token,
                &cw20::Cw20QueryMsg::Balance {
                    address: who.to_string(),
                },
            )
            .unwrap();
        res.balance.u128()
    }

    pub fn credit_balance(&self, who: &Addr) -> u128 {
        self.app
            .wrap()
            .query_balance(who, CREDIT)
            .unwrap()
            .amount
            .u128()
    }

    /// Sends FAIR to a contract with a hook message (cw20 `Send`).
    pub fn send_fair(
        &mut self,
        from: &Addr,
        contract: &Addr,
        amount: u128,
        msg: &impl serde::Serialize,
    ) -> anyhow::Result<AppResponse> {
        let token = self.token.clone();
        self.app.execute_contract(
            from.clone(),
            token,
            &Cw20ExecuteMsg::Send {
                contract: contract.to_string(),
                amount: Uint128::new(amount),
                msg: to_json_binary(msg)?,
            },
            &[],
        )
    }

    pub fn credits(amount: u128) -> Vec<Coin> {
        vec![coin(amount, CREDIT)]
    }
}

fn recipient_pool(pool: &str, bps: u16) -> distributor::RecipientMsg {
    distributor::RecipientMsg {
        target: distributor::RecipientTargetMsg::Pool {
            pool_id: pool.into(),
        },
        weight: Bps::new(bps).unwrap(),
    }
}

/// The invariants of docs/design.md across the market, checked after every story step.
impl Market {
    pub fn check_invariants(&self) {
        let q = self.app.wrap();
        // escrow: for each asset, what it holds equals what it owes
        let solvency: escrow::SolvencyResponse = q
            .query_wasm_smart(
                &self.escrow,
                &escrow::QueryMsg::Solvency {
                    start_after: None,
                    limit: Some(30),
                },
            )
            .unwrap();
        for a in &solvency.assets {
            assert_eq!(a.held, a.owed, "escrow solvency of {}", a.asset);
        }
        // distributor: received = paid + sent + burned + owed + carried; held ≥ owed
        let rec: distributor::ReconciliationResponse = q
            .query_wasm_smart(
                &self.distributor,
                &distributor::QueryMsg::Reconciliation {
                    asset: AssetInfoUnchecked::native(CREDIT),
                },
            )
            .unwrap();
        assert_eq!(
            rec.received,
            rec.paid + rec.sent + rec.burned + rec.owed + rec.carried,
            "distributor reconciliation {rec:?}"
        );
        assert!(
            rec.held >= rec.owed,
            "distributor holds what it owes {rec:?}"
        );
        assert_eq!(
            rec.held,
            Uint128::new(self.credit_balance(&self.distributor)),
            "distributor reports its real balance"
        );
    }

    pub fn reconciliation(&self) -> distributor::ReconciliationResponse {
        self.app
            .wrap()
            .query_wasm_smart(
                &self.distributor,
                &distributor::QueryMsg::Reconciliation {
                    asset: AssetInfoUnchecked::native(CREDIT),
                },
            )
            .unwrap()
    }
}

impl fairgrid_testing::OnChain for Market {
    fn chain(&self) -> &App {
        &self.app
    }
}
