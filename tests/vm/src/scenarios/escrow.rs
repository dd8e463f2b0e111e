//! compute-escrow on the optimized wasm: deposit → register → offer → open →
//! claim → close, each answer checked, each call measured.

use cosmwasm_std::{coin, Uint128};
use serde_json::{json, Value};

use crate::report::Row;
use crate::{attr, Contract, Cost};

pub const ARTIFACT: &str = "fairgrid_compute_escrow.wasm";
const CONTRACT: &str = "compute-escrow";
/// docs/design.md (Gas targets): open, claim and close at most 2 × a cw20 transfer.
const TARGET_LEASE_OPS: u64 = 27_800;

/// Why opening a lease costs more than two cw20 transfers (see the writes
/// the report lists with it).
const WHY_OPEN_LEASE: &str = "a lease is six records: the lease (its terms, fixed at opening so a later config change cannot alter it, and the renter's address), the renter's credit balance, the offer's slot count, the lease in the renter's and in the provider's paginated lists (each key carries an address) and the lease-id counter. The target, two cw20 transfers, is four writes of the size of a balance; meeting it would mean dropping both lists and the counter, so that no renter or provider could list its leases from the chain (the console and the TypeScript client do). Hot and cold parts are already apart: the offer's terms are read, not rewritten; its slot count is a separate 26-byte value.";

const T0: u64 = 1_700_000_000;
const HOUR: u64 = 3_600;
const PRICE_PER_HOUR: u128 = 3_600_000; // 1,000 ucredit per second

pub struct Escrow {
    pub contract: Contract,
    /// An accepted cw20 credit token.
    pub token: String,
    pub owner: String,
    pub provider: String,
    pub renter: String,
    pub collector: String,
}

impl Escrow {
    pub fn instantiate() -> Escrow {
        let mut contract = Contract::load(ARTIFACT);
        let owner = contract.addr("governance");
        let provider = contract.addr("provider");
        let renter = contract.addr("renter");
        let collector = contract.addr("distributor");
        let token = contract.addr("credit-token");
        let env = contract.env_at(1, T0);
        let msg = json!({
            "owner": owner,
            "arbiter": owner,
            "fee_collector": collector,
            // as deployed: the distributor's providers pool hears service
            // weights (claims and rulings build the hook submessage)
            "collateral_hook": collector,
            "accepted_assets": [{"native": "ucredit"}, {"cw20": token}],
            "collateral_asset": {"native": "ufair"},
            "protocol_fee": 250,
            "min_collateral": "1000",
            "settlement_delay": HOUR,
            "unbonding_delay": 7 * 24 * HOUR,
            "max_lease_duration": 30 * 24 * HOUR,
        });
        let info = contract.info(&owner, &[]);
        contract.instantiate(&env, &info, &msg).unwrap();
        Escrow {
            contract,
            token,
            owner,
            provider,
            renter,
            collector,
        }
    }

    fn query(&mut self, seconds: u64, msg: Value) -> Value {
        let env = self.contract.env_at(100, seconds);
        self.contract.query(&env, &msg).unwrap()
    }
}

