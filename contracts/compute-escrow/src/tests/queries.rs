//! Queries: filters, state filters, pagination, amounts, solvency.

use cosmwasm_std::Uint128;
use fairgrid::escrow::{
    ExecuteMsg, LeaseState, LeasesResponse, OffersResponse, ProvidersResponse, QueryMsg,
    SolvencyResponse,
};
use fairgrid::AssetInfoUnchecked;

use super::suite::*;

fn offers(s: &Suite, f: impl Fn(&mut QueryMsg)) -> Vec<u64> {
    let mut msg = QueryMsg::Offers {
        provider: None,
        gpu_model: None,
        region: None,
        max_price: None,
        include_closed: None,
        start_after: None,
        limit: None,
    };
    f(&mut msg);
    let r: OffersResponse = s.q(&msg);
    r.offers.into_iter().map(|o| o.offer_id).collect()
}

#[test]
fn offers_filter_by_provider_model_region_and_price() {
    let mut s = Suite::new();
    let (carol, dave) = (s.carol.clone(), s.dave.clone());
    s.register(&carol, 10_000);
    s.register(&dave, 10_000);
    let native = || AssetInfoUnchecked::native(CREDIT);
    let a = s.create_offer(&carol, offer_params(native(), 100));
    let mut p = offer_params(native(), 500);
    p.gpu_model = "A100".into();
    let b = s.create_offer(&carol, p);
    let mut p = offer_params(native(), 50);
    p.region = "us-east".into();
    let c = s.create_offer(&dave, p);
    assert_eq!(offers(&s, |_| {}), vec![a, b, c]);
    let dave_s = dave.to_string();
    assert_eq!(
        offers(&s, |m| if let QueryMsg::Offers { provider, .. } = m {
            *provider = Some(dave_s.clone())
        }),
        vec![c]
    );
    assert_eq!(
        offers(&s, |m| if let QueryMsg::Offers { gpu_model, .. } = m {
            *gpu_model = Some("A100".into())
        }),
        vec![b]
    );
    assert_eq!(
        offers(&s, |m| if let QueryMsg::Offers { region, .. } = m {
            *region = Some("eu-west".into())
        }),
        vec![a, b]
    );
    assert_eq!(
        offers(&s, |m| if let QueryMsg::Offers { max_price, .. } = m {
            *max_price = Some(Uint128::new(100))
        }),
        vec![a, c]
    );
    s.ok(&carol, &ExecuteMsg::CloseOffer { offer_id: a }, &[]);
    assert_eq!(offers(&s, |_| {}), vec![b, c]);
    assert_eq!(
        offers(&s, |m| if let QueryMsg::Offers { include_closed, .. } = m {
            *include_closed = Some(true)
        }),
        vec![a, b, c]
    );
    // pagination
    assert_eq!(
        offers(&s, |m| {
            if let QueryMsg::Offers {
                start_after, limit, ..
            } = m
            {
                *start_after = Some(b);
                *limit = Some(1);
            }
        }),
        vec![c]
    );
    let providers: ProvidersResponse = s.q(&QueryMsg::Providers {
        start_after: None,
        limit: Some(1),
    });
    assert_eq!(providers.providers.len(), 1);
    let rest: ProvidersResponse = s.q(&QueryMsg::Providers {
        start_after: Some(providers.providers[0].address.to_string()),
        limit: None,
    });
    assert_eq!(rest.providers.len(), 1);
    assert_ne!(rest.providers[0].address, providers.providers[0].address);
}

#[test]
fn leases_by_renter_and_provider_page_through_every_lease_once_with_state_filter() {
    let mut s = Suite::new();
    let (alice, bob, carol) = (s.alice.clone(), s.bob.clone(), s.carol.clone());
    let offer = s.provider_with_offer(3_600);
    s.ok(
        &carol,
        &ExecuteMsg::CreateOffer {
            offer: fairgrid::escrow::OfferParams {
                slots: 40,
                ..offer_params(AssetInfoUnchecked::native(CREDIT), 3_600)
            },
        },
        &[],
    );
    let big = offer + 1;
    s.deposit(&alice, 100_000);
    s.deposit(&bob, 100_000);
    let mut alice_ids = vec![];
    for i in 0..35 {
        alice_ids.push(s.open(&alice, big, 100 + i));
    }
    let bob_id = s.open(&bob, big, 10);
    s.ok(
        &alice,
        &ExecuteMsg::CloseLease {
            lease_id: alice_ids[3],
        },
        &[],
    );
    let page = |s: &Suite, start_after: Option<u64>, state: Option<LeaseState>| {
        let r: LeasesResponse = s.q(&QueryMsg::LeasesByRenter {
            renter: alice.to_string(),
            state,
            start_after,
            limit: Some(100),
        });
        r.leases.into_iter().map(|l| l.lease_id).collect::<Vec<_>>()
    };
    let first = page(&s, None, None);
    assert_eq!(first.len(), 30, "limit clamps to 30");
    let second = page(&s, first.last().copied(), None);
    assert_eq!([first, second].concat(), alice_ids);
    assert_eq!(
        page(&s, None, Some(LeaseState::Settled)),
        vec![alice_ids[3]]
    );
    let r: LeasesResponse = s.q(&QueryMsg::LeasesByProvider {
        provider: carol.to_string(),
        state: Some(LeaseState::Active),
        start_after: Some(alice_ids[34]),
        limit: None,
    });
    assert_eq!(
        r.leases.iter().map(|l| l.lease_id).collect::<Vec<_>>(),
        vec![bob_id]
    );
    s.advance(11);
    let r: LeasesResponse = s.q(&QueryMsg::LeasesByProvider {
        provider: carol.to_string(),
        state: Some(LeaseState::Ended),
        start_after: None,
        limit: None,
    });
    assert_eq!(
        r.leases.iter().map(|l| l.lease_id).collect::<Vec<_>>(),
        vec![bob_id]
    );
    s.check_invariants();
}

