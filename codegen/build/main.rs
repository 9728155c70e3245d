//! Build script: plans the copy of the client runtime (`runtime/src/*.rs`) into generated
//! crates. Parsing the runtime's source to find its `cfg`s happens here, once, instead of in
//! every run of the generator; the generator then only cuts text (`src/emit/runtime.rs`).

mod plan;

use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

use plan::{Plan, Predicate};

fn main() -> Result<(), String> {
    println!("cargo::rerun-if-changed=runtime/src");
    let directory = Path::new("runtime/src");
    let entries = std::fs::read_dir(directory).map_err(|error| format!("cannot list runtime/src: {error}"))?;
    let mut files: Vec<_> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.is_file() && path.extension().is_some_and(|extension| extension == "rs"))
        .collect();
    files.sort();
    let mut out = String::from(
        "// Written by codegen's build script (build/main.rs) from runtime/src/*.rs.\n\n\
         /// The runtime's source files (`lib` is the crate root), with where each is conditional.\n\
         const SOURCES: &[Source] = &[\n",
    );
    for path in files {
        let stem = path.file_stem().and_then(|stem| stem.to_str()).ok_or("a runtime file without a name")?;
        let text =
            std::fs::read_to_string(&path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        let plan = plan::plan(&text).map_err(|problem| format!("runtime/src/{stem}.rs: {problem}"))?;
        write_source(&mut out, stem, &text, &plan);
    }
    out.push_str("];\n");
    let target = std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?;
    let target = Path::new(&target).join("runtime_sources.rs");
    std::fs::write(&target, out).map_err(|error| format!("cannot write {}: {error}", target.display()))
}

/// One `Source { .. }` entry of `SOURCES`.
fn write_source(out: &mut String, stem: &str, text: &str, plan: &Plan) {
    // `{:?}` of a string is a valid Rust string literal.
    let _ = writeln!(out, "    Source {{\n        stem: {stem:?},\n        text: {text:?},\n        conditions: &[");
    for condition in &plan.conditions {
        let when: Vec<String> = condition.when.iter().map(rust).collect();
        let attributes: Vec<String> = condition.attributes.iter().map(span).collect();
        let _ = writeln!(
            out,
            "            Condition {{ when: &[{}], cut: {}, attributes: &[{}] }},",
            when.join(", "),
            span(&condition.cut),
            attributes.join(", ")
        );
    }
    out.push_str("        ],\n        modules: &[");
    let modules: Vec<String> = plan.modules.iter().map(|(name, at)| format!("({name:?}, {})", span(at))).collect();
    out.push_str(&modules.join(", "));
    out.push_str("],\n    },\n");
}

/// A byte range as a `(start, end)` pair.
fn span(range: &Range<usize>) -> String {
    format!("({}, {})", range.start, range.end)
}

/// A predicate as a Rust constant expression.
fn rust(predicate: &Predicate) -> String {
    let list = |inner: &[Predicate]| inner.iter().map(rust).collect::<Vec<_>>().join(", ");
    match predicate {
        Predicate::Test => "Predicate::Test".into(),
        Predicate::Feature(name) => format!("Predicate::Feature({name:?})"),
        Predicate::Not(inner) => format!("Predicate::Not(&{})", rust(inner)),
        Predicate::All(inner) => format!("Predicate::All(&[{}])", list(inner)),
    }
}
