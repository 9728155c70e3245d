//! One test per loading rule, on small in-memory specs.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::*;
use crate::diagnostics::Severity;

const HEAD_30: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";
const HEAD_31: &str = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n";

fn files(list: &[(&str, &str)]) -> BTreeMap<String, String> {
    list.iter().map(|(path, text)| ((*path).to_owned(), (*text).to_owned())).collect()
}

fn load_files(list: &[(&str, &str)]) -> Result<Loaded, Error> {
    let set = files(list);
    let entry = list.first().map(|(path, _)| *path).unwrap_or_default();
    load(Spec::Files { entry, reader: &set }, &LoadOptions::default())
}

fn load_text(text: &str) -> Result<Loaded, Error> {
    load(Spec::Text(text), &LoadOptions { source_name: "spec.yaml", ..LoadOptions::default() })
}

fn ok(result: Result<Loaded, Error>) -> Loaded {
    result.unwrap_or_else(|e| panic!("does not load:\n{e}"))
}

fn tree(loaded: &Loaded) -> Value {
    serde_json::to_value(&loaded.doc).expect("serializes")
}

fn schema(loaded: &Loaded, name: &str) -> Value {
    tree(loaded).pointer(&format!("/components/schemas/{name}")).cloned().unwrap_or(Value::Null)
}

fn messages(loaded: &Loaded) -> Vec<String> {
    loaded.warnings.iter().map(|w| w.message.clone()).collect()
}

fn error_messages(result: Result<Loaded, Error>) -> Vec<String> {
    match result {
        Ok(_) => panic!("loads, but an error was expected"),
        Err(error) => error.diagnostics.iter().map(|d| d.message.clone()).collect(),
    }
}

/// A 3.1 spec whose only schema is `Thing`.
fn one_schema_31(thing: &str) -> String {
    format!("{HEAD_31}components:\n  schemas:\n    Thing: {thing}\n")
}

// --- 1. versions and YAML quirks

#[test]
fn version_is_checked_before_anything_else_fails() {
    let messages = error_messages(load_text("swagger: '2.0'\npaths: 12\n"));
    assert!(messages[0].contains("Swagger 2.0") && messages[0].contains("swagger2openapi"), "{messages:?}");
}

#[test]
fn yaml_quirks_do_not_abort_loading() {
    let text = format!(
        "{HEAD_30}paths: {{}}\nx-changes:\n  1.18: added\n  true: yes\ncomponents:\n  schemas:\n    Big: \
         {{type: integer, maximum: 18446744073709552000}}\n    Base: &base {{type: string}}\n    Alias: *base\n"
    );
    let loaded = ok(load_text(&text));
    assert_eq!(schema(&loaded, "Alias"), json!({"type": "string"}));
    assert_eq!(schema(&loaded, "Big"), json!({"type": "integer"}));
    assert_eq!(messages(&loaded), ["`maximum` 1.8446744073709552e+19 is out of range for an integer; dropped"]);
}

#[test]
fn integers_past_i64_that_start_at_zero_are_unsigned() {
    let text = format!(
        "{HEAD_30}paths: {{}}\ncomponents:\n  schemas:\n    Range: {{type: integer, minimum: 0, maximum: \
         18446744073709552000}}\n    Exact: {{type: integer, format: int64, minimum: 0, maximum: \
         18446744073709551615}}\n    Codes: {{type: integer, enum: [0, 9223372036854775808]}}\n    Signed: {{type: \
         integer, maximum: 9223372036854775807}}\n    Mixed: {{type: integer, enum: [-1, 9223372036854775808]}}\n"
    );
    let loaded = ok(load_text(&text));
    assert_eq!(schema(&loaded, "Range"), json!({"type": "integer", "format": "uint64", "minimum": 0}));
    assert_eq!(schema(&loaded, "Exact"), json!({"type": "integer", "format": "uint64", "minimum": 0}));
    assert_eq!(
        schema(&loaded, "Codes"),
        json!({"type": "integer", "format": "uint64", "enum": [0, 9223372036854775808_u64]})
    );
    // `i64::MAX` itself fits.
    assert_eq!(schema(&loaded, "Signed"), json!({"type": "integer", "maximum": 9223372036854775807_i64}));
    assert_eq!(
        messages(&loaded),
        ["integer values reach past the 64-bit signed range (and the schema does not say they start at 0): typed \
          `i64`, so larger values fail to decode"]
    );
}

