//! Changes to the crate as a whole: package name, default host, spec metadata, authentication,
//! the error envelope and the error codes.

use super::{Entry, Impact, Kind, Log, Sides, Subject};
use crate::model::{Api, AuthScheme, KeyedToken};

pub(super) fn compare(sides: Sides<'_>, out: &mut Vec<crate::diff::Change>) {
    let mut log = Log { subject: Subject::Crate, out };
    let (old, new) = (sides.old, sides.new);
    package(old, new, &mut log);
    auth(old, new, &mut log);
    envelope(old, new, &mut log);
    error_codes(old, new, &mut log);
}

fn package(old: &Api, new: &Api, log: &mut Log<'_>) {
    if old.package.name != new.package.name {
        // Cargo: renaming a package is removing every item of it (item-remove).
        log.add(Entry {
            kind: Kind::PackageRenamed,
            impact: Impact::Major,
            change: format!("`x-rust-crate` changed from `{}` to `{}`", old.package.name, new.package.name),
            item: format!("package `{}`", new.package.name),
            reason: format!("dependants of `{}` must change their Cargo.toml and paths", old.package.name),
            sentence: format!("The package is renamed from `{}` to `{}`.", old.package.name, new.package.name),
        });
    }
    if old.default_base_url != new.default_base_url {
        let show = |url: &Option<String>| url.as_deref().map_or("none".to_owned(), |url| format!("`{url}`"));
        log.add(Entry {
            kind: Kind::BaseUrlChanged,
            impact: Impact::Patch,
            change: format!(
                "server URL changed from {} to {}",
                show(&old.default_base_url),
                show(&new.default_base_url)
            ),
            item: "`Client::builder`".into(),
            reason: "only the default of `ClientBuilder::base_url` changes; the Rust API is the same".into(),
            sentence: format!("The default host is now {}.", show(&new.default_base_url)),
        });
    }
    if old.title != new.title || old.description != new.description || old.spec_version != new.spec_version {
        log.add(Entry {
            kind: Kind::Docs,
            impact: Impact::Patch,
            change: if old.spec_version == new.spec_version {
                "spec title or description changed".into()
            } else {
                format!("spec version `{}` → `{}`", old.spec_version, new.spec_version)
            },
            item: "crate docs".into(),
            reason: "only the crate's documentation and README change".into(),
            sentence: format!("Generated from version {} of the spec.", new.spec_version),
        });
    }
}

/// A scheme's identity and the Rust item that uses it.
fn scheme_key(scheme: &AuthScheme) -> (String, String) {
    match scheme {
        AuthScheme::ServiceAccount(_) => ("service-account JWT".into(), "`Auth::service_account`".into()),
        AuthScheme::Bearer => ("bearer token".into(), "`Auth::bearer`".into()),
        AuthScheme::Basic => ("HTTP basic".into(), "`Auth::basic`".into()),
        AuthScheme::ApiKeys(constructor) => {
            let mut keys: Vec<&str> = constructor.keys.iter().map(|key| key.wire_name.as_str()).collect();
            match &constructor.token {
                Some(KeyedToken::Bearer { .. }) => keys.push("bearer token"),
                Some(KeyedToken::Basic { .. }) => keys.push("HTTP basic"),
                None => {}
            }
            (format!("API key ({})", keys.join(" + ")), format!("`Auth::{}`", constructor.name))
        }
    }
}

fn auth(old: &Api, new: &Api, log: &mut Log<'_>) {
    let keyed = |api: &'_ Api| -> Vec<(String, String, AuthScheme)> {
        api.auth
            .schemes
            .iter()
            .map(|scheme| {
                let (key, item) = scheme_key(scheme);
                (key, item, scheme.clone())
            })
            .collect()
    };
    let (old_schemes, new_schemes) = (keyed(old), keyed(new));
    for (key, item, scheme) in &new_schemes {
        match old_schemes.iter().find(|(old_key, _, _)| old_key == key) {
            None => log.add(Entry {
                // Cargo: new public items are minor (item-new); clients configured otherwise are untouched.
                kind: Kind::AuthAdded,
                impact: Impact::Minor,
                change: format!("new security scheme: {key}"),
                item: item.clone(),
                reason: format!("a new way to authenticate ({item}); existing clients keep working"),
                sentence: format!("The API also accepts {key} authentication ({item})."),
            }),
            Some((_, _, old_scheme)) if old_scheme != scheme => log.add(Entry {
                kind: Kind::AuthChanged,
                impact: Impact::Patch,
                change: format!("settings of the {key} scheme changed"),
                item: item.clone(),
                reason: format!("{item} keeps its signature; only how the credential is made or sent changes"),
                sentence: format!("The {key} scheme's settings changed."),
            }),
            Some(_) => {}
        }
    }
    for (key, item, _) in &old_schemes {
        if !new_schemes.iter().any(|(new_key, _, _)| new_key == key) {
            // Programs still compile, but a client built with it is refused by the server: a
            // behaviour break as bad as a removed item.
            log.add(Entry {
                kind: Kind::AuthRemoved,
                impact: Impact::Major,
                change: format!("security scheme removed: {key}"),
                item: item.clone(),
                reason: format!("clients authenticating with {item} are no longer accepted"),
                sentence: format!("{key} authentication ({item}) is no longer accepted."),
            });
        }
    }
}

