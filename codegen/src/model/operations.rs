//! Operations: one request type and one client method each.

use super::{Docs, Ident, TypeId, TypeRef};

/// One API operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The operationId (or a derived stable name), as written in the spec.
    pub id: String,
    /// Client method.
    pub method_name: Ident,
    /// Request type.
    pub request_type: Ident,
    pub http_method: HttpMethod,
    pub path: PathTemplate,
    pub docs: Docs,
    pub params: Vec<Param>,
    /// A body that is not split into parameters (JSON, text or bytes).
    pub body: Option<Body>,
    /// How requests are built.
    pub constructors: Constructors,
    /// What a success decodes into.
    pub response: Response,
    /// The type of this operation's documented error replies (a `TypeKind::OperationError`,
    /// or an alias of one), when the spec documents any and has no error envelope.
    pub error_type: Option<TypeId>,
    /// Safe to send twice: retried by default.
    pub idempotent: bool,
    pub pagination: Option<Pagination>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl HttpMethod {
    /// Upper case, as on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Head => "HEAD",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Trace => "TRACE",
        }
    }

    /// Safe to repeat by HTTP semantics.
    pub fn is_idempotent(self) -> bool {
        matches!(self, HttpMethod::Get | HttpMethod::Head | HttpMethod::Put | HttpMethod::Delete | HttpMethod::Options)
    }
}

/// A path with its `{parameters}` resolved to the operation's parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    /// As written in the spec, e.g. `/pets/{petId}`.
    pub text: String,
    /// The path up to any `?`, split at its parameters.
    pub segments: Vec<PathSegment>,
    /// Fixed query pairs written into the path itself (`/search?type=user`), decoded; sent
    /// before the parameters.
    pub query: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    Literal(String),
    /// Index into [`Operation::params`].
    Param(usize),
}

/// One request parameter, whatever its location.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Field of the request type (and the setter, for optional parameters).
    pub name: Ident,
    /// Name on the wire.
    pub wire_name: String,
    pub location: ParamLocation,
    /// The type stored in the request (for lists: `List(item)`).
    pub ty: TypeRef,
    pub required: bool,
    /// What setters and constructor arguments accept.
    pub input: Input,
    /// How the value becomes text on the wire.
    pub encoding: Encoding,
    /// A literal the list parameter also accepts to mean "every item" (`x-all-value`).
    pub all: Option<AllValue>,
    /// `format: password`: never shown by `Debug`.
    pub secret: bool,
    /// The spec's `default`, as JSON text.
    pub default: Option<String>,
    /// Literal text before a path parameter's value: `.` in the `label` style, `;name=` in the
    /// `matrix` style, nothing in the `simple` style and elsewhere.
    pub prefix: String,
    /// A path value whose reserved characters (`/`, `:`, ...) go unencoded: a `{+name}`
    /// template variable (RFC 6570 reserved expansion).
    pub reserved: bool,
    pub docs: Docs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
    /// A field of an `application/x-www-form-urlencoded` body.
    Form,
    /// A field of a `multipart/form-data` body.
    Multipart,
}

/// What a setter or constructor argument accepts, and how it becomes the stored value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// The stored type itself.
    Value,
    /// `impl Into<String>`.
    IntoString,
    /// `impl Into<Vec<u8>>`.
    IntoBytes,
    /// `impl Into<FilePart>`: a multipart file, with its file name and media type.
    IntoFile,
    /// `impl IntoIterator<Item = impl Into<FilePart>>`: several files under one name.
    IntoFiles,
    /// `impl IntoIterator<Item = T>` collected into a `Vec`.
    Items,
    /// `impl IntoIterator<Item = impl Into<String>>`.
    StringItems,
}

/// How a parameter value travels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Encoding {
    /// One value as text.
    Text(TextForm),
    /// A list as one value, items joined by the delimiter; an empty list is not sent when
    /// optional and refused when required.
    Joined { delimiter: String, item: TextForm },
    /// A list as one parameter per item.
    Repeated(TextForm),
    /// An object as `name[key]=value` pairs.
    DeepObject,
    /// An object as one `key=value` pair per property.
    Exploded,
    /// Any value as JSON text (`content: application/json`, or a structure in a header).
    JsonText,
    /// An object as `key,value,...` (or `key=value,...` when exploded): the `simple` style of
    /// path and header parameters, and unexploded `form` query objects.
    SimpleObject { explode: bool },
    /// A file part of a multipart body.
    File,
    /// One file part per item, all under the field's name (FastAPI's `List[UploadFile]`).
    Files,
}