/// Runs the lease life cycle, checking every answer; returns the measured rows.
pub fn rows() -> Vec<Row> {
    let mut rows = Vec::new();
    let mut e = Escrow::instantiate();
    let config = e.query(T0, json!({"config": {}}));
    assert_eq!(config["owner"], Value::String(e.owner.clone()), "{config}");
    let c = &mut e.contract;
    let env = c.env_at(2, T0);

    let call = c.execute(
        &env,
        &c.info(&e.renter, &[coin(10_000_000, "ucredit")]),
        &json!({"deposit": {"beneficiary": null}}),
    );
    rows.push(Row::new(
        CONTRACT,
        "deposit (native credits)",
        call.cost,
        None,
    ));
    let res = call.unwrap();
    assert_eq!(attr(&res, "action"), Some("deposit"));

    let call = c.execute(
        &env,
        &c.info(&e.provider, &[coin(5_000, "ufair")]),
        &json!({"register_provider": {"metadata": {"name": "gpu-farm", "contact": null}}}),
    );
    rows.push(Row::new(CONTRACT, "register_provider", call.cost, None));
    call.unwrap();

    let call = c.execute(
        &env,
        &c.info(&e.provider, &[]),
        &json!({"create_offer": {"offer": {
            "gpu_model": "H100-SXM", "gpu_count": 8, "memory_gib": 80, "region": "eu-west",
            "asset": {"native": "ucredit"}, "price_per_hour": PRICE_PER_HOUR.to_string(),
            "min_duration": 60, "max_duration": 24 * HOUR, "slots": 4
        }}}),
    );
    rows.push(Row::new(CONTRACT, "create_offer", call.cost, None));
    let res = call.unwrap();
    assert_eq!(attr(&res, "offer_id"), Some("1"));

    let call = c.execute(
        &env,
        &c.info(&e.renter, &[]),
        &json!({"open_lease": {"offer_id": 1, "duration": 2 * HOUR, "max_price_per_hour": PRICE_PER_HOUR.to_string()}}),
    );
    rows.push(
        Row::new(
            CONTRACT,
            "open_lease (from credits)",
            call.cost,
            Some(TARGET_LEASE_OPS),
        )
        .why(WHY_OPEN_LEASE),
    );
    let res = call.unwrap();
    assert_eq!(attr(&res, "lease_id"), Some("1"));

    // One hour in, half an hour past the settlement delay of the first half hour.
    let t = T0 + HOUR + HOUR / 2;
    let amounts = e.query(t, json!({"lease_amounts": {"lease_id": 1}}));
    let accrued: u128 = amounts["accrued"].as_str().unwrap().parse().unwrap();
    assert_eq!(accrued, PRICE_PER_HOUR * 3 / 2, "{amounts}");
    let claimable: u128 = amounts["claimable_gross"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(claimable, PRICE_PER_HOUR / 2, "{amounts}");

    let c = &mut e.contract;
    let env = c.env_at(3, t);
    let call = c.execute(
        &env,
        &c.info(&e.provider, &[]),
        &json!({"claim_earnings": {"lease_ids": [1]}}),
    );
    rows.push(Row::new(
        CONTRACT,
        "claim_earnings (1 lease)",
        call.cost,
        Some(TARGET_LEASE_OPS),
    ));
    let res = call.unwrap();
    // 2.5 % of 1,800,000 = 45,000 stays owed to the collector, the rest
    // goes to the provider: the claim sends the collector no funds, only
    // the provider's new service weight (the fee) for the providers pool.
    let paid: Vec<String> = res
        .messages
        .iter()
        .map(|m| format!("{:?}", m.msg))
        .collect();
    assert!(paid.iter().any(|m| m.contains("1755000")), "{paid:?}");
    assert!(
        !paid
            .iter()
            .any(|m| m.contains(&e.collector) && !m.contains("weight_changed")),
        "{paid:?}"
    );
    assert!(
        paid.iter()
            .any(|m| m.contains(r#""old":"0","new":"45000""#)),
        "{paid:?}"
    );
    assert_eq!(attr(&res, "fee"), Some("45000"));

    let call = c.execute(
        &env,
        &c.info(&e.renter, &[]),
        &json!({"close_lease": {"lease_id": 1}}),
    );
    rows.push(Row::new(
        CONTRACT,
        "close_lease (renter, early)",
        call.cost,
        Some(TARGET_LEASE_OPS),
    ));
    call.unwrap();

    // Renter: 10,000,000 − reservation 7,200,000 + refund 1,800,000 (1.5 h unused of 2 h).
    let credits = e.query(
        t,
        json!({"credits": {"account": e.renter, "start_after": null, "limit": null}}),
    );
    assert_eq!(
        credits["credits"][0]["amount"],
        Value::String(Uint128::new(10_000_000 - 7_200_000 + 1_800_000).to_string()),
        "{credits}"
    );
    rows.extend(remaining_messages(&mut e, t));
    rows
}

/// Every other execute message, in an order that makes each one valid.
fn remaining_messages(e: &mut Escrow, t: u64) -> Vec<Row> {
    let mut rows = Vec::new();
    let (renter, provider, owner) = (e.renter.clone(), e.provider.clone(), e.owner.clone());
    let mut step = |e: &mut Escrow,
                    seconds: u64,
                    who: &str,
                    funds: &[cosmwasm_std::Coin],
                    msg: Value,
                    label: &str,
                    action: &str| {
        let c = &mut e.contract;
        let env = c.env_at(10 + seconds / 5, seconds);
        let info = c.info(who, funds);
        let (res, cost) = c.execute_action(&env, &info, &msg, label, action);
        rows.push(Row::new(CONTRACT, label, cost, None));
        res
    };
    let withdraw = json!({"withdraw": {"asset": {"native": "ucredit"}, "amount": "1000000", "recipient": null}});
    step(
        e,
        t,
        &renter,
        &[],
        withdraw,
        "withdraw (credits)",
        "withdraw",
    );
    let token = e.token.clone();
    let deposit_hook = json!({"deposit": {"beneficiary": null}});
    let receive = crate::scenarios::governance::receive(&renter, 5_000_000, &deposit_hook);
    step(
        e,
        t,
        &token,
        &[],
        receive,
        "receive (cw20 deposit)",
        "deposit",
    );
    let update =
        json!({"update_provider": {"metadata": {"name": "gpu-farm eu", "contact": "ops"}}});
    step(
        e,
        t,
        &provider,
        &[],
        update,
        "update_provider",
        "update_provider",
    );
    let add = json!({"add_collateral": {}});
    step(
        e,
        t,
        &provider,
        &[coin(1_000, "ufair")],
        add,
        "add_collateral",
        "add_collateral",
    );
    let sponsor = e.contract.addr("sponsor");
    let sponsor_deposit = json!({"deposit": {"beneficiary": renter}});
    let funds = [coin(20_000_000, "ucredit")];
    let label = "deposit (sponsoring a beneficiary)";
    step(e, t, &sponsor, &funds, sponsor_deposit, label, "deposit");

    // Lease 2: extended, disputed, resolved with a slash.
    let open = json!({"open_lease": {"offer_id": 1, "duration": HOUR, "max_price_per_hour": PRICE_PER_HOUR.to_string()}});
    let res = step(
        e,
        t,
        &renter,
        &[],
        open,
        "open_lease (second lease)",
        "open_lease",
    );
    assert_eq!(attr(&res, "lease_id"), Some("2"));
    let extend = json!({"extend_lease": {"lease_id": 2, "extra": HOUR, "max_price_per_hour": PRICE_PER_HOUR.to_string()}});
    step(
        e,
        t + 60,
        &renter,
        &[],
        extend,
        "extend_lease (from credits)",
        "extend_lease",
    );
    let dispute = json!({"open_dispute": {"lease_id": 2, "reason": "GPUs throttled"}});
    step(
        e,
        t + 120,
        &renter,
        &[],
        dispute,
        "open_dispute",
        "open_dispute",
    );
    let resolve =
        json!({"resolve_dispute": {"lease_id": 2, "provider_share": 5000, "slash": "100"}});
    step(
        e,
        t + 180,
        &owner,
        &[],
        resolve,
        "resolve_dispute (with slash)",
        "resolve_dispute",
    );

    // A sponsor grant: the sponsor's own credits pay the renter's lease 3,
    // which is closed early (the refund returns to the sponsor); revoked.
    let own = json!({"deposit": {"beneficiary": null}});
    let funds = [coin(20_000_000, "ucredit")];
    let label = "deposit (sponsor's own credits)";
    step(e, t + 190, &sponsor, &funds, own, label, "deposit");
    let grant = json!({"create_grant": {"grantee": renter, "asset": {"native": "ucredit"}, "limit": "10000000", "expires": null}});
    let res = step(
        e,
        t + 190,
        &sponsor,
        &[],
        grant,
        "create_grant (sponsor)",
        "create_grant",
    );
    assert_eq!(attr(&res, "grant_id"), Some("1"));
    let open = json!({"open_lease_from_grant": {"grant_id": 1, "offer_id": 1, "duration": HOUR, "max_price_per_hour": PRICE_PER_HOUR.to_string()}});
    let res = step(
        e,
        t + 190,
        &renter,
        &[],
        open,
        "open_lease_from_grant (sponsor's credits)",
        "open_lease",
    );
    assert_eq!(attr(&res, "lease_id"), Some("3"));
    assert_eq!(attr(&res, "paid_from"), Some("grant"));
    let extend = json!({"extend_lease": {"lease_id": 3, "extra": 60, "max_price_per_hour": PRICE_PER_HOUR.to_string()}});
    step(
        e,
        t + 195,
        &renter,
        &[],
        extend,
        "extend_lease (from a grant)",
        "extend_lease",
    );
    let close = json!({"close_lease": {"lease_id": 3}});
    let res = step(
        e,
        t + 200,
        &renter,
        &[],
        close,
        "close_lease (from a grant, refund to the sponsor)",
        "close_lease",
    );
    assert_eq!(attr(&res, "refund_to"), Some(sponsor.as_str()));
    let revoke = json!({"revoke_grant": {"grant_id": 1}});
    step(
        e,
        t + 200,
        &sponsor,
        &[],
        revoke,
        "revoke_grant (sponsor)",
        "revoke_grant",
    );

    // Lease 4 runs out by itself; anyone settles it.
    let open = json!({"open_lease": {"offer_id": 1, "duration": 60, "max_price_per_hour": PRICE_PER_HOUR.to_string()}});
    step(
        e,
        t + 200,
        &renter,
        &[],
        open,
        "open_lease (fourth lease)",
        "open_lease",
    );
    let forward = json!({"forward_fees": {"assets": [{"native": "ucredit"}]}});
    let res = step(
        e,
        t + 200,
        &owner,
        &[],
        forward,
        "forward_fees (1 asset)",
        "forward_fees",
    );
    // the claim's 45,000 and the ruling's ceil(2.5 % of 90,000) = 2,250
    assert_eq!(attr(&res, "forwarded"), Some("47250"));
    let settle = json!({"settle": {"lease_ids": [4]}});
    step(
        e,
        t + 300,
        &owner,
        &[],
        settle,
        "settle (1 lease)",
        "settle",
    );

    let price = json!({"update_offer_price": {"offer_id": 1, "price_per_hour": "7200000"}});
    step(
        e,
        t + 300,
        &provider,
        &[],
        price,
        "update_offer_price",
        "update_offer_price",
    );
    let close = json!({"close_offer": {"offer_id": 1}});
    step(
        e,
        t + 300,
        &provider,
        &[],
        close,
        "close_offer",
        "close_offer",
    );
    let request = json!({"request_collateral_withdrawal": {"amount": "1000"}});
    step(
        e,
        t + 300,
        &provider,
        &[],
        request,
        "request_collateral_withdrawal",
        "request_collateral_withdrawal",
    );
    let withdraw = json!({"withdraw_collateral": {}});
    let later = t + 300 + 7 * 24 * HOUR;
    step(
        e,
        later,
        &provider,
        &[],
        withdraw,
        "withdraw_collateral",
        "withdraw_collateral",
    );

    let config = json!({"update_config": {"protocol_fee": 300}});
    step(
        e,
        later,
        &owner,
        &[],
        config,
        "update_config (owner)",
        "update_config",
    );
    let assets = json!({"update_assets": {"add": [{"native": "uatom"}], "remove": []}});
    step(
        e,
        later,
        &owner,
        &[],
        assets,
        "update_assets (owner)",
        "update_assets",
    );
    let pause = json!({"set_paused": {"paused": true}});
    step(
        e,
        later,
        &owner,
        &[],
        pause,
        "set_paused (owner)",
        "set_paused",
    );

    // Anyone re-syncs the provider's service weight, also while paused.
    let resync = json!({"resync_collateral_weight": {"provider": provider}});
    let res = step(
        e,
        later,
        &renter,
        &[],
        resync,
        "resync_collateral_weight (anyone, paused)",
        "resync_collateral_weight",
    );
    // the protocol fees (ucredit) its leases paid; collateral counts nothing
    assert_eq!(attr(&res, "weight"), Some("47250"));
    rows
}

/// A provider's claim on one lease after `leases` leases were opened.
pub fn claim_with_leases(leases: usize) -> Cost {
    let mut e = Escrow::instantiate();
    let c = &mut e.contract;
    let env = c.env_at(2, T0);
    let deposit = json!({"deposit": {"beneficiary": null}});
    c.execute(
        &env,
        &c.info(&e.renter, &[coin(u64::MAX.into(), "ucredit")]),
        &deposit,
    )
    .unwrap();
    let register = json!({"register_provider": {"metadata": {"name": "farm", "contact": null}}});
    c.execute(
        &env,
        &c.info(&e.provider, &[coin(5_000, "ufair")]),
        &register,
    )
    .unwrap();
    let offer = json!({"create_offer": {"offer": {
        "gpu_model": "H100-SXM", "gpu_count": 1, "memory_gib": 80, "region": "eu-west",
        "asset": {"native": "ucredit"}, "price_per_hour": PRICE_PER_HOUR.to_string(),
        "min_duration": 60, "max_duration": 24 * HOUR, "slots": leases
    }}});
    c.execute(&env, &c.info(&e.provider, &[]), &offer).unwrap();
    let open = json!({"open_lease": {"offer_id": 1, "duration": 2 * HOUR, "max_price_per_hour": PRICE_PER_HOUR.to_string()}});
    let opens: Vec<_> = (0..leases)
        .map(|_| (env.clone(), c.info(&e.renter, &[]), open.clone()))
        .collect();
    c.execute_batch(opens);
    let env = c.env_at(3, T0 + 2 * HOUR);
    let claim = json!({"claim_earnings": {"lease_ids": [1]}});
    let call = c.execute(&env, &c.info(&e.provider, &[]), &claim);
    let cost = call.cost;
    call.unwrap();
    cost
}
