//! Black-box tests of the whole service: the real app on a random port, a real
//! PostgreSQL database of its own, and a real JWKS served over HTTP.

mod helpers;
mod idempotency;

mod auth;
mod conditional;
mod contract;
mod contract_doc;
mod contract_doc_headers;
mod errors;
mod faults;
mod isolation;
mod listing;
mod logging;
mod methods;
mod planning;
mod planning_due;
mod planning_isolation;
mod planning_list;
mod planning_reminders;
mod planning_rules;
mod planning_sort;
mod planning_support;
mod provisioning;
mod recurring;
mod recurring_headers;
mod service;
mod shutdown;
mod stream;
mod stream_ends;
mod stream_limits;
mod v1_client;
