//! The events of fee-distributor.

use super::*;

#[test]
fn every_distributor_message_emits_its_documented_attributes() {
    let owner = addr("dist-owner");
    let source = addr("weight-source");
    let payer = addr("payer");
    let member = addr("member");
    let mut t = Suite::new(&[(&payer, 1_000 * FAIR)], &[(&payer, 1_000_000)]);
    let (market_dist, fair) = (t.m.distributor.clone(), t.m.token.clone());

    let weight = |bps| Bps::new(bps).unwrap();
    let d = t.instantiate(
        &market_dist,
        DISTRIBUTOR,
        &distributor::InstantiateMsg {
            owner: owner.to_string(),
            fallback: addr("fallback").to_string(),
            assets: vec![AssetInfoUnchecked::native(CREDIT)],
            pools: vec![distributor::PoolMsg {
                pool_id: "stakers".into(),
                source: source.to_string(),
                curve: Curve::SquareRoot,
            }],
            recipients: vec![
                distributor::RecipientMsg {
                    target: distributor::RecipientTargetMsg::Pool {
                        pool_id: "stakers".into(),
                    },
                    weight: weight(5_000),
                },
                distributor::RecipientMsg {
                    target: distributor::RecipientTargetMsg::Address {
                        address: addr("treasury").to_string(),
                    },
                    weight: weight(3_000),
                },
                distributor::RecipientMsg {
                    target: distributor::RecipientTargetMsg::Burn {},
                    weight: weight(2_000),
                },
            ],
        },
        &owner,
    );
    use distributor::ExecuteMsg as X;
    // an empty pool's share goes to the fallback
    t.distributor(&d, &payer, X::Deposit {}, &credits(10_000));
    t.distributor(
        &d,
        &source,
        X::WeightChanged(WeightChange::new(
            &member,
            Uint128::zero(),
            Uint128::new(100),
        )),
        &[],
    );
    t.distributor(&d, &payer, X::Deposit {}, &credits(10_000));
    t.distributor(
        &d,
        &owner,
        X::UpdateAssets {
            add: vec![AssetInfoUnchecked::cw20(fair.as_str())],
            remove: vec![],
        },
        &[],
    );
    t.send_fair(
        &payer,
        &d,
        1_000,
        &distributor::ReceiveMsg::Deposit {},
        "deposit",
    );
    t.distributor(
        &d,
        &member,
        X::Claim {
            assets: None,
            recipient: Some(addr("cold-wallet").to_string()),
        },
        &[],
    );
    // an asset accepted and never paid in owes nothing: its slot retires
    t.distributor(
        &d,
        &owner,
        X::UpdateAssets {
            add: vec![AssetInfoUnchecked::native("uidle")],
            remove: vec![],
        },
        &[],
    );
    t.distributor(
        &d,
        &owner,
        X::RetireAsset {
            asset: AssetInfoUnchecked::native("uidle"),
        },
        &[],
    );
    t.distributor(
        &d,
        &owner,
        X::AddPool {
            pool: distributor::PoolMsg {
                pool_id: "lenders".into(),
                source: addr("lending-desk").to_string(),
                curve: Curve::Linear,
            },
        },
        &[],
    );
    t.distributor(
        &d,
        &owner,
        X::SetRecipients {
            recipients: vec![
                distributor::RecipientMsg {
                    target: distributor::RecipientTargetMsg::Pool {
                        pool_id: "stakers".into(),
                    },
                    weight: weight(6_000),
                },
                distributor::RecipientMsg {
                    target: distributor::RecipientTargetMsg::Pool {
                        pool_id: "lenders".into(),
                    },
                    weight: weight(4_000),
                },
            ],
        },
        &[],
    );
    // the lenders pool gets another curve and source
    t.distributor(
        &d,
        &owner,
        X::UpdatePool {
            pool_id: "lenders".into(),
            source: Some(addr("lending-desk-2").to_string()),
            curve: Some(Curve::SquareRoot),
        },
        &[],
    );
    // a pool no recipient names and never credited owes nothing: removed
    t.distributor(
        &d,
        &owner,
        X::AddPool {
            pool: distributor::PoolMsg {
                pool_id: "idle".into(),
                source: addr("idle-source").to_string(),
                curve: Curve::Linear,
            },
        },
        &[],
    );
    t.distributor(
        &d,
        &owner,
        X::RemovePool {
            pool_id: "idle".into(),
        },
        &[],
    );
    t.distributor(
        &d,
        &owner,
        X::UpdateConfig {
            owner: None,
            fallback: Some(addr("new-fallback").to_string()),
        },
        &[],
    );
    t.migrate(&owner, &d);

    t.assert_all_seen(DISTRIBUTOR);
    t.assert_all_sent(
        DISTRIBUTOR,
        all_messages::<distributor::ExecuteMsg, distributor::ReceiveMsg>(),
    );
}
