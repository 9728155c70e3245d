//! Which inline schemas end up sharing one definition, and which keep their own.

use crate::model::{Api, ConstValue, TypeDef, TypeKind, TypeRef};
use crate::{Options, Spec, lower_spec};

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

fn lower(components: &str) -> Api {
    let text = format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n{components}");
    lower_spec(Spec::Text(&text), &Options::default()).unwrap_or_else(|error| panic!("does not lower:\n{error}"))
}

fn def<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    api.types.iter().find(|def| def.name.as_str() == name).unwrap_or_else(|| panic!("no type {name}"))
}

/// The name of the type `name` is an alias of, if it is one.
fn alias_of(api: &Api, name: &str) -> Option<String> {
    match &def(api, name).kind {
        TypeKind::Alias(TypeRef::Named(id)) => api.type_def(*id).map(|target| target.name.to_string()),
        _ => None,
    }
}

/// The type a struct's field uses, by name.
fn field_type(api: &Api, structure: &str, field: &str) -> String {
    let TypeKind::Struct(fields) = &def(api, structure).kind else { panic!("{structure} is not a struct") };
    let field = fields.fields.iter().find(|f| f.wire_name == field).unwrap_or_else(|| panic!("no field {field}"));
    let mut named = None;
    field.ty.walk(&mut |ty| {
        if let TypeRef::Named(id) = ty {
            named = api.type_def(*id).map(|target| target.name.to_string());
        }
    });
    named.unwrap_or_else(|| panic!("{structure}.{field:?} names no type"))
}

#[test]
fn equal_inline_enums_share_the_shortest_name_and_fields_keep_theirs() {
    let api = lower(
        "    Card:
      type: object
      properties:
        allowed: {type: array, items: {type: string, enum: [bakeries, book_stores]}}
        blocked: {type: array, items: {type: string, enum: [bakeries, book_stores]}}
        kind: {type: string, enum: [bakeries, book_stores]}
",
    );
    assert_eq!(alias_of(&api, "CardAllowedItem").as_deref(), Some("CardKind"));
    assert_eq!(alias_of(&api, "CardBlockedItem").as_deref(), Some("CardKind"));
    assert!(matches!(def(&api, "CardKind").kind, TypeKind::Enum(_)));
    // Signatures keep the names the spec gave, whichever copy was chosen.
    assert_eq!(field_type(&api, "Card", "allowed"), "CardAllowedItem");
    assert_eq!(field_type(&api, "Card", "blocked"), "CardBlockedItem");
}

#[test]
fn a_different_value_a_different_doc_or_a_different_key_keeps_a_type_apart() {
    let api = lower(
        "    Card:
      type: object
      properties:
        one: {type: string, enum: [a, b]}
        two: {type: string, enum: [a, c]}
        home:
          type: object
          properties:
            line1: {type: string, description: First line.}
        office:
          type: object
          properties:
            line1: {type: string, description: The first line.}
        shop:
          type: object
          properties:
            line_1: {type: string, description: First line.}
        plain:
          type: object
          properties:
            line1: {type: string, description: First line.}
",
    );
    for name in ["CardOne", "CardTwo", "CardHome", "CardOffice", "CardShop"] {
        assert_eq!(alias_of(&api, name), None, "{name} was shared");
    }
    assert_eq!(alias_of(&api, "CardPlain").as_deref(), Some("CardHome"));
}

#[test]
fn objects_become_equal_once_the_enums_inside_them_are_shared() {
    let api = lower(
        "    Order:
      type: object
      properties:
        billing:
          type: object
          required: [kind]
          properties:
            kind: {type: string, enum: [home, office]}
        shipping:
          type: object
          required: [kind]
          properties:
            kind: {type: string, enum: [home, office]}
",
    );
    assert_eq!(alias_of(&api, "OrderShipping").as_deref(), Some("OrderBilling"));
    assert_eq!(alias_of(&api, "OrderShippingKind").as_deref(), Some("OrderBillingKind"));
    assert_eq!(field_type(&api, "Order", "shipping"), "OrderShipping");
}

#[test]
fn named_schemas_keep_their_types_and_inline_copies_of_them_become_aliases() {
    let api = lower(
        "    Category: {type: string, description: A category., enum: [bakeries, book_stores]}
    CategoryCopy: {type: string, description: A category., enum: [bakeries, book_stores]}
    Card:
      type: object
      properties:
        spending: {type: string, description: A category., enum: [bakeries, book_stores]}
",
    );
    assert_eq!(alias_of(&api, "Category"), None);
    assert_eq!(alias_of(&api, "CategoryCopy"), None);
    // Docs of the type itself do not keep two types apart: only what is inside them.
    assert_eq!(alias_of(&api, "CardSpending").as_deref(), Some("Category"));
}

#[test]
fn the_shared_definition_does_not_depend_on_the_order_of_the_spec() {
    let forward = "    Holder:
      type: object
      properties:
        zeta: {type: string, enum: [x, y]}
        beta: {type: string, enum: [x, y]}
";
    let backward = "    Holder:
      type: object
      properties:
        beta: {type: string, enum: [x, y]}
        zeta: {type: string, enum: [x, y]}
";
    for spec in [forward, backward] {
        let api = lower(spec);
        assert_eq!(alias_of(&api, "HolderZeta").as_deref(), Some("HolderBeta"));
    }
}

#[test]
fn a_union_still_tells_alternatives_apart_by_a_constant_behind_a_shared_name() {
    let api = lower(
        "    Shape:
      oneOf:
        - type: object
          required: [kind]
          properties:
            kind: {type: string, enum: [circle]}
            radius: {type: number}
        - type: object
          required: [kind]
          properties:
            kind: {type: string, enum: [square]}
            side: {type: number}
    Marker:
      type: object
      properties:
        kind: {type: string, enum: [circle]}
",
    );
    let TypeKind::Union(union) = &def(&api, "Shape").kind else { panic!("Shape is not a union") };
    let constants: Vec<&Vec<(String, Vec<ConstValue>)>> =
        union.variants.iter().map(|variant| &variant.shape.constants).collect();
    let tag = |value: &str| vec![("kind".to_owned(), vec![ConstValue::Text(value.to_owned())])];
    assert_eq!(constants, [&tag("circle"), &tag("square")]);
}

#[test]
fn a_recursive_inline_object_is_still_boxed_after_sharing() {
    let api = lower(
        "    Tree:
      type: object
      properties:
        left:
          type: object
          properties:
            next: {$ref: '#/components/schemas/Tree'}
        right:
          type: object
          properties:
            next: {$ref: '#/components/schemas/Tree'}
",
    );
    assert_eq!(alias_of(&api, "TreeRight").as_deref(), Some("TreeLeft"));
    let TypeKind::Struct(left) = &def(&api, "TreeLeft").kind else { panic!("TreeLeft is not a struct") };
    let boxed = left.fields.iter().any(|field| {
        let mut found = false;
        field.ty.walk(&mut |ty| found |= matches!(ty, TypeRef::Boxed(_)));
        found
    });
    let TypeKind::Struct(tree) = &def(&api, "Tree").kind else { panic!("Tree is not a struct") };
    let tree_boxed = tree.fields.iter().any(|field| {
        let mut found = false;
        field.ty.walk(&mut |ty| found |= matches!(ty, TypeRef::Boxed(_)));
        found
    });
    assert!(boxed || tree_boxed, "the cycle Tree → TreeLeft → Tree is not broken");
}