#[test]
fn lease_amounts_report_accrued_claimable_and_refundable_now() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 10_000);
    let id = s.open(&alice, offer, 1_000);
    s.advance(DELAY + 100);
    let a = s.amounts(id);
    assert_eq!(a.time, s.now());
    assert_eq!(a.accrued, u(700));
    assert_eq!(a.claimable_gross, u(100));
    assert_eq!(a.claimable_fee, u(3));
    assert_eq!(a.claimable_net, u(97));
    assert_eq!(a.refundable, u(300));
}

#[test]
fn solvency_reports_owed_and_held_per_asset() {
    let mut s = Suite::new();
    let (alice, token) = (s.alice.clone(), s.token.clone());
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 10_000);
    s.send_cw20(
        &alice,
        &token,
        33,
        &fairgrid::escrow::ReceiveMsg::Deposit { beneficiary: None },
    )
    .unwrap();
    s.open(&alice, offer, 1_000);
    let r: SolvencyResponse = s.q(&QueryMsg::Solvency {
        start_after: None,
        limit: None,
    });
    let get = |a: &fairgrid::AssetInfo| r.assets.iter().find(|x| x.asset == *a).unwrap().clone();
    assert_eq!(get(&Suite::credit()).owed, u(10_000));
    assert_eq!(get(&Suite::credit()).held, u(10_000));
    assert_eq!(get(&s.gpu()).owed, u(33));
    assert_eq!(get(&fairgrid::AssetInfo::native(FAIR)).owed, u(10_000));
    s.check_invariants();
}

#[test]
fn a_filter_matching_little_examines_a_bounded_range_and_resumes_from_next_start_after() {
    let mut s = Suite::new();
    let carol = s.carol.clone();
    s.register(&carol, 10_000);
    let native = || AssetInfoUnchecked::native(CREDIT);
    let h100: Vec<u64> = (0..fairgrid::escrow::MAX_SCAN + 20)
        .map(|_| s.create_offer(&carol, offer_params(native(), 100)))
        .collect();
    let mut p = offer_params(native(), 100);
    p.gpu_model = "A100".into();
    let a100 = s.create_offer(&carol, p);
    let query = |start_after| QueryMsg::Offers {
        provider: Some(carol.to_string()),
        gpu_model: Some("A100".into()),
        region: None,
        max_price: None,
        include_closed: None,
        start_after,
        limit: None,
    };
    // The first call stops after MAX_SCAN offers with nothing matched yet.
    let first: OffersResponse = s.q(&query(None));
    assert!(first.offers.is_empty());
    assert_eq!(
        first.next_start_after,
        Some(h100[fairgrid::escrow::MAX_SCAN - 1])
    );
    // The second resumes there and reaches the end of the range.
    let second: OffersResponse = s.q(&query(first.next_start_after));
    assert_eq!(
        second.offers.iter().map(|o| o.offer_id).collect::<Vec<_>>(),
        vec![a100]
    );
    assert_eq!(second.next_start_after, None);
    // An unfiltered full page says where to continue; the last page says nothing.
    let page: OffersResponse = s.q(&QueryMsg::Offers {
        provider: None,
        gpu_model: None,
        region: None,
        max_price: None,
        include_closed: None,
        start_after: None,
        limit: Some(30),
    });
    assert_eq!(page.offers.len(), 30);
    assert_eq!(page.next_start_after, Some(h100[29]));
    let last: OffersResponse = s.q(&QueryMsg::Offers {
        provider: None,
        gpu_model: None,
        region: None,
        max_price: None,
        include_closed: None,
        start_after: Some(h100[h100.len() - 2]),
        limit: Some(30),
    });
    assert_eq!(
        last.offers.iter().map(|o| o.offer_id).collect::<Vec<_>>(),
        vec![h100[h100.len() - 1], a100]
    );
    assert_eq!(last.next_start_after, None);
}
