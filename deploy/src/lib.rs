//! Deployment of the Fairgrid market with cw-orch: the same code deploys and
//! wires the four contracts on the `Mock` (tests) and on a real chain
//! (`Daemon`, see `src/bin/fairgrid-deploy.rs` and README.md).

pub mod artifacts;
pub mod chain;
pub mod config;
pub mod deploy;
pub mod interfaces;
pub mod messages;
pub mod verify;

pub use config::{ConfigError, DeployConfig};
pub use deploy::{deploy, DeployError, DeployedAddresses, Deployment};
pub use interfaces::{ComputeEscrow, FairToken, FeeDistributor, Governance};
pub use verify::WiringError;
