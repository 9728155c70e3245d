//! Support code the operations run on: authentication, transport, errors, retries, paging and
//! wire formats.
//!
//! This is the runtime of every generated client. It is a crate of its own so that it is built,
//! formatted, linted and tested as one, and the generator copies its source into each generated
//! crate as `src/runtime/` (this file becomes `runtime/mod.rs`), keeping only the parts the spec
//! needs: the items behind a disabled cargo feature are cut out, the `cfg` attributes of enabled
//! ones removed, and test modules left behind. Modules refer to each other with `super::`, which
//! works both here at the crate root and inside `crate::runtime`.

#![deny(missing_docs)]

pub mod auth;
pub mod call;
pub mod client;
pub mod config;
#[cfg(feature = "envelope")]
pub mod envelope;
pub mod error;
#[cfg(feature = "paging")]
pub mod paging;
pub mod redact;
pub mod reply;
pub mod retry;
#[cfg(feature = "service-account")]
pub mod service_account;
#[cfg(feature = "unions")]
pub mod union;
pub mod wire;
#[cfg(feature = "decimal")]
pub mod wire_decimal;
#[cfg(feature = "time")]
pub mod wire_time;

#[cfg(test)]
mod test_support;

#[cfg(all(
    test,
    not(all(
        feature = "service-account",
        feature = "envelope",
        feature = "paging",
        feature = "decimal",
        feature = "time",
        feature = "multipart",
        feature = "unions"
    ))
))]
compile_error!("the runtime's unit tests need every part: run them with the default features");