#[test]
fn an_enum_gives_the_type_and_nullability_its_schema_leaves_out() {
    let text = format!(
        "{HEAD_30}paths: {{}}\ncomponents:\n  schemas:\n    Level: {{enum: [low, high, null]}}\n    Flag: {{enum: \
         [true, false]}}\n    Mixed: {{enum: [auto, 1]}}\n"
    );
    let loaded = ok(load_text(&text));
    assert_eq!(schema(&loaded, "Level"), json!({"type": "string", "enum": ["low", "high", null], "nullable": true}));
    assert_eq!(schema(&loaded, "Flag"), json!({"type": "boolean", "enum": [true, false]}));
    assert_eq!(schema(&loaded, "Mixed"), json!({"enum": ["auto", 1]}));
}

#[test]
fn a_bare_null_in_a_type_list_is_the_null_type() {
    let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Name: \
                {type: [string, null]}\n";
    let loaded = ok(load_text(text));
    assert_eq!(schema(&loaded, "Name"), json!({"type": "string", "nullable": true}));
    assert_eq!(messages(&loaded), ["`type` lists a bare `null`; read as the type name \"null\""]);
}

// --- 2. multi-file specs

#[test]
fn external_schemas_are_hoisted_under_their_file_stem() {
    let loaded = ok(load_files(&[
        (
            "api/openapi.yaml",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    $ref: paths/pets.yaml\n",
        ),
        (
            "api/paths/pets.yaml",
            "get:\n  responses:\n    '200':\n      $ref: '../responses/Ok.yaml'\n  parameters:\n    - $ref: \
             '../params.yaml#/limit'\n",
        ),
        (
            "api/responses/Ok.yaml",
            "description: ok\ncontent:\n  application/json:\n    schema: {$ref: '../schemas/My Pet$1.yaml'}\n",
        ),
        ("api/params.yaml", "limit: {name: limit, in: query, schema: {type: integer}}\n"),
        (
            "api/schemas/My Pet$1.yaml",
            "type: object\nproperties:\n  owner: {$ref: '#/$defs/Owner'}\n  tags: {$ref: 'Tags.json'}\n$defs:\n  \
             Owner: {type: string}\n",
        ),
        ("api/schemas/Tags.json", "{\"type\": \"array\", \"items\": {\"type\": \"string\"}}"),
    ]));
    let doc = tree(&loaded);
    let get = &doc["paths"]["/pets"]["get"];
    assert_eq!(get["responses"]["200"], json!({"$ref": "#/components/responses/Ok"}));
    assert_eq!(get["parameters"][0], json!({"$ref": "#/components/parameters/limit"}));
    let ok_schema = &doc["components"]["responses"]["Ok"]["content"]["application/json"]["schema"];
    assert_eq!(ok_schema, &json!({"$ref": "#/components/schemas/My_Pet_1"}));
    let pet = schema(&loaded, "My_Pet_1");
    assert_eq!(pet["properties"]["owner"], json!({"$ref": "#/components/schemas/Owner"}));
    assert_eq!(pet["properties"]["tags"], json!({"$ref": "#/components/schemas/Tags"}));
    assert_eq!(schema(&loaded, "Owner"), json!({"type": "string"}));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.sources.texts.len(), 6);
}

#[test]
fn cycles_across_files_become_component_refs() {
    let loaded = ok(load_files(&[
        ("openapi.yaml", &format!("{HEAD_30}paths: {{}}\ncomponents:\n  schemas:\n    Node: {{$ref: 'node.yaml'}}\n")),
        ("node.yaml", "type: object\nproperties:\n  next: {$ref: 'edge.yaml'}\n"),
        ("edge.yaml", "type: object\nproperties:\n  to: {$ref: 'node.yaml'}\n"),
    ]));
    assert_eq!(schema(&loaded, "Node")["properties"]["next"], json!({"$ref": "#/components/schemas/edge"}));
    assert_eq!(schema(&loaded, "edge")["properties"]["to"], json!({"$ref": "#/components/schemas/Node"}));
}

#[test]
fn components_that_only_refer_elsewhere_take_the_content() {
    let loaded = ok(load_files(&[
        (
            "openapi.yaml",
            &format!("{HEAD_31}components:\n  schemas:\n    A: {{$ref: 'a.yaml'}}\n    B: {{$ref: 'b.yaml'}}\n"),
        ),
        ("a.yaml", "$ref: 'c.yaml'\n"),
        ("b.yaml", "$ref: 'c.yaml'\ndescription: bee\n"),
        ("c.yaml", "type: string\n"),
    ]));
    assert_eq!(schema(&loaded, "A"), json!({"$ref": "#/components/schemas/c"}));
    assert_eq!(schema(&loaded, "B"), json!({"allOf": [{"$ref": "#/components/schemas/c"}], "description": "bee"}));
    assert_eq!(schema(&loaded, "c"), json!({"type": "string"}));
}

