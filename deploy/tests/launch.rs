//! What the deploy refuses before the first transaction: a community pool
//! left to a silent default, duplicate holders, and an initial FAIR
//! distribution under which governance can never reach quorum.

use cosmwasm_std::Uint128;
use cw_orch::prelude::*;
use fairgrid::governance::UnidentifiedPolicy;
use fairgrid::{Bps, Curve};
use fairgrid_deploy::config::{InitialBalance, TokenConfig};
use fairgrid_deploy::{deploy, ConfigError, DeployConfig, DeployError, Deployment};

const FAIR: u128 = 1_000_000;

fn holders(chain: &Mock, deployer_fair: u128, others: &[u128]) -> DeployConfig {
    DeployConfig {
        community_pool: Some("deployer".into()),
        token: TokenConfig {
            deployer_balance: Uint128::new(deployer_fair * FAIR),
            initial_balances: others
                .iter()
                .enumerate()
                .map(|(i, fair)| InitialBalance {
                    address: chain.addr_make(format!("holder{i}")).to_string(),
                    amount: Uint128::new(fair * FAIR),
                })
                .collect(),
            ..Default::default()
        },
        ..DeployConfig::default()
    }
}

fn nothing_uploaded(chain: Mock) {
    let market = Deployment::interfaces(chain, Addr::unchecked("c"), "uusdc".into());
    assert!(market.token.code_id().is_err(), "nothing was uploaded");
}

#[test]
fn community_pool_null_or_absent_is_refused_before_any_upload() {
    for json in [r#"{"community_pool": null}"#, "{}"] {
        let config: DeployConfig = serde_json::from_str(json).unwrap();
        assert!(matches!(
            config.validate(),
            Err(ConfigError::CommunityPoolRequired)
        ));
        let chain = Mock::new("deployer");
        let err = deploy(chain.clone(), &config).err().unwrap();
        assert_eq!(
            err.to_string(),
            "community_pool is required: name the address that receives vetoed deposits and \
             empty pools' shares, or \"deployer\" for the deployer's own key"
        );
        nothing_uploaded(chain);
    }
}

#[test]
fn community_pool_names_an_address_or_explicitly_the_deployer() {
    let chain = Mock::new("deployer");
    let mut config = holders(&chain, 1_000_000, &[1_000_000, 1_000_000]);
    assert_eq!(
        config.community_pool_addr(&chain.sender_addr()).unwrap(),
        chain.sender_addr()
    );
    let pool = chain.addr_make("pool");
    config.community_pool = Some(pool.to_string());
    let market = deploy(chain.clone(), &config).unwrap();
    market.verify().unwrap();
    assert_eq!(market.community_pool, pool);
}

/// The launch of issue 15: all FAIR at the deployer, cap 10 %, quorum 20 %.
/// Its one voter counts for at most 10 % of the total power.
#[test]
fn all_fair_at_the_deployer_under_the_default_cap_is_refused_as_quorum_unreachable() {
    let chain = Mock::new("deployer");
    let config = holders(&chain, 1_000_000, &[]);
    let err = deploy(chain.clone(), &config).err().unwrap();
    assert!(matches!(err, DeployError::Config(_)));
    // No identity at launch: the linear share 10^12 / (2 × 10^6) = 500,000
    // of power, counted up to 10 % of itself.
    assert_eq!(
        err.to_string(),
        "quorum unreachable at launch: if every initial FAIR holder staked and voted, turnout \
         would be 1000 bps of the total power (50000 of 500000), below the quorum of 2000 bps \
         (per-voter cap 1000 bps, 1 holders with power); spread the initial balances, raise the \
         cap or lower the quorum, or set \"accept_unreachable_quorum\": true if FAIR is \
         distributed after deployment"
    );
    nothing_uploaded(chain);
}

