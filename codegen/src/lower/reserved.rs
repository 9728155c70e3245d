//! Names the generated crate defines outside the spec's own items: the runtime's public types
//! (re-exported at the crate root), the runtime's `Client` methods, and the methods every
//! generated request or struct has. Spec names that would clash get another name.
//!
//! One list per namespace, kept in step with the runtime by a test below that reads the
//! runtime's source.

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
    "FilePart",
    "Reply",
    "RequestOptions",
    // Runtime items the generated code names through `crate::runtime`, kept free so a glob
    // re-export never meets them.
    "RetryPolicy",
    "ServiceAccount",
    // The Rust 2024 prelude: generated code spells these unqualified (`From`, `Into`, `Some`,
    // `Ok`, ...), and a spec type of that name would shadow them in its module. Unit and tuple
    // structs also take the value namespace, so `None` and `Ok` are kept free too.
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Future",
    "Into",
    "IntoFuture",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
    // Names the generated serde impls give their own generics and local items, which would
    // shadow a spec type of that name inside them.
    "A",
    "D",
    "S",
    "Visitor",
];

/// Methods of `Client`: the runtime's own (public or not, as inherent methods share one
/// namespace) and the generated `builder`.
pub const CLIENT_METHODS: &[&str] = &[
    "attempt",
    "builder",
    "call",
    "clone",
    "decode_reply",
    "exchange",
    "execute",
    "execute_bytes",
    "execute_empty",
    "execute_reply",
    "execute_text",
    "fmt",
    "is_auth_failure",
    // Not the runtime's: a method called `new` must return `Self` (clippy's `new_ret_no_self`).
    "new",
    "paging_limits",
    "read_body",
    "reply",
    "request",
    "secrets",
    "send_call",
    "send_with_retries",
    "url",
];

/// Methods of `Auth` in the runtime, next to which the API-key constructors are named.
pub const AUTH_METHODS: &[&str] = &[
    "acting_as",
    "add_secrets",
    "and",
    "basic",
    "bearer",
    "clone",
    "credentials",
    "credentials_of",
    "fmt",
    "forget_token",
    "from_basic",
    "from_bearer",
    "from_env",
    "from_env_var",
    "from_header",
    "from_kind",
    "from_params",
    "from_query",
    "header",
    "into_kinds",
    "kinds",
    "query",
    "resolve",
    "service_account",
    "uses_custom_header",
];

/// Methods every generated request type defines besides its setters and constructors.
/// (`request_options` is the field that `with_options` sets.)
pub const REQUEST_METHODS: &[&str] =
    &["clone", "default", "eq", "fmt", "into_call", "new", "request_options", "unset", "with_options"];

/// Operator methods (`std::ops`) that a one-argument setter would be mistaken for (clippy's
/// `should_implement_trait`): such setters take another name.
pub const OPERATOR_METHODS: &[&str] = &["add", "sub", "mul", "div", "rem", "bitand", "bitor", "bitxor", "shl", "shr"];

/// Methods every generated struct defines besides its setters.
pub const STRUCT_METHODS: &[&str] = &["clone", "default", "deserialize", "eq", "fmt", "new", "serialize"];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// The runtime's source files, as the generator copies them.
    const RUNTIME: &[&str] = &[
        include_str!("../../runtime/src/auth.rs"),
        include_str!("../../runtime/src/client.rs"),
        include_str!("../../runtime/src/lib.rs"),
        include_str!("../../runtime/src/service_account.rs"),
    ];

    /// Every method of every inherent `impl <type_name>` block in the runtime.
    fn methods_of(type_name: &str) -> BTreeSet<String> {
        let mut names = BTreeSet::new();
        for source in RUNTIME {
            let file: syn::File = syn::parse_str(source).expect("the runtime parses");
            for item in file.items {
                let syn::Item::Impl(block) = item else { continue };
                let syn::Type::Path(path) = &*block.self_ty else { continue };
                if block.trait_.is_some() || !path.path.is_ident(type_name) {
                    continue;
                }
                for member in block.items {
                    if let syn::ImplItem::Fn(function) = member {
                        names.insert(function.sig.ident.to_string());
                    }
                }
            }
        }
        names
    }

    #[test]
    fn every_runtime_method_of_client_and_auth_is_reserved() {
        for (type_name, reserved) in [("Client", CLIENT_METHODS), ("Auth", AUTH_METHODS)] {
            let found = methods_of(type_name);
            assert!(!found.is_empty(), "no `impl {type_name}` found in the runtime");
            let missing: Vec<&String> = found.iter().filter(|name| !reserved.contains(&name.as_str())).collect();
            assert!(missing.is_empty(), "`{type_name}` methods missing from the reserved list: {missing:?}");
        }
    }

    #[test]
    fn every_root_re_export_of_the_runtime_is_reserved() {
        // The names the generated `lib.rs` re-exports from `runtime::*`.
        let emitted = include_str!("../emit/crate_root.rs");
        for line in emitted.lines().filter(|line| line.trim_start().starts_with("pub use runtime::")) {
            let names = line.rsplit("::").next().unwrap_or_default();
            for name in names.trim_matches(|c| matches!(c, '{' | '}' | ';' | ' ')).split(',') {
                let name = name.trim().trim_end_matches(['}', ';']);
                assert!(TYPE_NAMES.contains(&name), "`{name}` is re-exported at the root but not reserved");
            }
        }
    }
}
