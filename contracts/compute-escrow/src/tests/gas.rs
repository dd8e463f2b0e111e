//! Storage cost of the hot messages, measured by counting every storage
//! read and write the handler makes and pricing them like the Cosmos SDK
//! (read 1000 + 3/byte, write 2000 + 30/byte, delete 1000, iterator step 30,
//! with wasmd's 33-byte contract key prefix). Figures are printed (run with
//! `--nocapture`); the assertions are about work not growing with the number
//! of leases, never about time.

use cosmwasm_std::testing::{message_info, mock_env};
use cosmwasm_std::{coin, Addr, Env, Uint128};
use fairgrid::escrow::{ExecuteMsg, InstantiateMsg, ProviderMetadata};
use fairgrid::{AssetInfoUnchecked, Bps};
use fairgrid_testing::{metered_deps, MeteredDeps, StorageOps};

use super::suite::{offer_params, ANY_PRICE, CREDIT, FAIR};
use crate::contract::{execute, instantiate};

struct Bench {
    deps: MeteredDeps,
    env: Env,
    renter: Addr,
    provider: Addr,
}

impl Bench {
    fn new() -> Self {
        let mut deps = metered_deps();
        let api = deps.api;
        let owner = api.addr_make("owner");
        let msg = InstantiateMsg {
            owner: owner.to_string(),
            arbiter: owner.to_string(),
            fee_collector: api.addr_make("collector").to_string(),
            collateral_hook: None,
            accepted_assets: vec![AssetInfoUnchecked::native(CREDIT)],
            collateral_asset: AssetInfoUnchecked::native(FAIR),
            service_asset: None,
            protocol_fee: Bps::new(250).unwrap(),
            min_collateral: Uint128::new(1_000),
            settlement_delay: 600,
            unbonding_delay: 86_400,
            max_lease_duration: 30 * 86_400,
        };
        let env = mock_env();
        instantiate(deps.as_mut(), env.clone(), message_info(&owner, &[]), msg).unwrap();
        let mut b = Bench {
            deps,
            env,
            renter: api.addr_make("renter"),
            provider: api.addr_make("provider"),
        };
        let p = b.provider.clone();
        b.run(
            &p,
            ExecuteMsg::RegisterProvider {
                metadata: ProviderMetadata {
                    name: "rack".into(),
                    contact: None,
                },
            },
            &[coin(10_000, FAIR)],
        );
        let mut params = offer_params(AssetInfoUnchecked::native(CREDIT), 3_600);
        params.slots = 20_000;
        b.run(&p, ExecuteMsg::CreateOffer { offer: params }, &[]);
        let r = b.renter.clone();
        b.run(
            &r,
            ExecuteMsg::Deposit { beneficiary: None },
            &[coin(1_000_000_000, CREDIT)],
        );
        b
    }

    fn run(&mut self, sender: &Addr, msg: ExecuteMsg, funds: &[cosmwasm_std::Coin]) -> StorageOps {
        self.deps.storage.take();
        execute(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(sender, funds),
            msg,
        )
        .unwrap();
        self.deps.storage.take()
    }

    fn open(&mut self) -> StorageOps {
        let r = self.renter.clone();
        self.run(
            &r,
            ExecuteMsg::OpenLease {
                offer_id: 1,
                duration: 3_600,
                max_price_per_hour: ANY_PRICE,
            },
            &[],
        )
    }

    fn advance(&mut self, secs: u64) {
        self.env.block.time = self.env.block.time.plus_seconds(secs);
    }
}

/// Opens `existing` leases first, then measures open, claim and close.
fn measure(existing: u64) -> (StorageOps, StorageOps, StorageOps) {
    let mut b = Bench::new();
    for _ in 0..existing {
        b.open();
    }
    let open = b.open();
    let id = existing + 1;
    b.advance(1_200);
    let p = b.provider.clone();
    let claim = b.run(
        &p,
        ExecuteMsg::ClaimEarnings {
            lease_ids: vec![id],
        },
        &[],
    );
    let r = b.renter.clone();
    let close = b.run(&r, ExecuteMsg::CloseLease { lease_id: id }, &[]);
    (open, claim, close)
}

#[test]
fn open_claim_and_close_storage_cost_does_not_grow_with_the_number_of_leases() {
    let small = measure(10);
    let large = measure(10_000);
    for (name, s, l) in [
        ("open lease", small.0, large.0),
        ("claim earnings", small.1, large.1),
        ("close lease", small.2, large.2),
    ] {
        println!(
            "{name:>15}: {} reads, {} writes, {} deletes, {} iterator steps; \
             storage SDK gas {} with 10 leases, {} with 10,000",
            s.reads,
            s.writes,
            s.deletes,
            s.range_steps,
            s.sdk_gas(),
            l.sdk_gas()
        );
        assert_eq!(s.shape(), l.shape(), "{name}: same reads and writes");
        assert_eq!(s.range_steps, 0, "{name} iterates nothing");
        // ids of 10,000 leases are a few bytes longer in JSON at most
        assert!(l.sdk_gas() <= s.sdk_gas() * 110 / 100, "{name} within 10 %");
    }
}