fn envelope(old: &Api, new: &Api, log: &mut Log<'_>) {
    let (impact, change, reason, sentence) = match (&old.errors.envelope, &new.errors.envelope) {
        (None, Some(_)) => (
            Impact::Minor,
            "`x-error-envelope` added",
            "new items `Error::Api`, `ErrorCode` and `ApiErrorDetail`: failures inside a 2xx reply become `Error::Api`",
            "Failures inside successful replies are recognised as `Error::Api`.",
        ),
        (Some(_), None) => (
            Impact::Major,
            "`x-error-envelope` removed",
            "`ErrorCode` and `ApiErrorDetail` are no longer exported and `Error::Api` is never returned",
            "Failures are no longer read from an error envelope; `ErrorCode` and `ApiErrorDetail` are gone.",
        ),
        (Some(before), Some(after)) if before != after => (
            Impact::Patch,
            "`x-error-envelope` keys changed",
            "the Rust API is the same; failures are read from other keys",
            "The error envelope is read from other keys.",
        ),
        _ => return,
    };
    log.add(Entry {
        kind: Kind::EnvelopeChanged,
        impact,
        change: change.into(),
        item: "`Error::Api`".into(),
        reason: reason.into(),
        sentence: sentence.into(),
    });
}

fn error_codes(old: &Api, new: &Api, log: &mut Log<'_>) {
    for code in &new.errors.codes {
        let constant = format!("`ErrorCode::{}`", code.name);
        let Some(before) = old.errors.codes.iter().find(|before| before.code == code.code) else {
            // Cargo: a new associated constant is a new public item (item-new): minor.
            log.add(Entry {
                kind: Kind::ErrorCodeAdded,
                impact: Impact::Minor,
                change: format!("new error code {} ({})", code.code, code.message),
                item: constant.clone(),
                reason: format!("new associated constant {constant}"),
                sentence: format!("New error code {}: {constant} ({}).", code.code, code.message),
            });
            continue;
        };
        if before.name != code.name {
            // Cargo: renaming a public item is removing it (item-remove).
            log.add(Entry {
                kind: Kind::ErrorCodeRenamed,
                impact: Impact::Major,
                change: format!("error code {} renamed", code.code),
                item: constant.clone(),
                reason: format!("`ErrorCode::{}` is now {constant}", before.name),
                sentence: format!("`ErrorCode::{}` is renamed to {constant}.", before.name),
            });
        }
        if before.retryable != code.retryable {
            let now = if code.retryable { "now retried like a 429" } else { "no longer retried" };
            log.add(Entry {
                kind: Kind::ErrorCodeRetryChanged,
                impact: Impact::Patch,
                change: format!("error code {} retry class changed", code.code),
                item: constant.clone(),
                reason: format!("calls failing with {constant} are {now}; the Rust API is the same"),
                sentence: format!("Calls failing with error {} are {now}.", code.code),
            });
        }
        if before.message != code.message {
            log.docs(&format!("error code {}", code.code), &constant);
        }
    }
    for code in &old.errors.codes {
        if !new.errors.codes.iter().any(|after| after.code == code.code) {
            let constant = format!("`ErrorCode::{}`", code.name);
            // Cargo: removing a public item (item-remove): major.
            log.add(Entry {
                kind: Kind::ErrorCodeRemoved,
                impact: Impact::Major,
                change: format!("error code {} removed", code.code),
                item: constant.clone(),
                reason: format!("associated constant {constant} removed"),
                sentence: format!("{constant} is removed."),
            });
        }
    }
}
