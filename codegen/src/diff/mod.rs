//! The public API change between two versions of a spec, read from their models.
//!
//! [`compare`] pairs operations (by operationId), parameters and fields (by wire name), types
//! (by Rust name), enum values, union alternatives and error codes, and lists every difference
//! in spec terms and in Rust terms, each with its semver impact on the generated crate. The
//! impact follows the Cargo SemVer reference as it applies to what `emit` generates: schema
//! structs and enums are `#[non_exhaustive]`, request types keep their fields private and are
//! built by `new(required..)` plus setters, so additions stay minor and removals, renames,
//! type changes and new required inputs are major.

mod crate_level;
mod operations;
mod render;
mod spell;
mod types;
mod version;

use std::fmt;

use serde::Serialize;

use crate::model::Api;
pub use version::{Version, release_kind};

/// How a change affects the users of the generated crate (Cargo's SemVer categories).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Impact {
    /// Nothing users can call or match on changes (docs, wire details, server behaviour).
    Patch,
    /// Only additions: every program written against the old crate still compiles.
    Minor,
    /// Some program written against the old crate no longer compiles or silently changes meaning.
    Major,
}

impl Impact {
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::Patch => "patch",
            Impact::Minor => "minor",
            Impact::Major => "major",
        }
    }
}

impl fmt::Display for Impact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a change belongs to: the report has one table per subject.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Subject {
    /// The package, authentication, error envelope and error codes.
    Crate,
    /// One operation: its client method and request type.
    Operation { id: String, method: String },
    /// One named type.
    Type { name: String },
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Crate => f.write_str("Crate"),
            Subject::Operation { id, method } => write!(f, "Operation `{id}` (`Client::{method}`)"),
            Subject::Type { name } => write!(f, "Type `{name}`"),
        }
    }
}

/// The sort of a change, for tools reading the JSON report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    PackageRenamed,
    BaseUrlChanged,
    AuthAdded,
    AuthRemoved,
    AuthChanged,
    EnvelopeChanged,
    ErrorCodeAdded,
    ErrorCodeRemoved,
    ErrorCodeRenamed,
    ErrorCodeRetryChanged,
    OperationAdded,
    OperationRemoved,
    OperationRenamed,
    RequestChanged,
    ParameterAdded,
    ParameterRemoved,
    ParameterRenamed,
    ParameterRetyped,
    ParameterNowRequired,
    ParameterNowOptional,
    ParameterReordered,
    ParameterDefaultChanged,
    ParameterMoved,
    ParameterAllValue,
    ParameterSecret,
    BodyAdded,
    BodyRemoved,
    BodyRetyped,
    BodyNowRequired,
    BodyNowOptional,
    ConstructorsChanged,
    ReplyChanged,
    PaginationAdded,
    PaginationRemoved,
    PaginationChanged,
    RetryChanged,
    ErrorRepliesChanged,
    TypeAdded,
    TypeRemoved,
    TypeKindChanged,
    TraitImplAdded,
    TraitImplRemoved,
    BuilderChanged,
    FieldAdded,
    FieldRemoved,
    FieldRenamed,
    FieldRetyped,
    FieldNowRequired,
    FieldNowOptional,
    FieldNullability,
    FieldWireFormat,
    FieldDefaultChanged,
    FieldSecret,
    EnumValueAdded,
    EnumValueRemoved,
    EnumValueRenamed,
    AlternativeAdded,
    AlternativeRemoved,
    AlternativeRetyped,
    UnionTaggingChanged,
    AliasRetyped,
    TypesJoined,
    TypesSplit,
    ErrorVariantAdded,
    ErrorVariantRemoved,
    ErrorVariantRetyped,
    ReplyVariantAdded,
    ReplyVariantRemoved,
    ReplyVariantRetyped,
    Docs,
}

/// One difference between the two APIs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub subject: Subject,
    pub kind: Kind,
    /// What changed, in spec terms: "new required parameter `plan_type`".
    pub change: String,
    /// The Rust item it touches: "`ChangeAccountPlanRequest::new`".
    pub item: String,
    pub impact: Impact,
    /// Why the impact, naming the Rust item: "`ChangeAccountPlanRequest::new` gains an argument".
    pub reason: String,
    /// The change as a changelog sentence.
    pub sentence: String,
}

