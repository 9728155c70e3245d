//! Named types and the uses of types.

use super::{Docs, Ident};

/// Index of a named type in [`super::Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

/// A named Rust type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TypeDef {
    /// Rust identifier (PascalCase), unique in the crate.
    pub name: Ident,
    /// Where it came from: the component key (`AccountInfoType`), or the JSON pointer of an
    /// inline schema.
    pub origin: String,
    pub docs: Docs,
    pub kind: TypeKind,
    /// Which directions the type travels in, which decides its serde impls.
    pub usage: Usage,
}

/// How values of a type are used by the operations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Usage {
    /// Sent to the server as JSON (request bodies, JSON-encoded parameters): `Serialize`.
    pub sent: bool,
    /// Read from a reply: `Deserialize`.
    pub received: bool,
    /// Sent as the text of a parameter: `ToParam`.
    pub as_param: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeKind {
    /// A JSON object with known fields.
    Struct(Struct),
    /// A string enum; always open (unknown values are kept in `Other`).
    Enum(Vec<EnumVariant>),
    /// An integer enum: a newtype over `i64` with a named constant per documented value, so
    /// unknown values survive too.
    IntEnum(Vec<IntConst>),
    /// `oneOf`/`anyOf`: one variant per alternative.
    Union(Union),
    /// Another name for a type (top-level schemas that are arrays, maps or scalars).
    Alias(TypeRef),
    /// A type of its own around another (`struct Tree(pub Vec<Tree>)`), for a list or map
    /// schema that contains itself, which an alias cannot name.
    Newtype(TypeRef),
    /// The documented error replies of one operation, chosen by HTTP status.
    OperationError(Vec<ErrorVariant>),
    /// The documented success replies of one operation whose bodies differ by status (a `200`
    /// result beside a `202` job), chosen by HTTP status.
    OperationReply(Vec<ReplyVariant>),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// `additionalProperties` as a typed map of the remaining keys, if the schema allows it
    /// with a schema (not merely `true`).
    pub additional: Option<Additional>,
    /// How users build one, when the type is sent.
    pub builder: Option<StructBuilder>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Additional {
    /// The map field holding the other keys.
    pub name: Ident,
    pub ty: TypeRef,
}

/// `new(required fields)` and one setter per optional field.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StructBuilder {
    /// `Default` instead of an argument-less `new`.
    pub default: bool,
    /// Setter of each field, by field position (`None` for constructor arguments).
    pub setters: Vec<Option<Ident>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Field {
    /// Rust identifier, unique in the struct.
    pub name: Ident,
    /// JSON key.
    pub wire_name: String,
    pub ty: TypeRef,
    pub shape: Shape,
    /// A serde adapter the value needs (dates, timestamps, absent-vs-null).
    pub adapter: Option<Adapter>,
    /// `format: password`: never shown by `Debug`.
    pub secret: bool,
    /// The spec's `default`, as JSON text.
    pub default: Option<String>,
    /// Required by the spec but `readOnly` or `writeOnly`: optional here unless the type only
    /// ever travels in the one direction the field does (settled once usage is known).
    pub one_way: Option<OneWay>,
    /// The values the spec's `enum` (or `const`) allows, if it lists them: in a union, they tell
    /// the alternatives apart.
    pub allowed: Vec<ConstValue>,
    pub docs: Docs,
}

/// A scalar value a schema allows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ConstValue {
    Text(String),
    Integer(i64),
    Boolean(bool),
}

/// The one direction a `readOnly` or `writeOnly` field travels in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OneWay {
    /// `readOnly`: in replies only.
    Received,
    /// `writeOnly`: in requests only.
    Sent,
}

/// How a field or parameter is wrapped, decided from `required` and `nullable`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// Always present, never null: `T`.
    Required,
    /// May be absent: `Option<T>`, left out when `None`.
    Optional,
    /// Always present, may be null: `Option<T>`, sent as `null` when `None`.
    Nullable,
    /// May be absent or null, and the two differ: `Option<Option<T>>`.
    OptionalNullable,
}

impl Shape {
    pub fn is_option(self) -> bool {
        !matches!(self, Shape::Required)
    }
}

/// A serde `with` module for a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Adapter {
    /// `YYYY-MM-DD` (`time::Date`).
    Date { option: bool },
    /// A date-time in the given wire format.
    DateTime { format: DateTimeFormat, option: bool },
    /// Absent (`None`) and null (`Some(None)`) kept apart.
    AbsentOrNull,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EnumVariant {
    /// Rust identifier (PascalCase, unique within the enum, never `Other`).
    pub name: Ident,
    /// Value on the wire.
    pub wire_value: String,
    pub docs: Docs,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IntConst {
    /// Constant name (SCREAMING_SNAKE_CASE).
    pub name: Ident,
    pub value: i64,
    pub docs: Docs,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Union {
    pub tagging: Tagging,
    pub variants: Vec<UnionVariant>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Tagging {
    /// A property names the alternative (`discriminator`). A value whose tag no alternative
    /// has (a kind added to the API after the client was generated) is kept, as JSON, in the
    /// variant named `unknown`, instead of failing the whole reply.
    Discriminator { property: String, unknown: Ident },
    /// No tag: the alternative is chosen by the shape of the value.
    Untagged,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnionVariant {
    pub name: Ident,
    /// Discriminator value (tagged unions only).
    pub tag: Option<String>,
    /// Other discriminator values naming the same alternative (a `mapping` with two keys for
    /// one schema); decoded, never written.
    pub also: Vec<String>,
    pub ty: TypeRef,
    /// What an untagged decode checks to pick this alternative.
    pub shape: VariantShape,
}

/// The JSON shape of one alternative, used to pick the best match without losing data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct VariantShape {
    pub json: JsonKind,
    /// Keys that must be present (objects).
    pub required: Vec<String>,
    /// Properties whose values the spec lists: one value is an implicit tag the value must
    /// carry; several rule the alternative out only in favour of one they fit.
    pub constants: Vec<(String, Vec<ConstValue>)>,
    /// Every key the alternative knows (objects); empty when it takes any key.
    pub known: Vec<String>,
}

/// The JSON type of a value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum JsonKind {
    #[default]
    Any,
    Object,
    Array,
    String,
    Integer,
    Number,
    Boolean,
}

/// One documented error reply of an operation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ErrorVariant {
    /// Rust variant name (`Status404`, `Status4xx`, `Default`).
    pub name: Ident,
    pub status: StatusMatch,
    pub ty: TypeRef,
    pub docs: Docs,
}

/// One documented success reply of an operation whose successes differ by status.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReplyVariant {
    /// Rust variant name (`Status200`, `Status2xx`).
    pub name: Ident,
    /// An exact code or the `2XX` range.
    pub status: StatusMatch,
    pub body: ReplyBody,
    pub docs: Docs,
}

