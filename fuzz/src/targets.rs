//! The four contracts as fuzz targets, each with its seeded state.

use cosmwasm_std::testing::message_info;
use cosmwasm_std::{coin, to_json_binary, Addr, Binary, Env, MessageInfo, Response, StdResult};
use cosmwasm_std::{CosmosMsg, Uint128};
use cw20::Cw20ReceiveMsg;
use fairgrid::bps::Bps;
use fairgrid::curve::Curve;
use fairgrid::{distributor, escrow, governance, identity, AssetInfoUnchecked};

use crate::{addr, env_of, seeded, Deps, Target, SEED_HEIGHT, SEED_TIME};

const FAIR: u128 = 1_000_000;

fn at(contract: &str, plus: u64) -> Env {
    env_of(contract, SEED_TIME + plus, SEED_HEIGHT + plus)
}

fn hook(sender: &str, amount: u128, msg: &impl serde::Serialize) -> Cw20ReceiveMsg {
    Cw20ReceiveMsg {
        sender: addr(sender).to_string(),
        amount: Uint128::new(amount),
        msg: to_json_binary(msg).unwrap(),
    }
}

/// The parts of a [`Target`] that only forward to a contract crate's entry
/// points and name its message types: `entry_points!(contract_crate, msgs)`.
macro_rules! entry_points {
    ($contract:ident, $msgs:ident) => {
        type Inst = $msgs::InstantiateMsg;
        type Exec = $msgs::ExecuteMsg;
        type Query = $msgs::QueryMsg;
        type Migrate = $msgs::MigrateMsg;
        type Error = $contract::ContractError;

        fn instantiate(
            deps: &mut Deps,
            env: Env,
            info: MessageInfo,
            msg: Self::Inst,
        ) -> Result<Response, Self::Error> {
            $contract::contract::instantiate(deps.as_mut(), env, info, msg)
        }
        fn execute(
            deps: &mut Deps,
            env: Env,
            info: MessageInfo,
            msg: Self::Exec,
        ) -> Result<Response, Self::Error> {
            $contract::contract::execute(deps.as_mut(), env, info, msg)
        }
        fn query(deps: &Deps, env: Env, msg: Self::Query) -> StdResult<Binary> {
            $contract::contract::query(deps.as_ref(), env, msg)
        }
        fn migrate(deps: &mut Deps, env: Env, msg: Self::Migrate) -> Result<Response, Self::Error> {
            $contract::contract::migrate(deps.as_mut(), env, msg)
        }
        fn receive(sender: &Addr, amount: Uint128, msg: Binary) -> Option<Self::Exec> {
            Some($msgs::ExecuteMsg::Receive(Cw20ReceiveMsg {
                sender: sender.to_string(),
                amount,
                msg,
            }))
        }
    };
    // a contract without a cw20 hook
    ($contract:ident, $msgs:ident, no_receive) => {
        type Inst = $msgs::InstantiateMsg;
        type Exec = $msgs::ExecuteMsg;
        type Query = $msgs::QueryMsg;
        type Migrate = $msgs::MigrateMsg;
        type Error = $contract::ContractError;

        fn instantiate(
            deps: &mut Deps,
            env: Env,
            info: MessageInfo,
            msg: Self::Inst,
        ) -> Result<Response, Self::Error> {
            $contract::contract::instantiate(deps.as_mut(), env, info, msg)
        }
        fn execute(
            deps: &mut Deps,
            env: Env,
            info: MessageInfo,
            msg: Self::Exec,
        ) -> Result<Response, Self::Error> {
            $contract::contract::execute(deps.as_mut(), env, info, msg)
        }
        fn query(deps: &Deps, env: Env, msg: Self::Query) -> StdResult<Binary> {
            $contract::contract::query(deps.as_ref(), env, msg)
        }
        fn migrate(deps: &mut Deps, env: Env, msg: Self::Migrate) -> Result<Response, Self::Error> {
            $contract::contract::migrate(deps.as_mut(), env, msg)
        }
        fn receive(_sender: &Addr, _amount: Uint128, _msg: Binary) -> Option<Self::Exec> {
            None
        }
    };
}

pub struct Escrow;

impl Target for Escrow {
    entry_points!(fairgrid_compute_escrow, escrow);
    const NAME: &'static str = "escrow";

