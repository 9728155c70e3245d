//! The parts of `cargo xtask bench` (see README.md): each `p*` module measures one thing and
//! returns rows for the one table that `main.rs` prints.

pub mod calls;
pub mod compile;
pub mod decode;
pub mod generate;
pub mod generation;
pub mod ladder;
pub mod machine;
pub mod scaling;
pub mod server;
pub mod stats;
pub mod table;
