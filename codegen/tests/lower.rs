//! The middle layer's decisions, each tested where it is made: `lower_spec` output, not
//! generated code. One test per decision (names and collisions, field shape, wire encoding,
//! runtime needs, auth, paging, selection rules, usage).

#![cfg(test)]

use codegen::model::{
    Api, AuthScheme, ConstValue, Encoding, HttpMethod, IntWidth, ParamLocation, PathSegment, SelectionRule, Shape,
    Tagging, TextForm, TypeKind, TypeRef,
};

/// Lowers a small spec written as the inside of `paths:` and `components:`.
fn lower(paths: &str, components: &str) -> Api {
    let spec = format!(
        "openapi: 3.0.3\ninfo: {{title: Test, version: '1'}}\nservers: [{{url: 'https://api.example.test/'}}]\npaths:\n{paths}\ncomponents:\n{components}\n"
    );
    let options = codegen::Options { source_name: "test.yaml".into(), ..Default::default() };
    codegen::lower_spec(codegen::Spec::Text(&spec), &options).unwrap_or_else(|error| panic!("{error}\n---\n{spec}"))
}

fn lower_error(paths: &str, components: &str) -> String {
    let spec =
        format!("openapi: 3.0.3\ninfo: {{title: Test, version: '1'}}\npaths:\n{paths}\ncomponents:\n{components}\n");
    let options = codegen::Options { source_name: "test.yaml".into(), ..Default::default() };
    match codegen::lower_spec(codegen::Spec::Text(&spec), &options) {
        Ok(_) => panic!("expected an error\n---\n{spec}"),
        Err(error) => error.to_string(),
    }
}

fn named<'a>(api: &'a Api, name: &str) -> &'a TypeKind {
    &api.types.iter().find(|def| def.name.as_str() == name).unwrap_or_else(|| panic!("no type {name}")).kind
}

const NO_COMPONENTS: &str = "  schemas: {}";

#[test]
fn operation_names_avoid_the_runtime_and_each_other() {
    let api = lower(
        "  /a: {post: {operationId: call, responses: {'204': {description: ok}}}}
  /b: {get: {operationId: executeText, responses: {'204': {description: ok}}}}
  /c: {get: {operationId: execute_text, responses: {'204': {description: ok}}}}",
        NO_COMPONENTS,
    );
    let names: Vec<String> = api.operations.iter().map(|operation| operation.method_name.to_string()).collect();
    assert_eq!(names, ["call2", "execute_text2", "execute_text3"]);
}

#[test]
fn a_paged_operation_s_stream_yields_to_a_real_operation_of_that_name() {
    let api = lower(
        "  /items:
    get:
      operationId: list
      x-pagination: {offset: offset, limit: limit, items: items}
      parameters:
        - {name: offset, in: query, schema: {type: integer, format: int32}}
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        '200':
          description: a page
          content: {application/json: {schema: {type: object, required: [items], properties: {items: {type: array, items: {type: string}}}}}}
  /stream: {get: {operationId: list_stream, responses: {'204': {description: ok}}}}",
        NO_COMPONENTS,
    );
    assert_eq!(api.operations[1].method_name.as_str(), "list_stream");
    let pagination = api.operations[0].pagination.as_ref().expect("paged");
    assert_eq!(pagination.stream_method.as_str(), "list_stream2");
    assert_eq!((pagination.offset_width, pagination.limit_width), (IntWidth::I32, IntWidth::I64));
    assert!(pagination.total.is_none());
    assert!(api.needs.paging);
}

#[test]
fn schema_names_keep_the_spec_s_spelling_and_dodge_runtime_and_case_clashes() {
    let api = lower(
        "  {}",
        "  schemas:
    APIError: {type: object, properties: {code: {type: integer}}}
    Client: {type: object, properties: {id: {type: integer}}}
    pet: {type: object, properties: {id: {type: integer}}}
    PET: {type: object, properties: {id: {type: integer}}}
    self: {type: string, enum: [a]}",
    );
    let names: Vec<String> = api.types.iter().map(|def| def.name.to_string()).collect();
    assert_eq!(names, ["APIError", "ClientModel", "Pet", "Pet2", "SelfValue"], "sorted by name");
}

