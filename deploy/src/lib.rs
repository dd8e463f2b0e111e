//! Deployment of the Fairgrid market.
