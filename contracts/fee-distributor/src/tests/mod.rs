mod suite;

mod claims;
mod deposits;
mod json;
mod owner;
mod pools;
mod proptests;
mod refusals;
mod retire;
mod scale;
