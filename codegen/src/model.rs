//! The intermediate model: what to generate, decided by `lower`, spelled out by `emit`.
//!
//! Free of both openapiv3 and proc-macro2 so that every decision lives in one place
//! and can be inspected (and tested) without reading generated code.

/// Everything the generated crate contains.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// Cargo package name, e.g. `voximplant-client`.
    pub crate_name: String,
    /// Spec `info.title`.
    pub title: String,
    /// Spec `info.version`.
    pub spec_version: String,
    /// Spec `info.description`.
    pub description: Option<String>,
    /// First `servers[].url`, without a trailing slash.
    pub default_base_url: Option<String>,
    /// Named types, sorted by name.
    pub types: Vec<TypeDef>,
    /// Operations in spec order (paths in document order, methods in a fixed order).
    pub operations: Vec<Operation>,
    /// How callers authenticate.
    pub auth: AuthModel,
    /// How failures are recognised and named.
    pub errors: ErrorModel,
    /// Which optional runtime capabilities the crate needs.
    pub features: Features,
}

/// Optional capabilities, so crates that do not need them do not pay for them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Features {
    /// Some field or parameter is an exact decimal (`rust_decimal`).
    pub decimal: bool,
    /// Some field or parameter is a date or timestamp (`time`).
    pub time: bool,
    /// Some operation is paged (`futures-core` streams).
    pub paging: bool,
}

/// Documentation gathered from the spec for one item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Docs {
    /// Summary or title (first paragraph).
    pub summary: Option<String>,
    /// Longer description.
    pub description: Option<String>,
    /// Extra lines ("Default: `20`", "Allowed values: ...", "Allowed roles: ...").
    pub notes: Vec<String>,
    /// Marked `deprecated` in the spec.
    pub deprecated: bool,
}

/// A named Rust type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// Rust identifier (PascalCase).
    pub name: String,
    /// Where it came from (JSON pointer), for diagnostics and doc links.
    pub origin: String,
    pub docs: Docs,
    pub kind: TypeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// A JSON object with known fields.
    Struct(Struct),
    /// A string enum; always open (unknown values are kept in `Other`).
    StringEnum(Vec<EnumVariant>),
    /// An integer enum: a newtype over `i64` with a named constant per documented value, so
    /// unknown values survive too.
    IntEnum(Vec<IntConst>),
    /// `oneOf`/`anyOf`: one variant per alternative.
    Union(Union),
    /// Another name for a type (top-level schemas that are arrays, maps or scalars).
    Alias(TypeRef),
    /// The documented error replies of one operation, chosen by HTTP status.
    OperationError(Vec<ErrorVariant>),
}

/// One documented error reply of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorVariant {
    /// Rust variant name (`Status404`, `Status4xx`, `Default`).
    pub rust_name: String,
    pub status: ErrorStatus,
    pub ty: TypeRef,
    pub docs: Docs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorStatus {
    Code(u16),
    /// `4XX` / `5XX`: the hundreds digit.
    Range(u16),
    Default,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// `additionalProperties` as a typed map of the remaining keys, if the schema allows it
    /// with a schema (not merely `true`).
    pub additional: Option<TypeRef>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Rust identifier (snake_case, raw if a keyword).
    pub rust_name: String,
    /// JSON key.
    pub wire_name: String,
    pub ty: TypeRef,
    /// Always present on the wire; otherwise `Option`.
    pub required: bool,
    /// `nullable: true`: present but null is allowed. A required nullable field is `Option`.
    pub nullable: bool,
    /// `format: password`: never shown by `Debug`.
    pub secret: bool,
    pub docs: Docs,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    /// Rust identifier (PascalCase, unique within the enum).
    pub rust_name: String,
    /// Value on the wire.
    pub wire_value: String,
    pub docs: Docs,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IntConst {
    /// SCREAMING_SNAKE_CASE constant name.
    pub rust_name: String,
    pub value: i64,
    pub docs: Docs,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// `Some(property)` when a discriminator selects the variant; else untagged, tried in order.
    pub discriminator: Option<String>,
    /// Used as a parameter value: every variant is a scalar, so the union has a text form.
    pub to_param: bool,
    pub variants: Vec<UnionVariant>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    pub rust_name: String,
    /// Discriminator value (tagged unions only).
    pub tag: Option<String>,
    pub ty: TypeRef,
}

/// A use of a type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeRef {
    String,
    Bool,
    I32,
    I64,
    F64,
    /// Exact decimal, decoded from the JSON number text.
    Decimal,
    /// `YYYY-MM-DD`.
    Date,
    /// A date and time, in the given wire format.
    DateTime(DateTimeFormat),
    /// Any JSON value.
    Json,
    /// A named type from `Api::types`.
    Named(String),
    /// JSON array.
    List(Box<TypeRef>),
    /// JSON object with string keys.
    Map(Box<TypeRef>),
    /// Heap indirection that breaks a recursive cycle.
    Boxed(Box<TypeRef>),
    /// Raw bytes (`format: binary` bodies).
    Bytes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateTimeFormat {
    /// RFC 3339 (`format: date-time`).
    Rfc3339,
    /// `YYYY-MM-DD HH:MM:SS` in UTC (`format: voximplant-timestamp`).
    SpaceSeparatedUtc,
}

/// One API operation: one request type, one client method.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The operationId (or a derived stable name), as written in the spec.
    pub id: String,
    /// Client method name (snake_case).
    pub method_name: String,
    /// Request type name (`<Operation>Request`).
    pub request_type: String,
    /// HTTP method, upper-case.
    pub http_method: String,
    /// Path template as in the spec, e.g. `/pets/{petId}`.
    pub path: String,
    pub docs: Docs,
    pub params: Vec<Param>,
    /// A body that is not split into parameters (JSON, text or bytes).
    pub body: Option<Body>,
    /// Groups of which at least one parameter must be given; one constructor per member.
    pub at_least_one_of: Vec<String>,
    /// What a success decodes into.
    pub response: Response,
    /// The type of this operation's documented error replies (a `TypeKind::OperationError`),
    /// when the spec documents any and has no error envelope.
    pub error_type: Option<String>,
    /// Safe to send twice: retried by default.
    pub idempotent: bool,
    pub pagination: Option<Pagination>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// `Bytes` for binary bodies, `String` for text, any type for JSON.
    pub ty: TypeRef,
    /// `None`: JSON; else the media type of a body sent as is.
    pub raw_content_type: Option<String>,
    pub required: bool,
    pub docs: Docs,
}

