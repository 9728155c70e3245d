//! Stage 3: `model::Api` → the files of the generated crate. One module per generated file
//! (`types.rs` → `src/types.rs`, ...), plus helpers shared by them.

mod auth;
mod calls;
mod config;
mod crate_root;
mod debug;
mod docs;
mod enums;
mod error_codes;
mod errors;
mod example;
mod manifest;
mod operations;
mod replies;
mod requests;
pub mod runtime;
mod serde_impls;
mod text;
mod tokens;
mod types;
mod unions;

use crate::GeneratedFile;
use crate::model::{Api, Operation};
use crate::render;

/// The optional runtime parts the crate needs (decided by the model).
fn runtime_parts(api: &Api) -> runtime::RuntimeParts {
    let needs = api.needs;
    runtime::RuntimeParts {
        service_account: needs.service_account,
        envelope: needs.envelope,
        paging: needs.paging,
        decimal: needs.decimal,
        time: needs.time,
        multipart: needs.multipart,
        unions: needs.unions,
    }
}

/// Every file of the crate, sorted by path. Fails only on an internal error (a model whose
/// links do not hold, or tokens that do not parse), never on spec content.
pub fn emit<'a>(api: &'a Api, spec_hash: &str) -> Result<Vec<GeneratedFile>, String> {
    check_links(api)?;
    let plain = render::header("//", "");
    let modules = crate_root::Modules { error_codes: error_codes::wanted(api), auth: auth::wanted(api) };
    let whole = |path: &str, header: &str, build: render::Part<'a>| render::RustFile {
        path: path.to_owned(),
        header: header.to_owned(),
        head: build,
        items: Vec::new(),
    };
    // Files formatted as one piece first: they are the longest single jobs of the formatting threads.
    let mut rust = vec![
        whole("src/operations.rs", &plain, Box::new(|| render::Code::Text(operations::file(api)))),
        whole("src/lib.rs", &render::stamp(spec_hash), Box::new(move || crate_root::file(api, modules).into())),
        whole("src/config.rs", &plain, Box::new(|| config::file(api).into())),
    ];
    if modules.auth {
        rust.push(whole("src/auth.rs", &plain, Box::new(|| auth::file(api).into())));
    }
    if modules.error_codes {
        rust.push(whole("src/error_codes.rs", &plain, Box::new(|| error_codes::file(api).into())));
    }
    // The two big files are formatted item by item.
    rust.push(render::RustFile {
        path: "src/types.rs".to_owned(),
        header: plain.clone(),
        head: Box::new(|| render::Code::Text(types::head())),
        items: api
            .types
            .iter()
            .map(|def| Box::new(move || render::Code::Text(types::definition(api, def))) as render::Part<'a>)
            .collect(),
    });
    rust.push(render::RustFile {
        path: "src/requests.rs".to_owned(),
        header: plain.clone(),
        head: Box::new(|| render::Code::Text(requests::head(api))),
        items: api
            .operations
            .iter()
            .map(|operation| {
                Box::new(move || render::Code::Text(requests::request(api, operation))) as render::Part<'a>
            })
            .collect(),
    });
    let mut files = render::rust_files(&rust)?;
    // Small, and made on this thread: whether the crate has an example is known only once its
    // tokens are built, and tokens cannot cross threads.
    let example = example::file(api);
    if let Some((name, tokens)) = &example {
        files.push(GeneratedFile {
            path: format!("examples/{name}.rs"),
            contents: render::rust(tokens.clone(), &plain)?,
        });
    }
    for file in runtime::runtime_files(runtime_parts(api))? {
        files.push(GeneratedFile { path: file.path, contents: file.contents });
    }
    files.extend(manifest::files(api, runtime_parts(api), example.is_some())?);
    files.sort_by(|left, right| left.path.cmp(&right.path));
    Ok(files)
}