    /// A provider with 500 FAIR collateral and one offer, a renter with
    /// credits and a 10-hour lease on it.
    fn seed(deps: &mut Deps) {
        let gov = addr("governance").to_string();
        let dist = addr("distributor").to_string();
        let inst = escrow::InstantiateMsg {
            owner: gov.clone(),
            arbiter: gov,
            fee_collector: dist.clone(),
            collateral_hook: Some(dist),
            accepted_assets: vec![AssetInfoUnchecked::native("uusdc")],
            collateral_asset: AssetInfoUnchecked::cw20(addr("fairtoken").as_str()),
            service_asset: None,
            protocol_fee: Bps::new(250).unwrap(),
            min_collateral: Uint128::new(100 * FAIR),
            settlement_delay: 3_600,
            unbonding_delay: 7 * 86_400,
            max_lease_duration: 30 * 86_400,
        };
        let alice = addr("alice");
        seeded(
            "instantiate",
            Self::instantiate(deps, at("escrow", 0), message_info(&alice, &[]), inst),
        );
        let register = escrow::ExecuteMsg::Receive(hook(
            "provider",
            500 * FAIR,
            &escrow::ReceiveMsg::RegisterProvider {
                metadata: escrow::ProviderMetadata {
                    name: "farm".into(),
                    contact: None,
                },
            },
        ));
        let token = message_info(&addr("fairtoken"), &[]);
        seeded(
            "register",
            Self::execute(deps, at("escrow", 1), token, register),
        );
        let offer = escrow::ExecuteMsg::CreateOffer {
            offer: escrow::OfferParams {
                gpu_model: "H100-SXM".into(),
                gpu_count: 8,
                memory_gib: 80,
                region: "eu-west".into(),
                asset: AssetInfoUnchecked::native("uusdc"),
                price_per_hour: Uint128::new(3_600_000),
                min_duration: 60,
                max_duration: 86_400,
                slots: 2,
            },
        };
        let provider = message_info(&addr("provider"), &[]);
        seeded(
            "offer",
            Self::execute(deps, at("escrow", 2), provider, offer),
        );
        let renter = addr("renter");
        let deposit = escrow::ExecuteMsg::Deposit { beneficiary: None };
        seeded(
            "deposit",
            Self::execute(
                deps,
                at("escrow", 3),
                message_info(&renter, &[coin(100_000_000, "uusdc")]),
                deposit,
            ),
        );
        let lease = escrow::ExecuteMsg::OpenLease {
            offer_id: 1,
            duration: 36_000,
            max_price_per_hour: Uint128::new(3_600_000),
        };
        seeded(
            "lease",
            Self::execute(deps, at("escrow", 4), message_info(&renter, &[]), lease),
        );
    }
}

pub struct Governance;

impl Target for Governance {
    entry_points!(fairgrid_governance, governance);
    const NAME: &'static str = "governance";

    /// Two stakers, one open proposal with a yes vote, one pending claim.
    fn seed(deps: &mut Deps) {
        let inst = governance::InstantiateMsg {
            token: addr("fairtoken").to_string(),
            curve: Curve::SquareRoot,
            min_stake: Uint128::new(FAIR),
            params: governance::ParamsMsg {
                cap: Bps::new(1_000).unwrap(),
                quorum: Bps::new(2_000).unwrap(),
                threshold: governance::Threshold::Percent(Bps::new(5_000).unwrap()),
                veto_threshold: Bps::new(3_334).unwrap(),
                voting_period: 3 * 86_400,
                timelock: 86_400,
                execution_window: 7 * 86_400,
                min_deposit: Uint128::new(10 * FAIR),
                min_propose_power: Uint128::zero(),
                unbonding_period: cw_utils_time(14 * 86_400),
                treasury: addr("communitypool").to_string(),
                deposit_refund: governance::RefundPolicy::NotVetoed,
            },
            guardian: Some(addr("guardian").to_string()),
            hooks: vec![addr("distributor").to_string()],
            identity: governance::IdentityConfigMsg {
                registry: Some(addr("identityregistry").to_string()),
                unidentified: governance::UnidentifiedPolicy::LinearShare,
            },
        };
        let alice = addr("alice");
        seeded(
            "instantiate",
            Self::instantiate(deps, at("governance", 0), message_info(&alice, &[]), inst),
        );
        let token = || message_info(&addr("fairtoken"), &[]);
        for (who, amount) in [("alice", 1_000 * FAIR), ("renter", 100 * FAIR)] {
            let stake = governance::ExecuteMsg::Receive(hook(
                who,
                amount,
                &governance::ReceiveMsg::Stake {},
            ));
            seeded(
                "stake",
                Self::execute(deps, at("governance", 1), token(), stake),
            );
        }
        let unstake = governance::ExecuteMsg::Unstake {
            amount: Uint128::new(10 * FAIR),
        };
        seeded(
            "unstake",
            Self::execute(
                deps,
                at("governance", 2),
                message_info(&addr("renter"), &[]),
                unstake,
            ),
        );
        let msgs: Vec<CosmosMsg> = vec![];
        let propose = governance::ExecuteMsg::Receive(hook(
            "alice",
            10 * FAIR,
            &governance::ReceiveMsg::Propose {
                title: "t".into(),
                description: "d".into(),
                msgs,
            },
        ));
        seeded(
            "propose",
            Self::execute(deps, at("governance", 3), token(), propose),
        );
        let vote = governance::ExecuteMsg::Vote {
            proposal_id: 1,
            vote: governance::VoteOption::Yes,
        };
        seeded(
            "vote",
            Self::execute(deps, at("governance", 4), message_info(&alice, &[]), vote),
        );
    }
}