#[test]
fn field_names_never_collide_and_keywords_are_raw() {
    let api = lower(
        "  {}",
        "  schemas:
    Thing:
      type: object
      properties:
        type: {type: string}
        pet-name: {type: string}
        pet_name: {type: string}
        self: {type: string}",
    );
    let TypeKind::Struct(thing) = named(&api, "Thing") else { panic!("struct") };
    let names: Vec<String> = thing.fields.iter().map(|field| field.name.to_string()).collect();
    assert_eq!(names, ["r#type", "pet_name", "pet_name2", "self_"]);
    assert!(thing.fields[0].name.is_raw());
    assert_eq!(thing.fields[0].name.as_str(), "type");
}

#[test]
fn field_shapes_follow_required_nullable_and_direction() {
    let api = lower(
        "  {}",
        "  schemas:
    Shapes:
      type: object
      required: [plain, nullable, server_id, secret_in]
      properties:
        plain: {type: string}
        nullable: {type: string, nullable: true}
        optional: {type: string}
        optional_nullable: {type: string, nullable: true}
        server_id: {type: string, readOnly: true}
        secret_in: {type: string, writeOnly: true, format: password}
        when: {type: string, format: date-time, nullable: true}",
    );
    let TypeKind::Struct(shapes) = named(&api, "Shapes") else { panic!("struct") };
    let shape = |name: &str| shapes.fields.iter().find(|field| field.name.as_str() == name).expect(name);
    assert_eq!(shape("plain").shape, Shape::Required);
    assert_eq!(shape("nullable").shape, Shape::Nullable);
    assert_eq!(shape("optional").shape, Shape::Optional);
    assert_eq!(shape("optional_nullable").shape, Shape::OptionalNullable);
    assert_eq!(shape("server_id").shape, Shape::Optional, "readOnly: not demanded in requests");
    assert_eq!(shape("secret_in").shape, Shape::Optional, "writeOnly: not demanded in replies");
    assert!(shape("secret_in").secret);
    // A date adapter reads absent and null alike, so the field is a plain option.
    assert_eq!(shape("when").shape, Shape::Optional);
    assert!(shape("when").adapter.is_some());
    assert!(api.needs.time);
    assert_eq!(api.errors.secret_fields, ["secret_in"]);
}

#[test]
fn parameter_encodings_follow_location_style_and_extensions() {
    let api = lower(
        "  /things/{id}:
    get:
      operationId: getThings
      parameters:
        - {name: id, in: path, required: true, schema: {type: array, items: {type: integer}}}
        - {name: tags, in: query, schema: {type: array, items: {type: string}}}
        - {name: ids, in: query, explode: false, schema: {type: array, items: {type: integer}}}
        - {name: pipes, in: query, style: pipeDelimited, schema: {type: array, items: {type: integer}}}
        - {name: semis, in: query, schema: {type: array, items: {type: integer}, x-delimiter: ';'}}
        - {name: filter, in: query, style: deepObject, schema: {$ref: '#/components/schemas/Point'}}
        - {name: near, in: query, schema: {$ref: '#/components/schemas/Point'}}
        - {name: X-Point, in: header, schema: {$ref: '#/components/schemas/Point'}}
        - {name: where, in: query, content: {application/json: {schema: {$ref: '#/components/schemas/Point'}}}}
        - {name: since, in: query, schema: {type: string, format: date-time}}
        - {name: session, in: cookie, schema: {type: string}}
        - {name: Accept, in: header, schema: {type: string}}
        - {name: authorization, in: header, required: true, schema: {type: string}}
      responses: {'204': {description: ok}}",
        "  schemas:
    Point: {type: object, properties: {x: {type: integer}}}",
    );
    let operation = &api.operations[0];
    let encoding = |wire: &str| {
        &operation.params.iter().find(|param| param.wire_name == wire).unwrap_or_else(|| panic!("{wire}")).encoding
    };
    let joined = |delimiter: &str| Encoding::Joined { delimiter: delimiter.into(), item: TextForm::Plain };
    assert_eq!(encoding("id"), &joined(","));
    assert_eq!(encoding("tags"), &Encoding::Repeated(TextForm::Plain));
    assert_eq!(encoding("ids"), &joined(","));
    assert_eq!(encoding("pipes"), &joined("|"));
    assert_eq!(encoding("semis"), &joined(";"));
    assert_eq!(encoding("filter"), &Encoding::DeepObject);
    assert_eq!(encoding("near"), &Encoding::Exploded);
    assert_eq!(encoding("X-Point"), &Encoding::SimpleObject { explode: false });
    assert_eq!(encoding("where"), &Encoding::JsonText);
    assert!(matches!(encoding("since"), Encoding::Text(TextForm::DateTime(_))));
    let session = operation.params.iter().find(|param| param.wire_name == "session").expect("cookie");
    assert_eq!(session.location, ParamLocation::Cookie);
    assert!(
        !operation.params.iter().any(|param| param.wire_name.eq_ignore_ascii_case("accept")
            || param.wire_name.eq_ignore_ascii_case("authorization")),
        "Accept and Authorization headers are the client's own"
    );
    assert_eq!(operation.http_method, HttpMethod::Get);
    assert_eq!(operation.path.segments, [PathSegment::Literal("/things/".into()), PathSegment::Param(0)]);
    assert!(operation.idempotent);
}

