//! The real chain to deploy to, loadable from a JSON file.

use std::path::Path;

use cw_orch::environment::{ChainInfoOwned, ChainKind, NetworkInfoOwned};
use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Error, Debug)]
pub enum ChainConfigError {
    #[error("cannot read chain config {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("invalid chain config {path}: {source}")]
    Parse {
        path: String,
        source: serde_json::Error,
    },
    #[error("chain config: {0} must not be empty")]
    Empty(&'static str),
    #[error("chain config: gas_price must be a finite number >= 0, got {0}")]
    GasPrice(f64),
}

/// cw-orch's kind of chain. The deployer's key does not depend on it (the
/// binary reads `FAIRGRID_MNEMONIC` for every network); for `Local`, cw-orch
/// names its state file `<stem>_local.json`.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Network {
    Local,
    Testnet,
    Mainnet,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChainConfig {
    pub chain_id: String,
    /// gRPC endpoints, tried in order.
    pub grpc_urls: Vec<String>,
    /// Price of one gas unit in `gas_denom`.
    pub gas_price: f64,
    pub gas_denom: String,
    /// Bech32 prefix of the chain's addresses, e.g. "neutron".
    pub bech32_prefix: String,
    /// cw-orch's kind of chain, see `Network`.
    pub network: Network,
    /// BIP-44 coin type of the key; 118 for most Cosmos chains.
    #[serde(default = "default_coin_type")]
    pub coin_type: u32,
}

fn default_coin_type() -> u32 {
    118
}

impl ChainConfig {
    pub fn from_json_file(path: impl AsRef<Path>) -> Result<Self, ChainConfigError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| ChainConfigError::Read {
            path: path.display().to_string(),
            source,
        })?;
        let config: ChainConfig =
            serde_json::from_str(&text).map_err(|source| ChainConfigError::Parse {
                path: path.display().to_string(),
                source,
            })?;
        config.validate()?;
        Ok(config)
    }

    pub fn validate(&self) -> Result<(), ChainConfigError> {
        for (name, value) in [
            ("chain_id", &self.chain_id),
            ("gas_denom", &self.gas_denom),
            ("bech32_prefix", &self.bech32_prefix),
        ] {
            if value.is_empty() {
                return Err(ChainConfigError::Empty(name));
            }
        }
        if self.grpc_urls.iter().all(|u| u.is_empty()) {
            return Err(ChainConfigError::Empty("grpc_urls"));
        }
        if !self.gas_price.is_finite() || self.gas_price < 0.0 {
            return Err(ChainConfigError::GasPrice(self.gas_price));
        }
        Ok(())
    }

    /// What cw-orch's `Daemon` connects with.
    pub fn chain_info(&self) -> ChainInfoOwned {
        ChainInfoOwned {
            chain_id: self.chain_id.clone(),
            gas_denom: self.gas_denom.clone(),
            gas_price: self.gas_price,
            grpc_urls: self.grpc_urls.clone(),
            lcd_url: None,
            fcd_url: None,
            network_info: NetworkInfoOwned {
                chain_name: self.chain_id.clone(),
                pub_address_prefix: self.bech32_prefix.clone(),
                coin_type: self.coin_type,
            },
            kind: match self.network {
                Network::Local => ChainKind::Local,
                Network::Testnet => ChainKind::Testnet,
                Network::Mainnet => ChainKind::Mainnet,
            },
        }
    }
}
