//! The shape of an OpenAPI document: which kind of object sits under which key.
//!
//! Every pass over the raw tree (bundling, 3.1 normalisation, repairs) walks only these typed
//! positions; everything else (`example`, `default`, `enum`, `const`, `x-*`, ...) is literal
//! data whose `$ref`s are never followed.

/// The kinds of object an OpenAPI document is made of (plus `Text`: a description).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Document,
    Info,
    Tag,
    Components,
    PathItem,
    Operation,
    Parameter,
    Header,
    RequestBody,
    Response,
    MediaType,
    Encoding,
    Callback,
    Example,
    Link,
    SecurityScheme,
    Schema,
    Text,
}

/// How a key holds its children.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// One child.
    One(Kind),
    /// A map of children, whatever their keys (component names, property names, media types).
    Map(Kind),
    /// A map of children whose `x-` keys are extensions, not children (paths, responses, callbacks).
    Fields(Kind),
    /// A list of children.
    List(Kind),
}

pub const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// What the key `key` of an object of kind `kind` holds, if it holds typed children.
pub fn slot(kind: Kind, key: &str) -> Option<Slot> {
    use Kind::*;
    use Slot::*;
    Some(match (kind, key) {
        (Document, "info") => One(Info),
        (Document, "tags") => List(Tag),
        (Document, "paths") => Fields(PathItem),
        (Document, "components") => One(Components),
        (Info | Tag, "description") => One(Text),
        (Components, "schemas") => Map(Schema),
        (Components, "responses") => Map(Response),
        (Components, "parameters") => Map(Parameter),
        (Components, "examples") => Map(Example),
        (Components, "requestBodies") => Map(RequestBody),
        (Components, "headers") => Map(Header),
        (Components, "securitySchemes") => Map(SecurityScheme),
        (Components, "links") => Map(Link),
        (Components, "callbacks") => Map(Callback),
        (Components, "pathItems") => Map(PathItem),
        (PathItem, method) if METHODS.contains(&method) => One(Operation),
        (PathItem | Operation, "parameters") => List(Parameter),
        (Operation, "requestBody") => One(RequestBody),
        (Operation, "responses") => Fields(Response),
        (Operation, "callbacks") => Map(Callback),
        (Parameter | Header, "schema") => One(Schema),
        (Parameter | Header | RequestBody | Response, "content") => Map(MediaType),
        (Parameter | Header | MediaType, "examples") => Map(Example),
        (Response | Encoding, "headers") => Map(Header),
        (Response, "links") => Map(Link),
        (MediaType, "schema") => One(Schema),
        (MediaType, "encoding") => Map(Encoding),
        (Callback, expression) if !expression.starts_with("x-") => One(PathItem),
        (Schema, "properties" | "patternProperties") => Map(Schema),
        (Schema, "additionalProperties" | "items" | "not") => One(Schema),
        (Schema, "allOf" | "anyOf" | "oneOf" | "prefixItems") => List(Schema),
        // Folded into the schema by the 3.1 normaliser.
        (Schema, "then" | "else" | "unevaluatedProperties") => One(Schema),
        (Schema, "dependentSchemas") => Map(Schema),
        _ => return None,
    })
}

/// The kind reached by following `segments` from an object of kind `root`, if the path stays on
/// typed positions (`/components/parameters/id/schema` from a document → `Schema`).
pub fn kind_at<'s>(root: Kind, segments: impl IntoIterator<Item = &'s str>) -> Option<Kind> {
    let mut current = root;
    let mut pending: Option<Kind> = None;
    for segment in segments {
        if let Some(child) = pending.take() {
            current = child;
            continue;
        }
        match slot(current, segment)? {
            Slot::One(child) => current = child,
            Slot::Map(child) | Slot::Fields(child) | Slot::List(child) => pending = Some(child),
        }
    }
    match pending {
        Some(_) => None,
        None => Some(current),
    }
}

/// The `components` section a kind is kept in, if it has one.
pub fn section(kind: Kind) -> Option<&'static str> {
    Some(match kind {
        Kind::Schema => "schemas",
        Kind::Response => "responses",
        Kind::Parameter => "parameters",
        Kind::Example => "examples",
        Kind::RequestBody => "requestBodies",
        Kind::Header => "headers",
        Kind::SecurityScheme => "securitySchemes",
        Kind::Link => "links",
        Kind::Callback => "callbacks",
        _ => return None,
    })
}

/// What a kind is called in messages.
pub fn noun(kind: Kind) -> &'static str {
    match kind {
        Kind::Document => "document",
        Kind::Info => "info object",
        Kind::Tag => "tag",
        Kind::Components => "components object",
        Kind::PathItem => "path item",
        Kind::Operation => "operation",
        Kind::Parameter => "parameter",
        Kind::Header => "header",
        Kind::RequestBody => "request body",
        Kind::Response => "response",
        Kind::MediaType => "media type",
        Kind::Encoding => "encoding",
        Kind::Callback => "callback",
        Kind::Example => "example",
        Kind::Link => "link",
        Kind::SecurityScheme => "security scheme",
        Kind::Schema => "schema",
        Kind::Text => "text",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_along_a_pointer() {
        let at = |path: &str| kind_at(Kind::Document, path.split('/').filter(|s| !s.is_empty()));
        assert_eq!(at("/components/parameters/id/schema"), Some(Kind::Schema));
        assert_eq!(at("/paths/~1x/get/responses/200"), Some(Kind::Response));
        assert_eq!(at("/paths/~1x/get/parameters/0"), Some(Kind::Parameter));
        assert_eq!(at("/components/schemas/A/allOf/1/properties/x"), Some(Kind::Schema));
        assert_eq!(at("/components/schemas"), None);
        assert_eq!(at("/components/schemas/A/example"), None);
        assert_eq!(at(""), Some(Kind::Document));
    }
}