#[test]
fn a_form_body_s_required_fields_stay_required_when_the_body_is_optional() {
    let api = lower(
        "  /token:
    post:
      operationId: token
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {type: object, required: [grant_type], properties: {grant_type: {type: string}, scope: {type: string}}}
      responses: {'204': {description: ok}}",
        NO_COMPONENTS,
    );
    let operation = &api.operations[0];
    let grant = operation.params.iter().find(|param| param.wire_name == "grant_type").expect("grant_type");
    assert!(grant.required);
    assert_eq!(grant.location, ParamLocation::Form);
    assert!(!operation.constructors.default);
    assert!(!operation.idempotent, "POST is not retried by default");
}

#[test]
fn selection_rules_decide_the_constructors() {
    let parameters = "
      parameters:
        - {name: id, in: query, schema: {type: array, items: {type: integer}, x-all-value: all}}
        - {name: name, in: query, schema: {type: string}}
      responses: {'204': {description: ok}}";
    let api = lower(
        &format!(
            "  /a:\n    get:\n      operationId: atLeast\n      x-at-least-one-of: [id, name]{parameters}
  /b:\n    get:\n      operationId: exactly\n      x-exactly-one-of: [id, name]{parameters}
  /c:\n    get:\n      operationId: shortcuts\n      x-selectors: [id, name]{parameters}"
        ),
        NO_COMPONENTS,
    );
    let rules: Vec<(Option<SelectionRule>, bool, bool)> = api
        .operations
        .iter()
        .map(|operation| {
            let constructors = &operation.constructors;
            (
                constructors.selection.as_ref().map(|selection| selection.rule),
                constructors.new.is_some(),
                constructors.default,
            )
        })
        .collect();
    assert_eq!(
        rules,
        [
            (Some(SelectionRule::AtLeastOne), false, false),
            (Some(SelectionRule::ExactlyOne), false, false),
            (Some(SelectionRule::Shortcuts), true, true)
        ]
    );
    let selection = api.operations[0].constructors.selection.as_ref().expect("selection");
    let constructors: Vec<String> = selection
        .members
        .iter()
        .flat_map(|member| std::iter::once(&member.constructor).chain(member.all_constructor.as_ref()))
        .map(ToString::to_string)
        .collect();
    assert_eq!(constructors, ["by_id", "by_id_all", "by_name"]);
    assert_eq!(api.operations[0].params[0].all.as_ref().map(|all| all.name.to_string()).as_deref(), Some("id_all"));
}

#[test]
fn selection_groups_must_name_optional_parameters() {
    let message = lower_error(
        "  /a:
    get:
      operationId: bad
      x-exactly-one-of: [id, nope]
      parameters: [{name: id, in: query, required: true, schema: {type: integer}}]
      responses: {'204': {description: ok}}",
        NO_COMPONENTS,
    );
    assert!(message.contains("`id` is required"), "{message}");
    assert!(message.contains("names `nope`"), "{message}");
    assert!(message.contains("#/paths/~1a/get/x-exactly-one-of"), "{message}");
}

#[test]
fn needs_come_from_every_type_use_bodies_and_replies_included() {
    let api = lower(
        "  /clock:
    get:
      operationId: clock
      responses: {'200': {description: ok, content: {application/json: {schema: {type: string, format: date-time}}}}}
  /price:
    put:
      operationId: price
      requestBody: {required: true, content: {application/json: {schema: {type: number, format: decimal}}}}
      responses: {'204': {description: ok}}",
        NO_COMPONENTS,
    );
    assert!(api.needs.time, "a bare date-time reply needs `time`");
    assert!(api.needs.decimal, "a bare decimal body needs `rust_decimal`");
    assert!(!api.needs.paging && !api.needs.service_account && !api.needs.envelope && !api.needs.multipart);
}

