//! The config files the real-chain binary reads.

use cosmwasm_std::Uint128;
use cw_orch::environment::ChainKind;
use fairgrid::Curve;
use fairgrid_deploy::chain::{ChainConfig, ChainConfigError, Network};
use fairgrid_deploy::{ConfigError, DeployConfig};

const DEPLOY_EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/deploy.example.json");
const CHAIN_EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/chain.example.json");

#[test]
fn example_deploy_config_is_the_default() {
    let config = DeployConfig::from_json_file(DEPLOY_EXAMPLE).unwrap();
    assert_eq!(config, DeployConfig::default());
    config.validate().unwrap();
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
    assert_eq!(chain.network.mnemonic_env(), "LOCAL_MNEMONIC");
    let info = chain.chain_info();
    assert_eq!(info.chain_id, "localwasm-1");
    assert_eq!(info.grpc_urls, vec!["http://localhost:9090".to_string()]);
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
    assert_eq!(Network::Mainnet.mnemonic_env(), "MAIN_MNEMONIC");
    assert_eq!(Network::Testnet.mnemonic_env(), "TEST_MNEMONIC");
}
