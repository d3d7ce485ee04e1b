//! Black-box tests of the whole service: the real app on a random port, a real
//! PostgreSQL database of its own, and a real JWKS served over HTTP.

mod helpers;

mod auth;
mod contract;
mod contract_doc;
mod errors;
mod faults;
mod isolation;
mod listing;
mod logging;
mod methods;
mod provisioning;
mod service;
mod shutdown;