/// What a success reply's body decodes to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ReplyBody {
    /// No body (a `204`), or one nobody reads.
    None,
    Json(TypeRef),
    /// A `text/*` body, as a `String`.
    Text,
    /// Any other media type, as bytes.
    Bytes,
}

/// The statuses a documented reply stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusMatch {
    Code(u16),
    /// `2XX` / `4XX` / `5XX`: the hundreds digit.
    Range(u16),
    Default,
}

/// A use of a type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeRef {
    String,
    Bool,
    I32,
    I64,
    /// `format: uint64`, whose values may exceed `i64`.
    U64,
    F64,
    /// Exact decimal, decoded from the JSON number text.
    Decimal,
    /// `YYYY-MM-DD`.
    Date,
    /// A date and time, in the given wire format.
    DateTime(DateTimeFormat),
    /// Any JSON value.
    Json,
    /// Raw bytes (`format: binary` bodies and files).
    Bytes,
    /// A named type.
    Named(TypeId),
    /// JSON array.
    List(Box<TypeRef>),
    /// JSON array with a type per position (`prefixItems`).
    Tuple(Vec<TypeRef>),
    /// JSON object with string keys.
    Map(Box<TypeRef>),
    /// Heap indirection that breaks a recursive cycle.
    Boxed(Box<TypeRef>),
    /// An array item, map value or reply that may be `null` (`Option<T>`). Fields carry
    /// their nullability in their shape instead.
    Nullable(Box<TypeRef>),
}

/// The definition behind a type name: the type itself, or, through aliases of other named
/// types (a `$ref` under a name of its own, a shared inline schema), the one they name. `None`
/// for a broken link or an alias chain longer than any the lowering makes.
pub fn definition(types: &[TypeDef], mut id: TypeId) -> Option<&TypeDef> {
    for _ in 0..16 {
        let def = types.get(id.0)?;
        match &def.kind {
            TypeKind::Alias(TypeRef::Named(next)) => id = *next,
            _ => return Some(def),
        }
    }
    None
}

impl TypeKind {
    /// The type uses directly inside a definition (fields, the map of other keys, union
    /// alternatives, an alias's target, error replies), in a fixed order.
    pub fn uses_mut(&mut self) -> Vec<&mut TypeRef> {
        match self {
            TypeKind::Struct(structure) => structure
                .fields
                .iter_mut()
                .map(|field| &mut field.ty)
                .chain(structure.additional.iter_mut().map(|additional| &mut additional.ty))
                .collect(),
            TypeKind::Union(union) => union.variants.iter_mut().map(|variant| &mut variant.ty).collect(),
            TypeKind::Alias(target) | TypeKind::Newtype(target) => vec![target],
            TypeKind::OperationError(variants) => variants.iter_mut().map(|variant| &mut variant.ty).collect(),
            TypeKind::OperationReply(variants) => variants
                .iter_mut()
                .filter_map(|variant| match &mut variant.body {
                    ReplyBody::Json(ty) => Some(ty),
                    _ => None,
                })
                .collect(),
            TypeKind::Enum(_) | TypeKind::IntEnum(_) => Vec::new(),
        }
    }
}

impl TypeRef {
    /// Calls `visit` on this use and every use nested in it.
    pub fn walk(&self, visit: &mut impl FnMut(&TypeRef)) {
        visit(self);
        match self {
            TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Boxed(inner) | TypeRef::Nullable(inner) => {
                inner.walk(visit)
            }
            TypeRef::Tuple(items) => items.iter().for_each(|item| item.walk(visit)),
            _ => {}
        }
    }

    /// The same use with every named type renumbered.
    pub fn map_ids(&mut self, renumber: &impl Fn(TypeId) -> TypeId) {
        match self {
            TypeRef::Named(id) => *id = renumber(*id),
            TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Boxed(inner) | TypeRef::Nullable(inner) => {
                inner.map_ids(renumber)
            }
            TypeRef::Tuple(items) => items.iter_mut().for_each(|item| item.map_ids(renumber)),
            _ => {}
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateTimeFormat {
    /// RFC 3339 (`format: date-time`).
    Rfc3339,
    /// `YYYY-MM-DD HH:MM:SS` in UTC (`format: voximplant-timestamp`).
    SpaceSeparatedUtc,
}
