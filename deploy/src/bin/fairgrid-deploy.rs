//! Deploys, wires and verifies the Fairgrid market on a real chain, then
//! prints the addresses as JSON on stdout; or verifies an existing one.
//!
//!     fairgrid-deploy --chain chain.json --config deploy.json [--state state.json]
//!     fairgrid-deploy verify --chain chain.json --addresses addresses.json
//!
//! The deployer's mnemonic comes from `FAIRGRID_MNEMONIC` (`verify` signs
//! nothing and needs none). Before any transaction the artifacts are checked
//! against `checksums.txt`, the config is validated and the launch quorum
//! checked. A deployment that stopped half-way resumes from cw-orch's state
//! file (`--state`). Everything but the connection is the library's
//! `deploy` and `Deployment::verify`, the code the Mock tests run. Progress
//! goes to stderr, each line naming its step; only the JSON goes to stdout.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use cw_orch::daemon::senders::QueryOnlyDaemon;
use cw_orch::daemon::Daemon;
use cw_orch::prelude::*;
use fairgrid_deploy::artifacts::verify_artifacts;
use fairgrid_deploy::chain::ChainConfig;
use fairgrid_deploy::interfaces::artifacts_dir;
use fairgrid_deploy::{deploy, DeployConfig, DeployedAddresses, Deployment};

/// The variable holding the deployer's mnemonic, whatever the network.
pub const MNEMONIC_ENV: &str = "FAIRGRID_MNEMONIC";

const USAGE: &str = "usage: fairgrid-deploy --chain <chain.json> --config <deploy.json> [--state <cw-orch state.json>]
       fairgrid-deploy verify --chain <chain.json> --addresses <addresses.json>";

#[derive(Debug, PartialEq)]
enum Command {
    Deploy {
        chain: PathBuf,
        config: PathBuf,
        state: Option<PathBuf>,
    },
    Verify {
        chain: PathBuf,
        addresses: PathBuf,
    },
}

fn parse_args(args: impl Iterator<Item = String>) -> anyhow::Result<Command> {
    let mut args = args.peekable();
    let verify = args.peek().map(String::as_str) == Some("verify");
    if verify {
        args.next();
    }
    let (mut chain, mut config, mut state, mut addresses) = (None, None, None, None);
    while let Some(flag) = args.next() {
        let slot = match (flag.as_str(), verify) {
            ("--chain", _) => &mut chain,
            ("--config", false) => &mut config,
            ("--state", false) => &mut state,
            ("--addresses", true) => &mut addresses,
            ("-h" | "--help", _) => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            (other, _) => bail!("unknown argument {other:?}\n{USAGE}"),
        };
        let value = args
            .next()
            .with_context(|| format!("{flag} needs a file\n{USAGE}"))?;
        *slot = Some(PathBuf::from(value));
    }
    let required = |value: Option<PathBuf>, flag: &str| {
        value.with_context(|| format!("{flag} is required\n{USAGE}"))
    };
    let chain = required(chain, "--chain")?;
    Ok(if verify {
        Command::Verify {
            chain,
            addresses: required(addresses, "--addresses")?,
        }
    } else {
        Command::Deploy {
            chain,
            config: required(config, "--config")?,
            state,
        }
    })
}

fn step(name: &str) {
    eprintln!("fairgrid-deploy: {name}");
}

fn main() -> anyhow::Result<()> {
    // cw-orch otherwise prints a logging hint on stdout, before the JSON.
    if std::env::var_os("CW_ORCH_LOGS_ACTIVATION_MESSAGE").is_none() {
        std::env::set_var("CW_ORCH_LOGS_ACTIVATION_MESSAGE", "false");
    }
    match parse_args(std::env::args().skip(1))? {
        Command::Deploy {
            chain,
            config,
            state,
        } => run_deploy(&chain, &config, state.as_deref()),
        Command::Verify { chain, addresses } => run_verify(&chain, &addresses),
    }
}

fn run_deploy(chain: &Path, config: &Path, state: Option<&Path>) -> anyhow::Result<()> {
    step("reading the chain and deploy configs");
    let chain = ChainConfig::from_json_file(chain)?;
    let config = DeployConfig::from_json_file(config)?;
    config.validate()?;

    step("checking the artifacts against checksums.txt");
    let dir = artifacts_dir();
    for a in verify_artifacts(&dir).context("step: checking the artifacts")? {
        eprintln!("  {:<34} {:>7} bytes  sha256 {}", a.file, a.bytes, a.sha256);
    }
    let Some(mnemonic) = std::env::var(MNEMONIC_ENV)
        .ok()
        .filter(|m| !m.trim().is_empty())
    else {
        bail!("set {MNEMONIC_ENV} to the deployer's mnemonic");
    };
    if let Some(state) = state {
        // cw-orch reads its state file from STATE_FILE; relative paths would
        // be taken under ~/.cw-orchestrator.
        let absolute = std::path::absolute(state)
            .with_context(|| format!("state file {}", state.display()))?;
        std::env::set_var("STATE_FILE", absolute);
    }

    step(&format!(
        "connecting to {} at {:?}",
        chain.chain_id, chain.grpc_urls
    ));
    let daemon = Daemon::builder(chain.chain_info())
        // The chain file is the whole truth: ignore ~/.cw-orchestrator/networks.toml.
        .load_network(false)
        .mnemonic(mnemonic)
        .build()
        .with_context(|| {
            format!(
                "step: connecting to {} at {:?}",
                chain.chain_id, chain.grpc_urls
            )
        })?;
    let deployer = daemon.sender_addr();
    eprintln!("  deployer {deployer}");

    step("checking that the initial FAIR distribution can reach quorum");
    if let Some(warning) = config.check_launch_quorum(deployer.as_str())? {
        eprintln!("WARNING (accept_unreachable_quorum is set): {warning}");
    }

    step("uploading and instantiating (resumes from the cw-orch state)");
    let market = deploy(daemon, &config).context("step: deploying the market")?;
    step("verifying every link");
    market
        .verify()
        .context("step: verify: the deployed wiring is broken")?;
    println!("{}", serde_json::to_string_pretty(&market.addresses()?)?);
    Ok(())
}