#[test]
fn auth_constructors_come_from_security_requirements() {
    let spec = "openapi: 3.0.3
info: {title: Test, version: '1'}
security: [{legacyAccount: [], legacyKey: []}, {token: []}]
paths: {}
components:
  securitySchemes:
    token: {type: http, scheme: bearer}
    legacyAccount: {type: apiKey, in: query, name: account_id, x-account-identity: true}
    legacyKey: {type: apiKey, in: query, name: api_key}
    headerKey: {type: apiKey, in: header, name: X-Api-Key}
    basic: {type: http, scheme: basic}
";
    let api = codegen::lower_spec(codegen::Spec::Text(spec), &codegen::Options::default()).expect("lowers");
    let AuthScheme::ApiKeys(legacy) = &api.auth.schemes[0] else { panic!("{:?}", api.auth.schemes) };
    assert_eq!(legacy.name.as_str(), "legacy_key");
    let arguments: Vec<&str> = legacy.keys.iter().map(|key| key.argument.as_str()).collect();
    assert_eq!(arguments, ["legacy_account", "legacy_key"]);
    assert!(legacy.keys[0].identity && !legacy.keys[1].identity);
    assert_eq!(api.auth.schemes[1], AuthScheme::Bearer);
    let AuthScheme::ApiKeys(header) = &api.auth.schemes[2] else { panic!("{:?}", api.auth.schemes) };
    assert_eq!((header.name.as_str(), header.keys[0].wire_name.as_str()), ("header_key", "X-Api-Key"));
    assert_eq!(api.auth.schemes[3], AuthScheme::Basic);
    assert!(!api.needs.service_account);
}

#[test]
fn token_schemes_required_together_are_one_bearer_token() {
    let spec = "openapi: 3.0.3
info: {title: Test, version: '1'}
security: [{Oauth2: [a], Oauth2c: [a]}]
paths: {}
components:
  securitySchemes:
    Oauth2: {type: oauth2, flows: {implicit: {authorizationUrl: 'https://auth.example.test/', scopes: {a: a}}}}
    Oauth2c: {type: oauth2, flows: {authorizationCode: {authorizationUrl: 'https://auth.example.test/', tokenUrl: 'https://auth.example.test/token', scopes: {a: a}}}}
";
    let options = codegen::Options::default();
    let generated = codegen::generate(codegen::Spec::Text(spec), &options).expect("generates");
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let api = codegen::lower_spec(codegen::Spec::Text(spec), &options).expect("lowers");
    assert_eq!(api.auth.schemes, [AuthScheme::Bearer]);
    // An API key beside a token: one constructor for both, the token last.
    let mixed = spec.replace("Oauth2c: [a]", "key: []") + "    key: {type: apiKey, in: header, name: X-Key}\n";
    let generated = codegen::generate(codegen::Spec::Text(&mixed), &options).expect("generates");
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let api = codegen::lower_spec(codegen::Spec::Text(&mixed), &options).expect("lowers");
    let [AuthScheme::ApiKeys(both), AuthScheme::Bearer] = api.auth.schemes.as_slice() else {
        panic!("{:?}", api.auth.schemes)
    };
    assert_eq!(both.name.as_str(), "key_and_token");
    let arguments: Vec<&str> = both.arguments().iter().map(|argument| argument.as_str()).collect();
    assert_eq!(arguments, ["key", "token"]);
    // Two credentials for one `Authorization` header cannot be, and say so.
    let clash = spec.replace("Oauth2c: [a]", "basic: []") + "    basic: {type: http, scheme: basic}\n";
    let generated = codegen::generate(codegen::Spec::Text(&clash), &options).expect("generates");
    assert!(generated.warnings.iter().any(|w| w.message.contains("is not supported")), "{:?}", generated.warnings);
}