#[test]
fn discriminator_mappings_to_files_point_to_hoisted_schemas() {
    let loaded = ok(load_files(&[
        ("openapi.yaml", &format!("{HEAD_31}components:\n  schemas:\n    Item: {{$ref: 'schemas/Item.yaml'}}\n")),
        (
            "schemas/Item.yaml",
            "oneOf: [{$ref: './Tea.yaml'}]\ndiscriminator:\n  propertyName: kind\n  mapping:\n    tea: ./Tea.yaml\n",
        ),
        ("schemas/Tea.yaml", "type: object\nproperties:\n  kind: {const: tea}\n"),
    ]));
    let item = schema(&loaded, "Item");
    assert_eq!(item["discriminator"]["mapping"]["tea"], json!("#/components/schemas/Tea"));
    assert_eq!(item["oneOf"][0], json!({"$ref": "#/components/schemas/Tea"}));
}

#[test]
fn refs_inside_literal_data_are_never_followed() {
    let text = format!(
        "{HEAD_30}paths: {{}}\ncomponents:\n  schemas:\n    Thing:\n      type: object\n      example: {{$ref: \
         'missing.yaml'}}\n      default: {{$ref: 'missing.yaml'}}\n      x-sample: {{$ref: 'missing.yaml'}}\n"
    );
    let loaded = ok(load_files(&[("openapi.yaml", &text)]));
    assert_eq!(schema(&loaded, "Thing")["example"], json!({"$ref": "missing.yaml"}));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn description_refs_read_text_files() {
    let loaded = ok(load_files(&[
        (
            "openapi.yaml",
            "openapi: 3.1.0\ninfo:\n  title: t\n  version: '1'\n  description: {$ref: 'README.md'}\ntags:\n  - name: \
             a\n    description: {$ref: 'nothing.md'}\n",
        ),
        ("README.md", "# Hello\n"),
    ]));
    assert_eq!(loaded.doc.info.description.as_deref(), Some("# Hello\n"));
    assert_eq!(loaded.doc.tags[0].description, None);
    assert_eq!(messages(&loaded), ["`$ref: nothing.md` does not name a text; the description is left out"]);
}

#[test]
fn nothing_outside_the_root_or_over_the_network_is_read() {
    for (reference, expected) in [
        ("https://example.com/a.yaml", "nothing is fetched over the network"),
        ("../outside.yaml", "leads outside the spec's directory"),
        ("/etc/hosts", "absolute path"),
        ("file:///etc/hosts", "absolute path"),
    ] {
        let text = format!("{HEAD_30}paths: {{}}\ncomponents:\n  schemas:\n    A: {{$ref: '{reference}'}}\n");
        let messages = error_messages(load_files(&[("openapi.yaml", &text)]));
        assert!(messages.iter().any(|m| m.contains(expected)), "{reference}: {messages:?}");
    }
}

#[test]
fn a_text_spec_cannot_follow_external_refs() {
    let text = format!("{HEAD_30}paths: {{}}\ncomponents:\n  schemas:\n    A: {{$ref: 'a.yaml'}}\n");
    let loaded = ok(load_text(&text));
    let messages = messages(&loaded);
    assert!(messages.first().is_some_and(|m| m.contains("the spec was given as text")), "{messages:?}");
}

#[test]
fn errors_in_other_files_are_located_there() {
    let result = load_files(&[
        (
            "openapi.yaml",
            &format!("{HEAD_30}paths: {{}}\ncomponents:\n  schemas:\n    A: {{$ref: 'schemas/a.yaml'}}\n"),
        ),
        ("schemas/a.yaml", "type: object\nproperties:\n  b: {$ref: 'https://x.org/b.yaml'}\n"),
    ]);
    let Err(error) = result else { panic!("remote refs are refused") };
    let first = &error.diagnostics[0];
    assert_eq!(first.file.as_deref(), Some("schemas/a.yaml"));
    assert_eq!((first.pointer.as_str(), first.line), ("#/properties/b", Some(3)));
}

// --- 3. any local JSON pointer

/// A 3.0 spec with one operation whose reply schema and parameter list are given.
fn one_operation(reply_schema: &str, parameters: &str, rest: &str) -> String {
    format!(
        "{HEAD_30}paths:\n  /a:\n    get:\n      parameters: {parameters}\n      responses:\n        '200':\n          \
         description: ok\n          content: {{application/json: {{schema: {reply_schema}}}}}\n{rest}"
    )
}

#[test]
fn deep_local_pointers_are_hoisted() {
    let text = one_operation(
        "{$ref: '#/components/parameters/id/schema'}",
        "[{$ref: '#/components/parameters/id'}]",
        "components:\n  parameters:\n    id: {name: id, in: query, schema: {type: integer, format: int64}}\n",
    );
    let loaded = ok(load_text(&text));
    let doc = tree(&loaded);
    let reply = &doc["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(reply, &json!({"$ref": "#/components/schemas/id_schema"}));
    assert_eq!(schema(&loaded, "id_schema"), json!({"type": "integer", "format": "int64"}));
}

#[test]
fn wrong_kind_refs_are_followed_when_the_shape_fits() {
    let text = format!(
        "{HEAD_30}paths:\n  /a:\n    get:\n      responses:\n        '200': {{$ref: \
         '#/components/requestBodies/Body'}}\ncomponents:\n  requestBodies:\n    Body:\n      description: b\n      \
         content: {{application/json: {{schema: {{type: string}}}}}}\n"
    );
    let loaded = ok(load_text(&text));
    assert!(messages(&loaded)[0].starts_with("`$ref` at a response position points to a request body"));
    let doc = tree(&loaded);
    assert_eq!(doc["paths"]["/a"]["get"]["responses"]["200"], json!({"$ref": "#/components/responses/Body"}));
    assert_eq!(doc["components"]["responses"]["Body"]["content"]["application/json"]["schema"]["type"], "string");

    // A response that is a schema: the schema is the response's JSON body.
    let schema_as_response = text.replace("'#/components/requestBodies/Body'", "'#/components/schemas/S'")
        + "  schemas:\n    S: {type: string}\n";
    let loaded = ok(load_text(&schema_as_response));
    assert!(messages(&loaded)[0].starts_with("`$ref` at a response position points to a schema"));
    assert_eq!(
        tree(&loaded)["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"],
        json!({"$ref": "#/components/schemas/S"})
    );

    // A refusal is still one where nothing fits: a schema where a parameter goes.
    let refused = format!(
        "{HEAD_30}paths:\n  /a:\n    get:\n      parameters: [{{$ref: '#/components/schemas/S'}}]\n      responses: \
         {{'204': {{description: none}}}}\ncomponents:\n  schemas:\n    S: {{type: string}}\n"
    );
    let messages = error_messages(load_text(&refused));
    assert!(messages[0].starts_with("`$ref` at a parameter position points to a schema"), "{messages:?}");
}

#[test]
fn a_schema_ref_to_a_parameter_or_response_means_its_schema() {
    let text = format!(
        "{HEAD_30}paths:\n  /a/{{id}}:\n    get:\n      parameters:\n        - {{name: id, in: path, required: true, \
         schema: {{type: integer}}}}\n        - {{name: ids, in: query, schema: {{type: array, items: {{$ref: \
         '#/paths/~1a~1{{id}}/get/parameters/0'}}}}}}\n      responses:\n        '200':\n          description: ok\n          \
         content:\n            text/plain: {{schema: {{$ref: '#/components/responses/Both'}}}}\n        '201':\n          \
         description: made\n          content:\n            application/json: {{schema: {{$ref: '#/components/responses/Bare'}}}}\n\
         components:\n  responses:\n    Both:\n      description: both\n      content:\n        application/json: {{schema: \
         {{type: object}}}}\n        text/plain: {{schema: {{type: string, maxLength: 9}}}}\n    Bare: {{description: nothing}}\n"
    );
    let loaded = ok(load_text(&text));
    let doc = tree(&loaded);
    let get = &doc["paths"]["/a/{id}"]["get"];
    // Deep targets are hoisted into the schemas: read through the `$ref`.
    let resolved = |node: &Value| match node["$ref"].as_str().and_then(|r| r.strip_prefix("#/components/schemas/")) {
        Some(name) => doc["components"]["schemas"][name].clone(),
        None => node.clone(),
    };
    assert_eq!(resolved(&get["parameters"][1]["schema"]["items"]), json!({"type": "integer"}));
    // The media type of the position picks the response's schema.
    let text = &get["responses"]["200"]["content"]["text/plain"]["schema"];
    assert_eq!(resolved(text), json!({"type": "string", "maxLength": 9}));
    // A response without a schema says nothing of the value: free-form, with a warning.
    assert_eq!(get["responses"]["201"]["content"]["application/json"]["schema"], json!({}));
    let messages = messages(&loaded);
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("points to a parameter") && m.contains("its schema")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("which has no schema to use")), "{messages:?}");
}