/// How one scalar becomes text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextForm {
    /// Through `ToParam` (numbers, booleans, strings, enums, scalar unions).
    Plain,
    /// A date-time in the given format.
    DateTime(super::DateTimeFormat),
}

/// `x-all-value`: the list parameter also takes a literal meaning "every item".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllValue {
    pub literal: String,
    /// The request field recording the choice, and the setter choosing it.
    pub name: Ident,
}

/// How requests are built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constructors {
    /// `new(required..)`, or `None` when a selection rule replaces it.
    pub new: Option<Ident>,
    /// `Default` is implemented (nothing is required).
    pub default: bool,
    /// Constructors that each set one member of a group of parameters.
    pub selection: Option<Selection>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub rule: SelectionRule,
    pub members: Vec<Selector>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelectionRule {
    /// At least one member must be set (`x-at-least-one-of`); the others keep their setters.
    AtLeastOne,
    /// Exactly one member (`x-exactly-one-of`): the members have no setters.
    ExactlyOne,
    /// None is required; the constructors are shortcuts (`x-selectors`).
    Shortcuts,
}

/// `by_<member>(..)` (and `by_<member>_all()` for `x-all-value` lists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    /// Index into [`Operation::params`].
    pub param: usize,
    pub constructor: Ident,
    pub all_constructor: Option<Ident>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// `Bytes` for binary bodies, `String` for text, any type for JSON.
    pub ty: TypeRef,
    pub media: BodyMedia,
    pub required: bool,
    /// The request field and setter.
    pub name: Ident,
    pub input: Input,
    pub docs: Docs,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyMedia {
    Json,
    /// Sent as is, with this media type.
    Raw(String),
    /// A structure (a union, an `allOf`...) whose top-level keys become the fields of an
    /// `application/x-www-form-urlencoded` body (nested values as JSON text).
    FormObject,
    /// The same, as the parts of a `multipart/form-data` body.
    MultipartObject,
}

/// The success reply of an operation.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// No body (or one nobody reads, like a 204).
    Empty,
    /// JSON decoded into this type.
    Json(TypeRef),
    /// JSON that may be absent: the operation documents no success reply, only `default`,
    /// which then describes the successes too; an empty body is `None`.
    MaybeJson(TypeRef),
    /// A `text/*` body, as a `String`.
    Text,
    /// Any other media type, as bytes.
    Bytes,
    /// Bodies that differ by status, as this type's `TypeKind::OperationReply` enum.
    ByStatus(TypeId),
}

impl Response {
    /// The type a reply's body decodes into, if it is a type of the spec's (JSON, or an enum of
    /// replies by status).
    pub fn decoded(&self) -> Option<TypeRef> {
        match self {
            Response::Json(ty) | Response::MaybeJson(ty) => Some(ty.clone()),
            Response::ByStatus(id) => Some(TypeRef::Named(*id)),
            Response::Empty | Response::Text | Response::Bytes => None,
        }
    }
}

/// Offset paging, as described by `x-pagination`.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// The `<operation>_stream` method.
    pub stream_method: Ident,
    /// Parameter holding the offset (index into [`Operation::params`]).
    pub offset: usize,
    /// Parameter holding the page size.
    pub limit: usize,
    /// Widths of the offset and limit parameters.
    pub offset_width: IntWidth,
    pub limit_width: IntWidth,
    /// The reply type (a struct) and the position of its item list.
    pub reply: TypeId,
    pub items_field: usize,
    pub item_type: TypeRef,
    /// The field holding the total count, if the API reports one.
    pub total: Option<Total>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Total {
    /// Position in the reply struct.
    pub field: usize,
    pub width: IntWidth,
    /// `Option` in the reply type.
    pub optional: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntWidth {
    I32,
    I64,
}