#[test]
fn usage_follows_the_operations() {
    let api = lower(
        "  /pets:
    post:
      operationId: addPet
      parameters: [{name: kind, in: query, schema: {$ref: '#/components/schemas/Kind'}}]
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/NewPet'}}}}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}",
        "  schemas:
    Kind: {type: string, enum: [cat, dog]}
    NewPet: {type: object, required: [name], properties: {name: {type: string}, tag: {type: string}}}
    Pet: {type: object, required: [id], properties: {id: {type: integer}}}
    Unused: {type: object, properties: {id: {type: integer}}}",
    );
    let usage = |name: &str| api.types.iter().find(|def| def.name.as_str() == name).expect(name).usage;
    assert!(usage("Kind").as_param && !usage("Kind").sent);
    assert!(usage("NewPet").sent && !usage("NewPet").received);
    assert!(usage("Pet").received && !usage("Pet").sent);
    assert!(usage("Unused").sent && usage("Unused").received, "a model no operation uses works both ways");
    let TypeKind::Struct(new_pet) = named(&api, "NewPet") else { panic!("struct") };
    let builder = new_pet.builder.as_ref().expect("sent structs are built");
    assert!(!builder.default);
    assert_eq!(builder.setters[0], None, "required: a constructor argument");
    assert_eq!(builder.setters[1].as_ref().map(ToString::to_string).as_deref(), Some("tag"));
    let TypeKind::Struct(pet) = named(&api, "Pet") else { panic!("struct") };
    assert!(pet.builder.is_none(), "replies are not built by callers");
}

#[test]
fn discriminators_work_over_inline_alternatives() {
    let api = lower(
        "  {}",
        "  schemas:
    Shape:
      oneOf:
        - {type: object, required: [kind], properties: {kind: {type: string, enum: [circle]}, radius: {type: number}}}
        - {type: object, required: [kind], properties: {kind: {type: string, enum: [square]}, side: {type: number}}}
      discriminator: {propertyName: kind}",
    );
    let TypeKind::Union(union) = named(&api, "Shape") else { panic!("union") };
    let tags: Vec<Option<&str>> = union.variants.iter().map(|variant| variant.tag.as_deref()).collect();
    assert_eq!(tags, [Some("circle"), Some("square")]);
    let names: Vec<&str> = union.variants.iter().map(|variant| variant.name.as_str()).collect();
    assert_eq!(names, ["Circle", "Square"]);
}

#[test]
fn untagged_alternatives_carry_their_shape() {
    let api = lower(
        "  {}",
        "  schemas:
    Answer:
      oneOf:
        - {$ref: '#/components/schemas/Ack'}
        - {type: string}
    Ack:
      type: object
      required: [id]
      properties: {id: {type: integer}, type: {type: string, enum: [ack]}}",
    );
    let TypeKind::Union(union) = named(&api, "Answer") else { panic!("union") };
    let ack = &union.variants[0].shape;
    assert_eq!(ack.required, ["id"]);
    assert_eq!(ack.constants, [("type".to_owned(), vec![ConstValue::Text("ack".to_owned())])]);
    assert_eq!(ack.known, ["id", "type"]);
    assert_eq!(union.variants[1].ty, TypeRef::String);
    assert!(matches!(union.variants[0].ty, TypeRef::Boxed(_)), "object alternatives are boxed");
}

#[test]
fn a_body_schema_named_like_the_request_keeps_its_name() {
    let api = lower(
        "  /accounts:
    post:
      operationId: accountsGet
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/AccountsGetRequest'}}}}
      responses: {'204': {description: ok}}",
        "  schemas:
    AccountsGetRequest: {type: object, required: [ids], properties: {ids: {type: array, items: {type: integer}}}}",
    );
    assert_eq!(api.operations[0].request_type.as_str(), "AccountsGetInput");
    assert!(api.types.iter().any(|def| def.name.as_str() == "AccountsGetRequest"));
}

#[test]
fn prefix_items_become_tuples() {
    let api = lower(
        "  {}",
        "  schemas:
    Pair:
      type: object
      properties:
        point: {type: array, x-prefix-items: [{type: number}, {$ref: '#/components/schemas/Unit'}]}
    Unit: {type: string, enum: [m, km]}",
    );
    let TypeKind::Struct(pair) = named(&api, "Pair") else { panic!("struct") };
    let TypeRef::Tuple(positions) = &pair.fields[0].ty else { panic!("{:?}", pair.fields[0].ty) };
    assert_eq!(positions.len(), 2);
    assert_eq!(positions[0], TypeRef::F64);
    assert!(matches!(positions[1], TypeRef::Named(_)));
}