/// The report line: change, reason, impact.
impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.change, self.reason, self.impact)
    }
}

/// Every change between two versions of a spec, with the crate versions they declare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Package name (the new spec's).
    pub package: String,
    /// `x-rust-crate-version` of the old and the new spec.
    pub old_version: String,
    pub new_version: String,
    pub changes: Vec<Change>,
}

/// Compares the models of two versions of a spec.
pub fn compare(old: &Api, new: &Api) -> Report {
    let sides = Sides { old, new };
    let mut changes = Vec::new();
    crate_level::compare(sides, &mut changes);
    operations::compare(sides, &mut changes);
    types::compare(sides, &mut changes);
    Report {
        package: new.package.name.clone(),
        old_version: old.package.version.clone(),
        new_version: new.package.version.clone(),
        changes,
    }
}

impl Report {
    /// The bump the changes need, if there are any.
    pub fn required(&self) -> Option<Impact> {
        self.changes.iter().map(|change| change.impact).max()
    }

    pub fn count(&self, impact: Impact) -> usize {
        self.changes.iter().filter(|change| change.impact == impact).count()
    }

    /// What kind of release the declared versions make (`None`: not bumped, or unreadable).
    pub fn declared(&self) -> Option<Impact> {
        release_kind(&self.old_version, &self.new_version)
    }

    /// A major change without a major bump of `x-rust-crate-version`.
    pub fn breaking_unmatched(&self) -> bool {
        self.required() == Some(Impact::Major) && self.declared() != Some(Impact::Major)
    }

    /// The version the release needs: the declared one when it is bumped enough, else the
    /// smallest bump of the old version that is.
    pub fn release_version(&self) -> String {
        let Some(required) = self.required() else { return self.new_version.clone() };
        let enough = self.declared().is_some_and(|declared| declared >= required);
        match (enough, Version::parse(&self.old_version)) {
            (false, Some(old)) => old.bumped(required).to_string(),
            _ => self.new_version.clone(),
        }
    }

    /// Markdown for a pull-request comment: a summary line, then one table per subject.
    pub fn markdown(&self) -> String {
        render::markdown(self)
    }

    /// The entry a release adds to the crate's CHANGELOG.md.
    pub fn changelog(&self) -> String {
        render::changelog(self)
    }

    /// The report as JSON, with the summary worked out.
    pub fn json(&self) -> String {
        render::json(self)
    }
}

/// The two models being compared.
#[derive(Clone, Copy)]
struct Sides<'a> {
    old: &'a Api,
    new: &'a Api,
}

/// Collects the changes of one subject.
struct Log<'a> {
    subject: Subject,
    out: &'a mut Vec<Change>,
}

/// One change before it is given its subject.
struct Entry {
    kind: Kind,
    impact: Impact,
    change: String,
    item: String,
    reason: String,
    sentence: String,
}

impl Log<'_> {
    fn add(&mut self, entry: Entry) {
        let Entry { kind, impact, change, item, reason, sentence } = entry;
        self.out.push(Change { subject: self.subject.clone(), kind, change, item, impact, reason, sentence });
    }

    /// A change to documentation only.
    fn docs(&mut self, what: &str, item: &str) {
        self.add(Entry {
            kind: Kind::Docs,
            impact: Impact::Patch,
            change: format!("docs of {what} changed"),
            item: item.to_owned(),
            reason: format!("only the doc comment of {item} changes"),
            sentence: format!("Documentation of {item} updated."),
        });
    }
}

/// Notes the generator writes from facts that are compared (and reported) on their own: the
/// default, an enum's values, the retry class.
const DERIVED_NOTES: &[&str] = &["Default: ", "Allowed values: ", "Not retried by default"];

/// Docs compared as the spec wrote them, without the notes derived from other facts.
fn docs_differ(old: &crate::model::Docs, new: &crate::model::Docs) -> bool {
    let notes = |docs: &crate::model::Docs| -> Vec<String> {
        docs.notes.iter().filter(|note| !DERIVED_NOTES.iter().any(|prefix| note.starts_with(prefix))).cloned().collect()
    };
    old.summary != new.summary
        || old.description != new.description
        || old.deprecated != new.deprecated
        || notes(old) != notes(new)
}