#[test]
fn dangling_refs_are_warnings_with_stand_ins() {
    let text = one_operation("{$ref: '#/components/schemas/Nope'}", "[{$ref: '#/components/parameters/Nope'}]", "")
        + "        '404': {$ref: '#/components/responses/Nope'}\n";
    let loaded = ok(load_text(&text));
    let doc = tree(&loaded);
    let get = &doc["paths"]["/a"]["get"];
    assert_eq!(get.get("parameters"), None);
    assert_eq!(get["responses"].get("404"), None);
    assert_eq!(get["responses"]["200"]["content"]["application/json"]["schema"], json!({}));
    assert_eq!(
        messages(&loaded),
        [
            "dangling `$ref: #/components/parameters/Nope`: nothing at `#/components/parameters/Nope`; the parameter \
             is left out",
            "dangling `$ref: #/components/schemas/Nope`: nothing at `#/components/schemas/Nope`; the schema is \
             treated as free-form JSON",
            "dangling `$ref: #/components/responses/Nope`: nothing at `#/components/responses/Nope`; the response is \
             left out",
        ]
    );
    assert_eq!(loaded.warnings[0].line, Some(6), "located in the spec");
    assert_eq!(loaded.warnings[0].file.as_deref(), Some("spec.yaml"));
}

// --- 4. OpenAPI 3.1 → the 3.0 shape