#[test]
fn the_crate_states_the_spec_s_license_only_when_it_is_an_spdx_expression() {
    let with_license = |license: &str| {
        let spec = format!("openapi: 3.0.3\ninfo: {{title: T, version: '1', license: {license}}}\npaths: {{}}\n");
        codegen::lower_spec(codegen::Spec::Text(&spec), &codegen::Options::default()).expect("lowers").package.license
    };
    assert_eq!(with_license("{name: MIT}").as_deref(), Some("MIT"));
    assert_eq!(with_license("{name: Apache-2.0 OR MIT}").as_deref(), Some("Apache-2.0 OR MIT"));
    assert_eq!(with_license("{name: 'Proprietary, see the terms'}"), None);
    let spec31 = "openapi: 3.1.0\ninfo: {title: T, version: '1', license: {name: Apache 2.0, identifier: Apache-2.0}}\npaths: {}\n";
    let api = codegen::lower_spec(codegen::Spec::Text(spec31), &codegen::Options::default()).expect("lowers");
    assert_eq!(api.package.license.as_deref(), Some("Apache-2.0"));
    let options = codegen::Options {
        crate_name: Some("shop-api".into()),
        crate_version: Some("2.1.0".into()),
        crate_description: Some("The shop.".into()),
        license: Some("MIT".into()),
        ..codegen::Options::default()
    };
    let api = codegen::lower_spec(codegen::Spec::Text(spec31), &options).expect("lowers");
    assert_eq!(
        (api.package.name.as_str(), api.package.version.as_str(), api.package.description.as_str()),
        ("shop-api", "2.1.0", "The shop.")
    );
    assert_eq!(api.package.license.as_deref(), Some("MIT"));
}

#[test]
fn what_a_model_no_operation_uses_contains_travels_both_ways_too() {
    let api = lower(
        "  /boxes:
    get:
      operationId: listBoxes
      parameters: [{name: size, in: query, schema: {$ref: '#/components/schemas/Size'}}]
      responses: {'204': {description: ok}}",
        "  schemas:
    Size: {type: string, enum: [small, large]}
    Parcel: {type: object, properties: {size: {$ref: '#/components/schemas/Size'}}}",
    );
    let usage = |name: &str| api.types.iter().find(|def| def.name.as_str() == name).expect(name).usage;
    assert!(usage("Parcel").sent && usage("Parcel").received);
    let size = usage("Size");
    assert!(size.as_param && size.sent && size.received, "a field of `Parcel` is written and read as JSON: {size:?}");
}

/// Lowers a 3.1 spec whose only component is `Holder`, and gives the type of its field `value`.
fn field_type_31(value_schema: &str, other_components: &str) -> (Api, TypeRef) {
    let spec = format!(
        "openapi: 3.1.0\ninfo: {{title: T, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    Holder:\n      type: object\n      properties:\n        value: {value_schema}\n{other_components}"
    );
    let api = codegen::lower_spec(codegen::Spec::Text(&spec), &codegen::Options::default())
        .unwrap_or_else(|error| panic!("{error}\n---\n{spec}"));
    let TypeKind::Struct(holder) = named(&api, "Holder") else { panic!("struct") };
    let ty = holder.fields[0].ty.clone();
    (api, ty)
}

fn type_name(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => api.type_def(*id).map(|def| def.name.to_string()).unwrap_or_default(),
        other => format!("{other:?}"),
    }
}

#[test]
fn an_all_of_that_only_annotates_one_member_is_that_member() {
    let members = "    Status: {type: string, enum: [APPROVED, REJECTED]}
    Agent: {oneOf: [{$ref: '#/components/schemas/Status'}, {type: object, properties: {id: {type: string}}}]}
    Keys: {type: object, additionalProperties: {type: string}}
";
    // Discord: an enum behind `type: string` and an empty `enum`.
    let (api, ty) = field_type_31(
        "{type: string, enum: [], description: Verdict, allOf: [$ref: '#/components/schemas/Status']}",
        members,
    );
    assert_eq!(type_name(&api, &ty), "Status");
    // Box: a union, with a description as a second member.
    let (api, ty) = field_type_31("{allOf: [$ref: '#/components/schemas/Agent', {description: The agent.}]}", members);
    assert_eq!(type_name(&api, &ty), "Agent");
    // Matrix: a map behind `type: object`.
    let (api, ty) = field_type_31(
        "{type: object, description: Fallback keys, allOf: [$ref: '#/components/schemas/Keys']}",
        members,
    );
    assert_eq!(type_name(&api, &ty), "Keys");
    // Two members that shape the value are still merged.
    let (api, ty) = field_type_31(
        "{allOf: [{$ref: '#/components/schemas/Keys'}, {type: object, properties: {extra: {type: integer}}}]}",
        members,
    );
    let TypeRef::Named(id) = ty else { panic!("{ty:?}") };
    assert!(matches!(api.type_def(id).map(|def| &def.kind), Some(TypeKind::Struct(_))));
}