fn cw_utils_time(seconds: u64) -> cw_utils::Duration {
    cw_utils::Duration::Time(seconds)
}

pub struct Distributor;

impl Target for Distributor {
    entry_points!(fairgrid_fee_distributor, distributor);
    const NAME: &'static str = "distributor";

    /// The deployment's pools and split, two members, one fee deposit.
    fn seed(deps: &mut Deps) {
        let pool = |id: &str, source: &str, curve| distributor::PoolMsg {
            pool_id: id.into(),
            source: addr(source).to_string(),
            curve,
        };
        let to_pool = |id: &str, bps| distributor::RecipientMsg {
            target: distributor::RecipientTargetMsg::Pool { pool_id: id.into() },
            weight: Bps::new(bps).unwrap(),
        };
        let inst = distributor::InstantiateMsg {
            owner: addr("governance").to_string(),
            fallback: addr("communitypool").to_string(),
            assets: vec![AssetInfoUnchecked::native("uusdc")],
            pools: vec![
                pool("stakers", "governance", Curve::SquareRoot),
                pool("providers", "escrow", Curve::Linear),
            ],
            recipients: vec![
                to_pool("stakers", 5_000),
                to_pool("providers", 3_000),
                distributor::RecipientMsg {
                    target: distributor::RecipientTargetMsg::Address {
                        address: addr("governance").to_string(),
                    },
                    weight: Bps::new(2_000).unwrap(),
                },
            ],
        };
        let alice = addr("alice");
        seeded(
            "instantiate",
            Self::instantiate(deps, at("distributor", 0), message_info(&alice, &[]), inst),
        );
        for (source, who, w) in [
            ("governance", "alice", 1_000 * FAIR),
            ("escrow", "provider", 500 * FAIR),
        ] {
            let msg = distributor::ExecuteMsg::WeightChanged(fairgrid::hook::WeightChange {
                account: addr(who).to_string(),
                old: Uint128::zero(),
                new: Uint128::new(w),
            });
            seeded(
                "weight",
                Self::execute(
                    deps,
                    at("distributor", 1),
                    message_info(&addr(source), &[]),
                    msg,
                ),
            );
        }
        let deposit = distributor::ExecuteMsg::Deposit {};
        seeded(
            "deposit",
            Self::execute(
                deps,
                at("distributor", 2),
                message_info(&addr("escrow"), &[coin(1_000_003, "uusdc")]),
                deposit,
            ),
        );
    }
}

pub struct Identity;

impl Target for Identity {
    entry_points!(fairgrid_identity_registry, identity, no_receive);
    const NAME: &'static str = "identityregistry";

    /// The deployment's registry (owner governance, governance subscribed,
    /// one attester) with four links: alice and renter on identity 1 (alice's
    /// expiring later), provider alone on identity 2 without expiry, and
    /// stranger's link on identity 3 already expired at call time (for
    /// `expire` and the replace path), not yet removed.
    fn seed(deps: &mut Deps) {
        let inst = identity::InstantiateMsg {
            owner: addr("governance").to_string(),
            max_addresses: 20,
            attesters: vec![addr("attester").to_string()],
            subscribers: vec![addr("governance").to_string()],
        };
        let alice = addr("alice");
        seeded(
            "instantiate",
            Self::instantiate(
                deps,
                at("identityregistry", 0),
                message_info(&alice, &[]),
                inst,
            ),
        );
        let attester = || message_info(&addr("attester"), &[]);
        for (plus, who, id, expires) in [
            (1, "alice", None, Some(SEED_HEIGHT + 5_000_000)),
            (2, "renter", Some(1), None),
            (3, "provider", None, None),
            (4, "stranger", None, Some(SEED_HEIGHT + 100)),
        ] {
            let link = identity::ExecuteMsg::Link {
                address: addr(who).to_string(),
                identity: id,
                expires_at_height: expires,
            };
            seeded(
                "link",
                Self::execute(deps, at("identityregistry", plus), attester(), link),
            );
        }
    }
}