fn normalised(thing: &str) -> (Value, Vec<String>) {
    let loaded = ok(load_text(&one_schema_31(thing)));
    (schema(&loaded, "Thing"), messages(&loaded))
}

#[test]
fn type_lists_become_nullable_or_one_of() {
    assert_eq!(
        normalised("{type: [string, 'null'], maxLength: 3}").0,
        json!({"type": "string", "maxLength": 3, "nullable": true})
    );
    let (split, _) = normalised("{type: [string, integer], maxLength: 3, minimum: 1, enum: [a, 1], description: d}");
    assert_eq!(
        split,
        json!({"description": "d", "oneOf": [
            {"type": "string", "maxLength": 3, "enum": ["a"]},
            {"type": "integer", "minimum": 1, "enum": [1]}
        ]})
    );
}

#[test]
fn null_alternatives_become_nullable() {
    let (merged, _) = normalised("{anyOf: [{type: string}, {type: 'null'}]}");
    assert_eq!(merged, json!({"type": "string", "nullable": true}));
    assert_eq!(normalised("{type: 'null'}").0, json!({"nullable": true, "enum": [null]}));
    let (several, _) = normalised("{anyOf: [{type: string}, {type: integer}, {type: ['null']}]}");
    assert_eq!(several, json!({"anyOf": [{"type": "string"}, {"type": "integer"}], "nullable": true}));
    let (wrapped, _) = normalised("{oneOf: [{$ref: '#/components/schemas/Thing'}, {type: 'null'}]}");
    assert_eq!(wrapped, json!({"allOf": [{"$ref": "#/components/schemas/Thing"}], "nullable": true}));
}

#[test]
fn const_becomes_a_single_value_enum() {
    assert_eq!(normalised("{const: dog}").0, json!({"type": "string", "enum": ["dog"], "x-const": true}));
}

#[test]
fn ref_siblings_keep_their_meaning() {
    let (wrapped, _) = normalised("{$ref: '#/components/schemas/Thing', type: object, description: d, nullable: true}");
    assert_eq!(
        wrapped,
        json!({"allOf": [{"$ref": "#/components/schemas/Thing"}], "description": "d", "nullable": true})
    );
    let plain = ok(load_text(&format!(
        "{HEAD_31}components:\n  schemas:\n    A: {{type: string}}\n    Thing: {{$ref: '#/components/schemas/A', type: \
         object}}\n"
    )));
    assert_eq!(schema(&plain, "Thing"), json!({"$ref": "#/components/schemas/A"}));
}

