//! Names the generated crate defines outside the spec's own items: the runtime's public types
//! (re-exported at the crate root), the runtime's `Client` methods, and the methods every
//! generated request or struct has. Spec names that would clash get another name.
//!
//! One list per namespace, kept in step with the runtime by a test that reads the runtime's
//! source (`codegen/tests/reserved_names.rs`).

/// Type names at the crate root: the runtime's re-exports and the prelude names generated code
/// spells unqualified.
pub const TYPE_NAMES: &[&str] = &[
    // Re-exported from the runtime.
    "ApiErrorDetail",
    "Auth",
    "Client",
    "ClientBuilder",
    "Error",
    "ErrorCode",
    "Reply",
    "RequestOptions",
    "RetryPolicy",
    "ServiceAccount",
    // Spelled unqualified in generated code.
    "Box",
    "Option",
    "Result",
    "String",
    "Vec",
];

/// Methods of `Client`: the runtime's own (public or not, as inherent methods share one
/// namespace) and the generated `builder`.
pub const CLIENT_METHODS: &[&str] = &[
    "attempt",
    "builder",
    "clone",
    "execute",
    "execute_bytes",
    "execute_empty",
    "execute_text",
    "fmt",
    "request",
    "secrets",
    "send",
    "send_with_retries",
    "url",
];

/// Methods every generated request type defines besides its setters and constructors.
pub const REQUEST_METHODS: &[&str] = &["clone", "default", "eq", "fmt", "into_call", "new", "unset", "with_options"];

/// Methods every generated struct defines besides its setters.
pub const STRUCT_METHODS: &[&str] = &["clone", "default", "deserialize", "eq", "fmt", "new", "serialize"];