/// The success reply of an operation.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// No body (or one nobody reads, like a 204).
    Empty,
    /// JSON decoded into this type.
    Json(TypeRef),
    /// A `text/*` body, as a `String`.
    Text,
    /// Any other media type, as bytes.
    Bytes,
}

impl Response {
    /// The JSON type, if the reply is JSON.
    pub fn json(&self) -> Option<&TypeRef> {
        match self {
            Response::Json(t) => Some(t),
            _ => None,
        }
    }
}

/// One request parameter, whatever its location.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Rust identifier (snake_case; also the setter name).
    pub rust_name: String,
    /// Name on the wire.
    pub wire_name: String,
    pub location: ParamLocation,
    /// The type the caller gives (for lists: `List(item)`).
    pub ty: TypeRef,
    pub required: bool,
    /// Lists travel as one value joined by this string.
    pub delimiter: Option<String>,
    /// A literal the list parameter also accepts to mean "every item" (`x-all-value`).
    pub all_value: Option<String>,
    /// How the value becomes text on the wire.
    pub encoding: ParamEncoding,
    /// `format: password`: never shown by `Debug`.
    pub secret: bool,
    pub docs: Docs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamEncoding {
    /// A scalar (or list of scalars) with a text form.
    Text,
    /// An object as `name[key]=value` pairs.
    DeepObject,
    /// An object as one `key=value` pair per property.
    Exploded,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    /// A field of an `application/x-www-form-urlencoded` body.
    Form,
    /// A field of a `multipart/form-data` body.
    Multipart,
}

/// Offset paging, as described by `x-pagination`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    /// Request parameter (rust name) holding the offset.
    pub offset_param: String,
    /// Request parameter (rust name) holding the page size.
    pub limit_param: String,
    /// Response field (rust name) holding the items.
    pub items_field: String,
    /// Item type.
    pub item_type: TypeRef,
    /// Response field (rust name) holding the total count, if the API reports one.
    pub total_field: Option<String>,
    /// Whether the total field is `Option` in the response type.
    pub total_optional: bool,
    /// Whether the total field is an `i32` (else `i64`).
    pub total_is_i32: bool,
}

/// Authentication schemes the spec declares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthModel {
    pub schemes: Vec<AuthScheme>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthScheme {
    /// `http` / `bearer`.
    Bearer,
    /// `http` / `basic`.
    Basic,
    /// `apiKey` in a header, query or cookie.
    ApiKey { name: String, location: String },
    /// A bearer token the client signs itself (`x-service-account-jwt`).
    ServiceAccountJwt { credentials_env: Option<String>, max_lifetime_seconds: u64 },
}

/// How the API reports failures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorModel {
    /// An error object inside an otherwise successful reply (`x-error-envelope`).
    pub envelope: Option<ErrorEnvelope>,
    /// Known error codes (`x-error-codes`), sorted by code.
    pub codes: Vec<ErrorCodeDef>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorEnvelope {
    /// Top-level key whose presence signals failure.
    pub error: String,
    pub code: String,
    pub message: String,
    /// Top-level key of the list of all errors, if any.
    pub list: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorCodeDef {
    pub code: i64,
    /// SCREAMING_SNAKE_CASE constant name.
    pub name: String,
    pub message: String,
    /// A "try again later" code: retried like a 429.
    pub retryable: bool,
}