#[test]
fn objects_without_properties_are_maps_or_json_never_empty_structs() {
    // Twilio: a `format` beside `type: object`.
    let (_, ty) = field_type_31("{type: object, format: uri-map}", "");
    assert_eq!(ty, TypeRef::Json);
    let (_, ty) = field_type_31("{additionalProperties: {type: integer}}", "");
    assert_eq!(ty, TypeRef::Map(Box::new(TypeRef::I64)));
    // Mistral: a free-form object or null, saying `additionalProperties: true` twice.
    let (_, ty) = field_type_31(
        "{anyOf: [{type: object, additionalProperties: true}, {type: 'null'}], additionalProperties: true}",
        "",
    );
    assert_eq!(ty, TypeRef::Json);
    // Discord: a property that is always `null`.
    let (api, ty) = field_type_31("{type: 'null'}", "");
    assert_eq!(ty, TypeRef::Json);
    let TypeKind::Struct(holder) = named(&api, "Holder") else { panic!("struct") };
    assert_eq!(holder.fields[0].shape, Shape::OptionalNullable, "absent and null kept apart");
    // A merge of objects that name no property.
    let (api, ty) =
        field_type_31("{allOf: [{type: object}, {type: object, additionalProperties: {type: string}}]}", "");
    let TypeRef::Named(id) = ty else { panic!("{ty:?}") };
    let map = TypeRef::Map(Box::new(TypeRef::String));
    assert!(matches!(api.type_def(id).map(|def| &def.kind), Some(TypeKind::Alias(alias)) if *alias == map));
    // Discord: one documented constant under `type: string`.
    let (api, ty) = field_type_31("{type: string, oneOf: [{title: ZEROES, const: '0000'}]}", "");
    let TypeRef::Named(id) = ty else { panic!("{ty:?}") };
    assert!(matches!(api.type_def(id).map(|def| &def.kind), Some(TypeKind::Enum(values)) if values.len() == 1));
    let structs_without_fields = api
        .types
        .iter()
        .filter(|def| matches!(&def.kind, TypeKind::Struct(structure) if structure.fields.is_empty()))
        .count();
    assert_eq!(structs_without_fields, 0);
}

#[test]
fn replies_follow_the_documented_success_or_else_default() {
    let api = lower(
        "  /a:
    get:
      operationId: onlyDefault
      responses:
        default: {description: any, content: {application/json: {schema: {$ref: '#/components/schemas/Job'}}}}
  /b:
    get:
      operationId: successAndDefault
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Job'}}}}
        default: {description: any, content: {application/json: {schema: {type: object, properties: {e: {type: string}}}}}}
  /c:
    get:
      operationId: wildcardBinary
      responses:
        '200': {description: ok, content: {'*/*': {schema: {type: string, format: binary}}}}
  /d:
    get:
      operationId: wildcardJson
      responses:
        '200': {description: ok, content: {'*/*': {schema: {$ref: '#/components/schemas/Job'}}}}",
        "  schemas:
    Job: {type: object, properties: {size: {type: integer, format: uint64}, count: {type: integer, format: uint32}}}",
    );
    let reply = |id: &str| {
        let operation = api.operations.iter().find(|operation| operation.id == id).expect("operation");
        operation.response.clone()
    };
    let job = api.types.iter().position(|def| def.name.as_str() == "Job").map(codegen::model::TypeId).expect("Job");
    assert_eq!(reply("onlyDefault"), codegen::model::Response::MaybeJson(TypeRef::Named(job)));
    assert_eq!(reply("successAndDefault"), codegen::model::Response::Json(TypeRef::Named(job)));
    assert_eq!(reply("wildcardBinary"), codegen::model::Response::Bytes);
    assert_eq!(reply("wildcardJson"), codegen::model::Response::Json(TypeRef::Named(job)));
    let TypeKind::Struct(fields) = named(&api, "Job") else { panic!("Job is a struct") };
    let types: Vec<&TypeRef> = fields.fields.iter().map(|field| &field.ty).collect();
    assert_eq!(types, [&TypeRef::U64, &TypeRef::I64], "uint64 may exceed i64; uint32 fits it");
}