/// Every link inside the model points at something: a broken one is a generator bug, reported
/// as such instead of becoming Rust that does not compile.
fn check_links(api: &Api) -> Result<(), String> {
    let broken = std::cell::RefCell::new(Vec::new());
    let check = |ty: &crate::model::TypeRef, place: &str| {
        ty.walk(&mut |inner| {
            if let crate::model::TypeRef::Named(id) = inner
                && api.type_def(*id).is_none()
            {
                broken.borrow_mut().push(format!("{place} names type #{}", id.0));
            }
        });
    };
    for def in &api.types {
        let place = def.name.as_str();
        match &def.kind {
            crate::model::TypeKind::Struct(structure) => {
                structure.fields.iter().for_each(|field| check(&field.ty, place));
                structure.additional.iter().for_each(|additional| check(&additional.ty, place));
            }
            crate::model::TypeKind::Union(union) => union.variants.iter().for_each(|variant| check(&variant.ty, place)),
            crate::model::TypeKind::Alias(target) | crate::model::TypeKind::Newtype(target) => check(target, place),
            crate::model::TypeKind::OperationError(variants) => {
                variants.iter().for_each(|variant| check(&variant.ty, place))
            }
            crate::model::TypeKind::OperationReply(variants) => variants.iter().for_each(|variant| {
                if let crate::model::ReplyBody::Json(ty) = &variant.body {
                    check(ty, place)
                }
            }),
            crate::model::TypeKind::Enum(_) | crate::model::TypeKind::IntEnum(_) => {}
        }
    }
    for operation in &api.operations {
        let place = operation.id.as_str();
        operation.params.iter().for_each(|param| check(&param.ty, place));
        operation.body.iter().for_each(|body| check(&body.ty, place));
        operation.response.decoded().iter().for_each(|ty| check(ty, place));
        if let Some(error) = operation.error_type {
            check(&crate::model::TypeRef::Named(error), place);
        }
        let path_params = operation.path.segments.iter().filter_map(|segment| match segment {
            crate::model::PathSegment::Param(index) => Some(*index),
            crate::model::PathSegment::Literal(_) => None,
        });
        for index in path_params {
            if operation.params.get(index).is_none() {
                broken.borrow_mut().push(format!("{place}: path names parameter #{index}"));
            }
        }
        if let Some(pagination) = &operation.pagination {
            check(&crate::model::TypeRef::Named(pagination.reply), place);
            let fields = match api.type_def(pagination.reply).map(|def| &def.kind) {
                Some(crate::model::TypeKind::Struct(structure)) => structure.fields.len(),
                _ => 0,
            };
            let total_ok = pagination.total.is_none_or(|total| total.field < fields);
            if operation.params.get(pagination.offset).is_none()
                || operation.params.get(pagination.limit).is_none()
                || pagination.items_field >= fields
                || !total_ok
            {
                broken.borrow_mut().push(format!("{place}: paging links"));
            }
        }
    }
    let broken = broken.into_inner();
    match broken.as_slice() {
        [] => Ok(()),
        _ => Err(format!("internal error: the model has broken links: {}", broken.join("; "))),
    }
}

/// How a user builds the request, with argument names as placeholders.
pub fn constructor_call(operation: &Operation) -> String {
    let request = operation.request_type.as_str();
    let mut arguments: Vec<String> =
        operation.params.iter().filter(|param| param.required).map(|param| param.name.to_string()).collect();
    if let Some(body) = operation.body.as_ref().filter(|body| body.required) {
        arguments.push(body.name.to_string());
    }
    let first_selector = operation.constructors.selection.as_ref().and_then(|selection| selection.members.first());
    match (&operation.constructors.new, first_selector) {
        (None, Some(selector)) => {
            if let Some(param) = operation.params.get(selector.param) {
                arguments.push(param.name.to_string());
            }
            format!("{request}::{}({})", selector.constructor, arguments.join(", "))
        }
        _ if operation.constructors.default => format!("{request}::default()"),
        _ => format!("{request}::new({})", arguments.join(", ")),
    }
}