fn run_verify(chain: &Path, addresses: &Path) -> anyhow::Result<()> {
    let chain = ChainConfig::from_json_file(chain)?;
    let text = std::fs::read_to_string(addresses)
        .with_context(|| format!("cannot read {}", addresses.display()))?;
    let addresses: DeployedAddresses = serde_json::from_str(&text)
        .with_context(|| format!("invalid addresses file {}", addresses_name(&text)))?;
    step(&format!(
        "connecting to {} at {:?} (queries only)",
        chain.chain_id, chain.grpc_urls
    ));
    let daemon: QueryOnlyDaemon = Daemon::builder(chain.chain_info())
        .load_network(false)
        // A temporary state file: verify records nothing.
        .is_test(true)
        .build_sender(())
        .with_context(|| {
            format!(
                "step: connecting to {} at {:?}",
                chain.chain_id, chain.grpc_urls
            )
        })?;
    step("verifying every link");
    Deployment::from_addresses(daemon, &addresses, String::new())
        .verify()
        .context("step: verify: the deployed wiring is broken")?;
    println!("{}", serde_json::to_string_pretty(&addresses)?);
    Ok(())
}

fn addresses_name(text: &str) -> String {
    let first = text.lines().next().unwrap_or_default();
    format!("(first line {first:?})")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> anyhow::Result<Command> {
        parse_args(args.iter().map(|a| a.to_string()))
    }

    #[test]
    fn deploy_reads_chain_config_and_state_from_flags() {
        let command = parse(&["--config", "d.json", "--chain", "c.json"]).unwrap();
        assert_eq!(
            command,
            Command::Deploy {
                chain: "c.json".into(),
                config: "d.json".into(),
                state: None
            }
        );
        let command = parse(&["--chain", "c", "--config", "d", "--state", "s"]).unwrap();
        assert_eq!(
            command,
            Command::Deploy {
                chain: "c".into(),
                config: "d".into(),
                state: Some("s".into())
            }
        );
    }

    #[test]
    fn verify_reads_chain_and_addresses() {
        let command = parse(&["verify", "--addresses", "a.json", "--chain", "c.json"]).unwrap();
        assert_eq!(
            command,
            Command::Verify {
                chain: "c.json".into(),
                addresses: "a.json".into()
            }
        );
    }

    #[test]
    fn missing_file_or_unknown_flag_is_refused_with_usage() {
        let err = parse(&["--config", "d.json"]).err().unwrap();
        assert_eq!(err.to_string(), format!("--chain is required\n{USAGE}"));
        let err = parse(&["--chain", "c.json"]).err().unwrap();
        assert_eq!(err.to_string(), format!("--config is required\n{USAGE}"));
        let err = parse(&["verify", "--chain", "c.json"]).err().unwrap();
        assert_eq!(err.to_string(), format!("--addresses is required\n{USAGE}"));
        let err = parse(&["verify", "--chain", "c", "--config", "d"])
            .err()
            .unwrap();
        assert_eq!(
            err.to_string(),
            format!("unknown argument \"--config\"\n{USAGE}")
        );
        let err = parse(&["--chian", "c.json"]).err().unwrap();
        assert_eq!(
            err.to_string(),
            format!("unknown argument \"--chian\"\n{USAGE}")
        );
        let err = parse(&["--chain"]).err().unwrap();
        assert_eq!(err.to_string(), format!("--chain needs a file\n{USAGE}"));
    }

    /// Every `export …MNEMONIC=` in the READMEs names the variable this
    /// binary reads, so the documented command works as written.
    #[test]
    fn documented_commands_export_the_mnemonic_variable_the_binary_reads() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let mut seen = 0;
        for doc in ["README.md", "deploy/README.md"] {
            let text = std::fs::read_to_string(format!("{root}/{doc}")).unwrap();
            for line in text.lines().map(str::trim) {
                if let Some(rest) = line.strip_prefix("export ") {
                    let var = rest.split('=').next().unwrap();
                    if var.contains("MNEMONIC") {
                        assert_eq!(var, MNEMONIC_ENV, "{doc}: {line}");
                        seen += 1;
                    }
                }
            }
        }
        assert!(seen >= 2, "both READMEs show the export");
    }
}
