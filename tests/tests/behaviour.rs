//! Behaviour tests of the generated client against a local mock server (wiremock on 127.0.0.1).
//!
//! Recorded request/response pairs live in `tests/recorded/<Operation>/` (their origin is in
//! `tests/recorded/README.md`). Each replay checks what the client sent (method, path, every
//! form field, the service-account JWT) and what it decoded. No network, no committed keys:
//! the RSA key is generated when the tests start.

#![cfg(test)]

#[cfg(test)]
#[path = "behaviour/support.rs"]
mod support;

#[cfg(test)]
#[path = "behaviour/operations.rs"]
mod operations;

#[cfg(test)]
#[path = "behaviour/retries.rs"]
mod retries;

#[cfg(test)]
#[path = "behaviour/paging.rs"]
mod paging;

#[cfg(test)]
#[path = "behaviour/hostile.rs"]
mod hostile;

#[cfg(test)]
#[path = "behaviour/auth.rs"]
mod auth;

#[cfg(test)]
#[path = "behaviour/documented.rs"]
mod documented;

#[cfg(test)]
#[path = "behaviour/selection.rs"]
mod selection;

#[cfg(test)]
#[path = "behaviour/voximplant_details.rs"]
mod voximplant_details;
