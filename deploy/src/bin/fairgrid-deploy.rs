//! Deploys, wires and verifies the Fairgrid market on a real chain, then
//! prints the addresses as JSON on stdout.
//!
//!     fairgrid-deploy --chain chain.json [--config deploy.json]
//!
//! The deployer's mnemonic comes from the variable cw-orch's `Daemon` reads
//! for the chain config's `network`: LOCAL_MNEMONIC, TEST_MNEMONIC or
//! MAIN_MNEMONIC. Everything but the connection is the library's `deploy`
//! and `Deployment::verify`, the code the Mock tests run.

use std::path::PathBuf;

use anyhow::{bail, Context};
use cw_orch::daemon::Daemon;
use fairgrid_deploy::chain::ChainConfig;
use fairgrid_deploy::interfaces::{artifacts_dir, missing_artifacts, ARTIFACTS_DIR_ENV};
use fairgrid_deploy::{deploy, DeployConfig};

const USAGE: &str = "usage: fairgrid-deploy --chain <chain.json> [--config <deploy.json>]";

struct Args {
    chain: PathBuf,
    config: Option<PathBuf>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> anyhow::Result<Args> {
    let (mut chain, mut config) = (None, None);
    while let Some(flag) = args.next() {
        let slot = match flag.as_str() {
            "--chain" => &mut chain,
            "--config" => &mut config,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => bail!("unknown argument {other:?}\n{USAGE}"),
        };
        let value = args
            .next()
            .with_context(|| format!("{flag} needs a file\n{USAGE}"))?;
        *slot = Some(PathBuf::from(value));
    }
    Ok(Args {
        chain: chain.with_context(|| format!("--chain is required\n{USAGE}"))?,
        config,
    })
}

fn main() -> anyhow::Result<()> {
    let args = parse_args(std::env::args().skip(1))?;
    let chain = ChainConfig::from_json_file(&args.chain)?;
    let config = match &args.config {
        Some(path) => DeployConfig::from_json_file(path)?,
        None => DeployConfig::default(),
    };
    config.validate()?;

    // Refuse before the first transaction, not halfway through the deploy.
    let missing = missing_artifacts();
    if !missing.is_empty() {
        bail!(
            "missing artifacts {missing:?} in {} (run scripts/build-artifacts.sh or set {ARTIFACTS_DIR_ENV})",
            artifacts_dir().display()
        );
    }
    let key_var = chain.network.mnemonic_env();
    if std::env::var_os(key_var).is_none() {
        bail!(
            "set {key_var} to the deployer's mnemonic (network {:?})",
            chain.network
        );
    }

    let daemon = Daemon::builder(chain.chain_info())
        // The chain file is the whole truth: ignore ~/.cw-orchestrator/networks.toml.
        .load_network(false)
        .build()
        .with_context(|| format!("connecting to {} at {:?}", chain.chain_id, chain.grpc_urls))?;
    let market = deploy(daemon, &config).context("deploying the market")?;
    market.verify().context("the deployed wiring is broken")?;
    println!("{}", serde_json::to_string_pretty(&market.addresses()?)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> anyhow::Result<Args> {
        parse_args(args.iter().map(|a| a.to_string()))
    }

    #[test]
    fn chain_and_config_files_are_read_from_flags() {
        let args = parse(&["--config", "d.json", "--chain", "c.json"]).unwrap();
        assert_eq!(args.chain, PathBuf::from("c.json"));
        assert_eq!(args.config, Some(PathBuf::from("d.json")));
        assert_eq!(parse(&["--chain", "c.json"]).unwrap().config, None);
    }

    #[test]
    fn missing_chain_or_unknown_flag_is_refused_with_usage() {
        let err = parse(&["--config", "d.json"]).err().unwrap();
        assert_eq!(err.to_string(), format!("--chain is required\n{USAGE}"));
        let err = parse(&["--chian", "c.json"]).err().unwrap();
        assert_eq!(
            err.to_string(),
            format!("unknown argument \"--chian\"\n{USAGE}")
        );
        let err = parse(&["--chain"]).err().unwrap();
        assert_eq!(err.to_string(), format!("--chain needs a file\n{USAGE}"));
    }
}