#[test]
fn numeric_and_content_keywords_take_their_30_forms() {
    let (number, _) =
        normalised("{type: number, exclusiveMinimum: 0, maximum: 5, exclusiveMaximum: 9, examples: [1, 2]}");
    assert_eq!(
        number,
        json!({"type": "number", "minimum": 0.0, "exclusiveMinimum": true, "maximum": 5.0, "example": 1})
    );
    assert_eq!(normalised("{type: string, contentEncoding: base64}").0, json!({"type": "string", "format": "byte"}));
    assert_eq!(
        normalised("{type: string, contentMediaType: image/png}").0,
        json!({"type": "string", "format": "binary"})
    );
    assert_eq!(normalised("{type: string, contentMediaType: text/plain}").0, json!({"type": "string"}));
}

#[test]
fn prefix_items_are_kept_for_tuples() {
    let (tuple, _) =
        normalised("{type: array, prefixItems: [{type: string}, {type: [integer, 'null']}], items: false}");
    assert_eq!(
        tuple,
        json!({"type": "array", "x-prefix-items": [{"type": "string"}, {"type": "integer", "nullable": true}]})
    );
}

#[test]
fn defs_are_hoisted_when_referenced_and_validation_keywords_dropped_silently() {
    let (thing, warnings) = normalised(
        "{type: object, properties: {a: {$ref: '#/components/schemas/Thing/$defs/A'}}, $defs: {A: {type: string}, \
         Unused: {type: integer}}, if: {required: [a]}, then: {}, propertyNames: {pattern: x}, $comment: c, \
         unevaluatedProperties: false, dependentRequired: {a: [b]}}",
    );
    assert_eq!(thing, json!({"type": "object", "properties": {"a": {"$ref": "#/components/schemas/A"}}}));
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn recursive_and_dynamic_refs_resolve_to_their_component() {
    let (tree_schema, _) = normalised(
        "{$dynamicAnchor: node, type: object, properties: {kids: {type: array, items: {$dynamicRef: '#node'}}, up: \
         {$recursiveRef: '#'}}}",
    );
    assert_eq!(tree_schema["properties"]["kids"]["items"], json!({"$ref": "#/components/schemas/Thing"}));
    assert_eq!(tree_schema["properties"]["up"], json!({"$ref": "#/components/schemas/Thing"}));
    let (lost, warnings) = normalised("{type: object, properties: {x: {$dynamicRef: '#elsewhere'}}}");
    assert_eq!(lost["properties"]["x"], json!({}));
    assert_eq!(warnings, ["`#elsewhere` (dynamic reference) cannot be resolved here; treated as free-form JSON"]);
}

#[test]
fn pattern_properties_become_additional_properties() {
    assert_eq!(
        normalised("{type: object, patternProperties: {'^x': {type: integer}}}").0,
        json!({"type": "object", "additionalProperties": {"type": "integer"}})
    );
    let (_, warnings) = normalised("{type: object, patternProperties: {'^x': {}, '^y': {}}}");
    assert_eq!(
        warnings,
        ["`patternProperties` with 2 patterns cannot be expressed in OpenAPI 3.0; extra properties are free-form"]
    );
}

#[test]
fn document_level_31_features() {
    let text = "openapi: 3.1.0\njsonSchemaDialect: https://example.com/dialect\ninfo:\n  title: t\n  version: '1'\n  \
                summary: s\n  license: {name: MIT, identifier: MIT}\nwebhooks:\n  a: {post: {responses: {}}}\n  b: \
                {}\ncomponents:\n  pathItems:\n    P: {get: {responses: {'204': {description: none}}}}\n";
    let text = format!("{text}paths:\n  /p: {{$ref: '#/components/pathItems/P'}}\n");
    let loaded = ok(load_text(&text));
    assert_eq!((loaded.summary.as_deref(), loaded.license_identifier.as_deref()), (Some("s"), Some("MIT")));
    assert_eq!(
        messages(&loaded),
        [
            "webhooks are not part of a client; 2 skipped",
            "`jsonSchemaDialect` \"https://example.com/dialect\" is not the OpenAPI 3.1 default; schemas are read as \
             2020-12"
        ]
    );
    let doc = tree(&loaded);
    assert!(doc["paths"]["/p"]["get"]["responses"]["204"].is_object());
    assert_eq!(doc["components"].get("pathItems"), None);
    let no_paths = ok(load_text(HEAD_31));
    assert!(no_paths.warnings.is_empty() && no_paths.doc.paths.paths.is_empty());
}

#[test]
fn leftover_30_forms_keep_working_in_31() {
    let (thing, warnings) = normalised("{type: integer, nullable: true, minimum: 1, exclusiveMinimum: true}");
    assert_eq!(thing, json!({"type": "integer", "nullable": true, "minimum": 1, "exclusiveMinimum": true}));
    assert!(warnings.is_empty());
}

// --- 5. lenient by default, strict on request

#[test]
fn clear_defects_are_repaired_with_warnings() {
    let text = "openapi: 3.0.3\ninfo: {title: null, version: 2.5}\npaths:\n  /a/{id}:\n    get:\n      \
                description: null\n      parameters:\n        - {name: id, in: path, schema: {type: string}}\n        \
                - {name: q, in: query, schema: {type: string}}\n        - {name: q, in: query, schema: {type: \
                string}}\n        - {name: b, in: body, schema: {}}\n        - {name: c, in: nowhere}\n      \
                responses:\n        '200': {content: {}}\ncomponents:\n  schemas:\n    S: {type: string, minLength: \
                -1, maxLength: '3', pattern: 7}\n";
    let loaded = ok(load_text(text));
    assert_eq!(
        messages(&loaded),
        [
            "the spec has no `info.title`; it is left empty",
            "`info.version` is a number; read as the text `2.5`",
            "path parameter `id` must be required; it is treated as required",
            "parameter `b` has `in: body` (Swagger 2.0); it is left out: describe it in `requestBody`",
            "parameter `c` has unknown `in: nowhere`; it is left out",
            "response has no `description`",
            "`description` is null; ignored",
            "duplicate parameter `q` in query; the later one is left out",
            "`minLength` must be a non-negative integer, found -1; dropped",
            "`maxLength` must be a non-negative integer, found \"3\"; dropped",
            "`pattern` must be text; dropped",
        ]
    );
    assert_eq!(loaded.doc.info.version, "2.5");
    let strict = load(Spec::Text(text), &LoadOptions { strict: true, ..LoadOptions::default() });
    let Err(error) = strict else { panic!("strict refuses") };
    assert_eq!(error.diagnostics.len(), 11);
    assert!(error.diagnostics.iter().all(|d| d.severity == Severity::Error));
}

#[test]
fn what_still_does_not_fit_is_repaired_node_by_node() {
    let text = format!(
        "{HEAD_30}paths:\n  /a:\n    get:\n      tags: 5\n      responses: {{'200': {{description: ok}}}}\n    \
         post:\n      responses: [1]\n  /b:\n    get:\n      responses: {{}}\ncomponents:\n  schemas:\n    S: \
         {{type: object, properties: {{a: {{type: string, enum: 4}}, b: {{items: 5}}}}}}\n"
    );
    let loaded = ok(load_text(&text));
    let doc = tree(&loaded);
    assert!(doc["paths"]["/a"]["get"].is_object(), "a broken field is ignored");
    assert_eq!(doc["paths"]["/a"].get("post"), None, "a broken operation is left out");
    assert!(doc["paths"]["/b"]["get"].is_object());
    assert_eq!(schema(&loaded, "S")["properties"]["a"], json!({"type": "string"}));
    let messages = messages(&loaded);
    assert!(messages.iter().any(|m| m.starts_with("operation `POST /a` is not valid OpenAPI")), "{messages:?}");
    assert!(messages.iter().any(|m| m.starts_with("`tags` is not valid here")), "{messages:?}");
}

// --- 6. diagnostics

#[test]
fn lowering_diagnostics_are_located_in_the_file_of_the_node() {
    let loaded = ok(load_files(&[
        ("openapi.yaml", &format!("{HEAD_30}paths: {{}}\ncomponents:\n  schemas:\n    A: {{$ref: 'a.yaml'}}\n")),
        ("a.yaml", "type: object\nproperties:\n  b: {$ref: 'b.yaml'}\n"),
        ("b.yaml", "type: object\nproperties:\n  c:\n    type: string\n"),
    ]));
    let mut found = [crate::Diagnostic::new("#/components/schemas/b/properties/c/type", "lowering says no")];
    loaded.locate(&mut found);
    assert_eq!(found[0].file.as_deref(), Some("b.yaml"));
    assert_eq!((found[0].pointer.as_str(), found[0].line, found[0].column), ("#/properties/c/type", Some(4), Some(5)));
}

#[test]
fn single_file_hash_input_is_the_text() {
    let loaded = ok(load_text(HEAD_31));
    assert_eq!(loaded.sources.hash_input(), HEAD_31);
}

#[test]
fn json_specs_with_surrogate_pairs_keep_their_locations() {
    let text = "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"\\ud83d\\udcd8 Books\", \"version\": \"1\"},\n  \
                \"paths\": {\"/a\": {\"get\": {\"responses\": {\"200\": {}}}}}\n}\n";
    let loaded = ok(load_text(text));
    assert_eq!(loaded.doc.info.title, "\u{1f4d8} Books");
    let [warning] = loaded.warnings.as_slice() else { panic!("one warning: {:?}", loaded.warnings) };
    assert_eq!(warning.message, "response has no `description`");
    assert_eq!((warning.line, warning.column), (Some(4), Some(42)));
}

#[test]
fn a_byte_order_mark_does_not_hide_json() {
    let entry = "\u{feff}{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {}, \
                 \"components\": {\"schemas\": {\"J\": {\"$ref\": \"bom.json#/definitions/Bom\"}}}}";
    let loaded = ok(load_files(&[
        ("openapi.json", entry),
        ("bom.json", "\u{feff}{\"definitions\": {\"Bom\": {\"type\": \"object\"}}}"),
    ]));
    assert_eq!(schema(&loaded, "J"), json!({"type": "object"}));
}

#[test]
fn a_mutual_tls_scheme_is_left_to_the_http_client() {
    let loaded = ok(load_text(&format!(
        "{HEAD_31}paths: {{}}\nsecurity: [{{mtls: []}}]\ncomponents:\n  securitySchemes:\n    mtls: {{type: mutualTLS}}\n    key: {{type: apiKey, in: header, name: X-Key}}\n"
    )));
    let schemes = &tree(&loaded)["components"]["securitySchemes"];
    assert!(schemes.get("mtls").is_none() && schemes.get("key").is_some(), "{schemes}");
    assert!(messages(&loaded).iter().any(|message| message.contains("client certificate")), "{:?}", messages(&loaded));
}

#[test]
fn a_section_index_that_leads_nowhere_says_so_and_leaves_the_section_empty() {
    let loaded = ok(load_files(&[
        (
            "openapi.yaml",
            &format!(
                "{HEAD_30}paths: {{}}\ncomponents:\n  schemas:\n    $ref: ./schemas/_index.yaml\n  responses:\n    $ref: './index.yaml#/nope'\n"
            ),
        ),
        ("index.yaml", "schemas: {}\n"),
    ]));
    let schemas = &tree(&loaded)["components"]["schemas"];
    assert!(schemas.as_object().is_none_or(|schemas| schemas.is_empty()), "no `$ref` schema: {schemas}");
    let messages = messages(&loaded);
    assert!(messages.iter().any(|m| m.contains("components.schemas") && m.contains("cannot read")), "{messages:?}");
    assert!(
        messages.iter().any(|m| m.contains("components.responses") && m.contains("nothing at `#/nope`")),
        "{messages:?}"
    );
}

#[test]
fn a_parameter_in_a_file_of_shared_pieces_gives_its_schema() {
    let loaded = ok(load_files(&[
        (
            "openapi.yaml",
            &format!(
                "{HEAD_30}paths: {{}}\ncomponents:\n  schemas:\n    Holder:\n      properties:\n        limit: {{$ref: 'common.yaml#/parameters/Limit'}}\n"
            ),
        ),
        ("common.yaml", "parameters:\n  Limit: {name: limit, in: query, schema: {type: integer}}\n"),
    ]));
    let limit = &schema(&loaded, "Holder")["properties"]["limit"];
    let name = limit["$ref"].as_str().and_then(|reference| reference.rsplit('/').next()).unwrap_or_default();
    assert_eq!(schema(&loaded, name), json!({"type": "integer"}), "{limit}");
    assert!(messages(&loaded).iter().any(|m| m.contains("points to a parameter")), "{:?}", messages(&loaded));
}

#[test]
fn a_ref_loop_names_every_link() {
    let messages = error_messages(load_files(&[
        ("openapi.yaml", &format!("{HEAD_30}paths:\n  /loop: {{$ref: 'a.yaml'}}\n")),
        ("a.yaml", "$ref: 'b.yaml'\n"),
        ("b.yaml", "$ref: 'a.yaml'\n"),
    ]));
    assert!(
        messages.iter().any(|m| m.contains("never reaches a path item") && m.contains("a.yaml# → b.yaml# → a.yaml#")),
        "{messages:?}"
    );
}