#[test]
fn the_default_base_url_is_the_first_server_with_its_variables_at_their_defaults() {
    let spec = |servers: &str| format!("openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\n{servers}paths: {{}}\n");
    let base = |servers: &str| {
        let options = codegen::Options { source_name: "test.yaml".into(), ..Default::default() };
        let api = codegen::lower_spec(codegen::Spec::Text(&spec(servers)), &options).expect("lowers");
        api.default_base_url
    };
    let with_variables = "servers:\n  - url: 'https://{region}.example.test:{port}/v1/'\n    variables:\n      region: {default: eu}\n      port: {default: '8443'}\n";
    assert_eq!(base(with_variables).as_deref(), Some("https://eu.example.test:8443/v1"));
    assert_eq!(base("servers: [{url: /api/v3}]\n").as_deref(), Some("/api/v3"));
    assert_eq!(base(""), None);
}

#[test]
fn a_request_body_without_media_types_sends_nothing() {
    let spec = "openapi: 3.0.3\ninfo: {title: Test, version: '1'}\npaths:\n  /a:\n    post:\n      operationId: subscribe\n      requestBody: {content: {}}\n      responses: {'204': {description: ok}}\n";
    let options = codegen::Options { source_name: "test.yaml".into(), ..Default::default() };
    let generated = codegen::generate(codegen::Spec::Text(spec), &options).expect("generates");
    assert!(generated.warnings.iter().any(|w| w.message.contains("lists no media type")), "{:?}", generated.warnings);
    let api = codegen::lower_spec(codegen::Spec::Text(spec), &options).expect("lowers");
    assert!(api.operations.first().is_some_and(|operation| operation.body.is_none()));
}

#[test]
fn a_reference_with_a_description_keeps_the_null_its_target_allows() {
    let member = "    Member: {type: [object, 'null'], required: [id], properties: {id: {type: string}}}\n";
    let (api, _) = field_type_31("{$ref: '#/components/schemas/Member', description: The member, or null.}", member);
    let TypeKind::Struct(holder) = named(&api, "Holder") else { panic!("struct") };
    assert_eq!(holder.fields[0].shape, Shape::OptionalNullable, "null kept apart from absent");
    let (api, ty) = field_type_31(
        "{type: array, items: {$ref: '#/components/schemas/Member', description: A member, or null.}}",
        member,
    );
    let TypeRef::List(item) = ty else { panic!("{ty:?}") };
    let TypeRef::Nullable(inner) = *item else { panic!("{item:?}") };
    assert_eq!(type_name(&api, &inner), "Member");
}

#[test]
fn tuple_positions_keep_null_and_a_shorter_tuple_is_a_list() {
    let (_, ty) =
        field_type_31("{type: array, prefixItems: [{type: string}, {type: [integer, 'null']}], items: false}", "");
    assert_eq!(ty, TypeRef::Tuple(vec![TypeRef::String, TypeRef::Nullable(Box::new(TypeRef::I64))]));
    let (_, ty) = field_type_31(
        "{type: array, prefixItems: [{type: number}, {type: number}, {type: number}], minItems: 2, maxItems: 3}",
        "",
    );
    assert_eq!(ty, TypeRef::List(Box::new(TypeRef::F64)), "the third position may be missing");
    let (_, ty) =
        field_type_31("{type: array, prefixItems: [{type: number}, {type: number}], minItems: 2, maxItems: 2}", "");
    assert_eq!(ty, TypeRef::Tuple(vec![TypeRef::F64, TypeRef::F64]));
}

#[test]
fn subtypes_that_share_a_tag_never_make_an_unreachable_match() {
    // Azure's Service Fabric Mesh: the schema in between lists the one value its subtype has.
    let components = "  schemas:
    Base:
      type: object
      required: [kind]
      properties: {kind: {type: string}}
      discriminator: {propertyName: kind}
    Between:
      allOf: [{$ref: '#/components/schemas/Base'}, {type: object, properties: {kind: {type: string, enum: [Local]}, name: {type: string}}}]
    Local:
      x-ms-discriminator-value: Local
      allOf: [{$ref: '#/components/schemas/Between'}, {type: object, properties: {port: {type: integer}}}]
";
    let api = lower("  {}", components);
    let TypeKind::Union(between) = named(&api, "Between") else { panic!("union") };
    let tags: Vec<Option<&str>> = between.variants.iter().map(|variant| variant.tag.as_deref()).collect();
    assert_eq!(tags, [Some("Local")], "the subtype is the more specific reading of `Local`");
    let TypeKind::Union(base) = named(&api, "Base") else { panic!("union") };
    assert_eq!(base.tagging, Tagging::Untagged, "two subtypes say `Local`: told apart by shape");
}