#[test]
fn two_equal_holders_at_the_cap_reach_the_quorum_exactly() {
    let chain = Mock::new("deployer");
    let deployer = chain.sender_addr();
    let per_address = |mut c: DeployConfig| {
        c.governance.unidentified = UnidentifiedPolicy::PerAddress;
        c
    };
    // Square root per address: 2 × min(10^6, 10 % of 2·10^6) = 400,000 =
    // 20 % of 2,000,000.
    assert!(per_address(holders(&chain, 1_000_000, &[1_000_000]))
        .check_launch_quorum(deployer.as_str())
        .unwrap()
        .is_none());
    // The default linear share (nobody has an identity at launch): each
    // 10^12 / 2,828,428 = 353,553, total 707,106, cap 70,710 each: 141,420
    // is 1999 bps, one floor short; a third equal holder reaches 30 %.
    assert!(matches!(
        holders(&chain, 1_000_000, &[1_000_000]).check_launch_quorum(deployer.as_str()),
        Err(ConfigError::QuorumUnreachable {
            reachable_bps: 1_999,
            ..
        })
    ));
    assert!(holders(&chain, 1_000_000, &[1_000_000, 1_000_000])
        .check_launch_quorum(deployer.as_str())
        .unwrap()
        .is_none());
    // A little less for the second holder: sqrt(999,999 × 10^6) = 999,999,
    // total 1,999,999, cap 199,999 each: 399,998 < 20 % of the total.
    let err = per_address(holders(&chain, 1_000_000, &[999_999]))
        .check_launch_quorum(deployer.as_str())
        .unwrap_err();
    assert!(
        matches!(
            err,
            ConfigError::QuorumUnreachable {
                reachable_bps: 1_999,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn holders_below_min_stake_count_for_nothing() {
    let chain = Mock::new("deployer");
    let deployer = chain.sender_addr();
    // Ten holders of 0.5 FAIR (min_stake 1 FAIR) beside the deployer.
    let mut config = holders(&chain, 1_000_000, &[]);
    config.token.initial_balances = (0..10)
        .map(|i| InitialBalance {
            address: chain.addr_make(format!("small{i}")).to_string(),
            amount: Uint128::new(FAIR / 2),
        })
        .collect();
    let err = config.check_launch_quorum(deployer.as_str()).unwrap_err();
    assert!(
        matches!(
            err,
            ConfigError::QuorumUnreachable {
                holders: 1,
                reachable_bps: 1_000,
                ..
            }
        ),
        "{err}"
    );
    // A linear curve with a 50 % cap: the deployer alone reaches 50 % > 20 %.
    config.governance.curve = Curve::Linear;
    config.governance.cap = Bps::new(5_000).unwrap();
    assert!(config
        .check_launch_quorum(deployer.as_str())
        .unwrap()
        .is_none());
}

#[test]
fn accepted_unreachable_quorum_deploys_and_hands_back_the_warning() {
    let chain = Mock::new("deployer");
    let mut config = holders(&chain, 1_000_000, &[]);
    config.accept_unreachable_quorum = true;
    let warning = config
        .check_launch_quorum(chain.sender_addr().as_str())
        .unwrap();
    assert!(matches!(
        warning,
        Some(ConfigError::QuorumUnreachable {
            reachable_bps: 1_000,
            ..
        })
    ));
    deploy(chain, &config).unwrap().verify().unwrap();
}

#[test]
fn duplicate_initial_holders_are_refused() {
    let chain = Mock::new("deployer");
    let mut config = holders(&chain, 1_000, &[1_000]);
    config
        .token
        .initial_balances
        .push(config.token.initial_balances[0].clone());
    let address = config.token.initial_balances[0].address.clone();
    assert!(matches!(
        config.validate().unwrap_err(),
        ConfigError::DuplicateHolder { address: a } if a == address
    ));
    // The deployer listed again beside its deployer_balance.
    let mut config = holders(&chain, 1_000, &[1_000]);
    let deployer = chain.sender_addr().to_string();
    config.token.initial_balances[0].address = deployer.clone();
    assert!(matches!(
        config.check_launch_quorum(&deployer).unwrap_err(),
        ConfigError::DuplicateHolder { address } if address == deployer
    ));
}
