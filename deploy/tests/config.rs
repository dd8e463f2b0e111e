//! The config files the real-chain binary reads.

use cosmwasm_std::Uint128;
use cw_orch::environment::ChainKind;
use fairgrid::Curve;
use fairgrid_deploy::chain::{ChainConfig, ChainConfigError, Network};
use fairgrid_deploy::{ConfigError, DeployConfig};

const DEPLOY_EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/deploy.example.json");
const CHAIN_EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/chain.example.json");
const DEVNET: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/devnet.json");
/// The devnet's deployer: HD index 0 of scripts/devnet.sh's public test mnemonic.
const DEVNET_DEPLOYER: &str = "wasm1cyyzpxplxdzkeea7kwsydadg87357qna465cff";

#[test]
fn example_deploy_config_keeps_the_default_parameters_and_can_launch() {
    let config = DeployConfig::from_json_file(DEPLOY_EXAMPLE).unwrap();
    let default = DeployConfig::default();
    assert_eq!(config.governance, default.governance);
    assert_eq!(config.escrow, default.escrow);
    assert_eq!(config.distributor, default.distributor);
    assert_eq!(config.credit_denom, default.credit_denom);
    config.validate().unwrap();
    assert!(config
        .check_launch_quorum(DEVNET_DEPLOYER)
        .unwrap()
        .is_none());
}

/// The devnet's governance runs in seconds so a test passes and executes a
/// proposal; its FAIR is spread so that any three test holders reach quorum.
#[test]
fn devnet_config_has_periods_of_seconds_and_a_reachable_quorum() {
    let config = DeployConfig::from_json_file(DEVNET).unwrap();
    config.validate().unwrap();
    assert!(config
        .check_launch_quorum(DEVNET_DEPLOYER)
        .unwrap()
        .is_none());
    let g = &config.governance;
    assert!(g.voting_period <= 60 && g.timelock <= 10 && g.unbonding_period <= 60);
    assert!(config.escrow.settlement_delay <= 10 && config.escrow.unbonding_delay <= 60);
    assert_eq!(config.salt, "fairgrid-devnet");
    // A different salt from the example's, so both deploy from one key.
    let example = DeployConfig::from_json_file(DEPLOY_EXAMPLE).unwrap();
    assert_ne!(config.salt, example.salt);
}

#[test]
fn partial_deploy_config_keeps_the_defaults_it_does_not_name() {
    let config: DeployConfig = serde_json::from_str(
        r#"{"credit_denom": "ibc/USDC", "governance": {"curve": "linear"}, "escrow": {"min_collateral": "5"}}"#,
    )
    .unwrap();
    let default = DeployConfig::default();
    assert_eq!(config.credit_denom, "ibc/USDC");
    assert_eq!(config.governance.curve, Curve::Linear);
    assert_eq!(config.governance.quorum, default.governance.quorum);
    assert_eq!(config.escrow.min_collateral, Uint128::new(5));
    assert_eq!(config.escrow.protocol_fee, default.escrow.protocol_fee);
    assert_eq!(config.distributor, default.distributor);
    assert_eq!(config.token, default.token);
}

#[test]
fn misspelt_deploy_field_is_refused() {
    let err =
        serde_json::from_str::<DeployConfig>(r#"{"escrow": {"protocol_fees": 100}}"#).unwrap_err();
    assert!(
        err.to_string().starts_with("unknown field `protocol_fees`"),
        "{err}"
    );
}

#[test]
fn basis_points_above_the_whole_are_refused() {
    let err =
        serde_json::from_str::<DeployConfig>(r#"{"governance": {"quorum": 10001}}"#).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("basis points must be at most 10000, got 10001"),
        "{err}"
    );
}

#[test]
fn missing_deploy_file_names_the_path() {
    let err = DeployConfig::from_json_file("/nonexistent/deploy.json").unwrap_err();
    assert!(
        matches!(err, ConfigError::Read { ref path, .. } if path == "/nonexistent/deploy.json")
    );
}

#[test]
fn example_chain_config_gives_the_daemon_its_connection() {
    let chain = ChainConfig::from_json_file(CHAIN_EXAMPLE).unwrap();
    assert_eq!(chain.network, Network::Local);
    let info = chain.chain_info();
    assert_eq!(info.chain_id, "fairgrid-devnet-1");
    assert_eq!(info.grpc_urls, vec!["http://127.0.0.1:9090".to_string()]);
    assert_eq!((info.gas_denom.as_str(), info.gas_price), ("ustake", 0.025));
    assert_eq!(info.network_info.pub_address_prefix, "wasm");
    assert_eq!(info.network_info.coin_type, 118);
    assert_eq!(info.kind, ChainKind::Local);
}

#[test]
fn chain_config_without_gas_denom_is_refused() {
    let chain = ChainConfig {
        gas_denom: String::new(),
        ..ChainConfig::from_json_file(CHAIN_EXAMPLE).unwrap()
    };
    assert!(matches!(
        chain.validate(),
        Err(ChainConfigError::Empty("gas_denom"))
    ));
}
