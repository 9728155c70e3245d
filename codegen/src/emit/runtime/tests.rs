use super::*;

const NONE: RuntimeParts = RuntimeParts {
    service_account: false,
    envelope: false,
    paging: false,
    decimal: false,
    time: false,
    multipart: false,
    unions: false,
};
const ALL: RuntimeParts = RuntimeParts {
    service_account: true,
    envelope: true,
    paging: true,
    decimal: true,
    time: true,
    multipart: true,
    unions: true,
};

fn text_of(files: &[RuntimeFile]) -> String {
    files.iter().map(|file| format!("===== {}\n{}", file.path, file.contents)).collect()
}

fn paths(files: &[RuntimeFile]) -> Vec<&str> {
    files.iter().map(|file| file.path.as_str()).collect()
}

#[test]
fn every_cfg_is_decided_whatever_the_parts() {
    // A `cfg` left in a copy is one the walk did not see (an unsupported place for it).
    for bits in 0u8..128 {
        let parts = RuntimeParts {
            service_account: bits & 1 != 0,
            envelope: bits & 2 != 0,
            paging: bits & 4 != 0,
            decimal: bits & 8 != 0,
            time: bits & 16 != 0,
            multipart: bits & 32 != 0,
            unions: bits & 64 != 0,
        };
        let files = runtime_files(parts).expect("copies");
        for file in files.iter() {
            assert!(!file.contents.contains("cfg("), "{parts:?}: {} keeps a cfg", file.path);
            assert!(file.contents.starts_with(HEADER));
            syn::parse_file(&file.contents).unwrap_or_else(|error| panic!("{parts:?} {}: {error}", file.path));
        }
    }
}

#[test]
fn no_parts_leaves_out_every_optional_piece_and_the_tests() {
    let files = runtime_files(NONE).expect("copies");
    assert_eq!(
        paths(&files),
        [
            "src/runtime/auth.rs",
            "src/runtime/call.rs",
            "src/runtime/client.rs",
            "src/runtime/config.rs",
            "src/runtime/error.rs",
            "src/runtime/mod.rs",
            "src/runtime/redact.rs",
            "src/runtime/reply.rs",
            "src/runtime/retry.rs",
            "src/runtime/wire.rs",
        ]
    );
    let text = text_of(&files);
    for absent in [
        "jsonwebtoken",
        "ServiceAccount",
        "service_account",
        "from_env",
        "ErrorEnvelope",
        "envelope::",
        "envelope:",
        "mod envelope",
        "ErrorCode",
        "KnownCode",
        "ApiErrorDetail",
        "Api {",
        "futures",
        "Paging",
        "rust_decimal",
        "use time::",
        "wire_time",
        "multipart",
        "mod tests",
        "test_support",
        "compile_error",
        "fn api_key(account_id: i64, api_key: impl Into<String>) -> Self {\n        Self::from_params",
    ] {
        let at = text.find(absent).map(|at| text.get(at.saturating_sub(200)..at + 50).unwrap_or_default());
        assert!(at.is_none(), "`{absent}` is copied without its part: {at:?}");
    }
}

#[test]
fn all_parts_keep_everything_but_the_tests() {
    let files = runtime_files(ALL).expect("copies");
    assert_eq!(files.len(), 16);
    let text = text_of(&files);
    for present in [
        "jsonwebtoken",
        "ServiceAccount",
        "ErrorCode",
        "PagingProblem",
        "rust_decimal",
        "multipart_form",
        "Alternative",
    ] {
        assert!(text.contains(present), "`{present}` is missing");
    }
    assert!(!text.contains("mod tests") && !text.contains("test_support"));
    // The crate root became the module root, its documentation kept.
    let root = files.iter().find(|file| file.path == "src/runtime/mod.rs").expect("mod.rs");
    assert!(root.contents.contains("//! Support code the operations run on"));
    assert!(root.contents.contains("pub mod service_account;\n"));
}

/// `text`'s span of `piece`, which it holds once.
fn span_of(text: &str, piece: &str) -> Span {
    assert_eq!(text.matches(piece).count(), 1, "`{piece}`");
    let start = text.find(piece).unwrap_or_default();
    (start, start + piece.len())
}

const SAMPLE: &str = "fn f() {\n    #[cfg(feature = \"paging\")]\n    let a = 1;\n\n    // about b\n    #[cfg(feature = \"time\")]\n    let b = 2;\n\n    let c = 3;\n}\n\nenum E {\n    One,\n    #[cfg(not(feature = \"time\"))]\n    Two {\n        #[cfg(feature = \"paging\")]\n        x: i32,\n    },\n    Three,\n}\n";

/// The sample's conditions as the build script plans them: whole lines, a cut node's comment
/// lines and the comma of a cut variant included.
fn sample() -> Source {
    let line = |piece: &str| span_of(SAMPLE, piece);
    // The first `piece.len()` bytes of `context`.
    let head = |context: &str, piece: &str| {
        assert!(context.starts_with(piece));
        let start = span_of(SAMPLE, context).0;
        (start, start + piece.len())
    };
    let conditions = vec![
        Condition {
            when: &[Predicate::Feature("paging")],
            cut: line("    #[cfg(feature = \"paging\")]\n    let a = 1;\n"),
            attributes: Vec::leak(vec![head(
                "    #[cfg(feature = \"paging\")]\n    let a",
                "    #[cfg(feature = \"paging\")]\n",
            )]),
        },
        Condition {
            when: &[Predicate::Feature("time")],
            cut: line("    // about b\n    #[cfg(feature = \"time\")]\n    let b = 2;\n"),
            attributes: Vec::leak(vec![line("    #[cfg(feature = \"time\")]\n")]),
        },
        Condition {
            when: &[Predicate::Not(&Predicate::Feature("time"))],
            cut: line(
                "    #[cfg(not(feature = \"time\"))]\n    Two {\n        #[cfg(feature = \"paging\")]\n        x: i32,\n    },\n",
            ),
            attributes: Vec::leak(vec![line("    #[cfg(not(feature = \"time\"))]\n")]),
        },
        Condition {
            when: &[Predicate::Feature("paging")],
            cut: line("        #[cfg(feature = \"paging\")]\n        x: i32,\n"),
            attributes: Vec::leak(vec![line("        #[cfg(feature = \"paging\")]\n")]),
        },
    ];
    Source { stem: "sample", text: SAMPLE, conditions: Vec::leak(conditions), modules: &[] }
}

#[test]
fn a_false_cfg_cuts_its_node_and_a_true_one_only_itself() {
    let source = sample();
    let copy = |parts| tidy(&apply(SAMPLE, cuts(&source, parts).expect("cuts")));
    assert_eq!(
        copy(RuntimeParts { paging: true, ..NONE }),
        "fn f() {\n    let a = 1;\n    let c = 3;\n}\n\nenum E {\n    One,\n    Two {\n        x: i32,\n    },\n    Three,\n}\n"
    );
    // The cut of `x` lies inside the cut of `Two`; blank lines left doubled or next to a
    // brace go.
    assert_eq!(
        copy(RuntimeParts { time: true, ..NONE }),
        "fn f() {\n    // about b\n    let b = 2;\n\n    let c = 3;\n}\n\nenum E {\n    One,\n    Three,\n}\n"
    );
}

#[test]
fn copies_are_stable_and_unknown_features_are_errors() {
    assert_eq!(runtime_files(ALL).expect("copies"), runtime_files(ALL).expect("copies"));
    let source = Source {
        stem: "x",
        text: "#[cfg(feature = \"nope\")]\nfn f() {}\n",
        conditions: &[Condition { when: &[Predicate::Feature("nope")], cut: (0, 36), attributes: &[(0, 25)] }],
        modules: &[],
    };
    let error = cuts(&source, NONE).expect_err("unknown");
    assert!(error.contains("runtime x.rs: unknown feature `nope`"), "{error}");
}

/// Each dependency line of the generated Cargo.toml is the runtime crate's own (without
/// `optional`), so the copy is built with what the runtime is tested with.
#[test]
fn template_dependencies_match_the_runtime_crate() {
    let manifest = include_str!("../../../runtime/Cargo.toml");
    let template = include_str!("../../../templates/Cargo.toml.tera");
    let section = |text: &str| -> Vec<String> {
        text.lines()
            .skip_while(|line| *line != "[dependencies]")
            .skip(1)
            .take_while(|line| !line.starts_with('['))
            .filter(|line| !line.trim().is_empty() && !line.starts_with('{') && !line.starts_with('#'))
            .map(|line| line.replace(", optional = true", "").replace(", \"multipart\"]", "]"))
            .collect()
    };
    let runtime = section(manifest);
    let generated = section(template);
    assert!(!generated.is_empty());
    for line in &generated {
        assert!(runtime.contains(line), "template line `{line}` is not in codegen/runtime/Cargo.toml");
    }
    for line in &runtime {
        assert!(generated.contains(line), "runtime dependency `{line}` is missing from the template");
    }
}

#[test]
fn a_petstore_like_crate_has_no_service_account_or_envelope_code() {
    let spec = include_str!("../../../../tests/fixtures/operations.yaml");
    let options = crate::Options { source_name: "operations.yaml".into(), ..crate::Options::default() };
    let files = crate::generate(crate::Spec::Text(spec), &options).expect("generates").files;
    assert!(files.iter().any(|file| file.path == "src/runtime/client.rs"));
    for file in &files {
        for absent in ["jsonwebtoken", "ServiceAccount", "ErrorEnvelope", "ErrorCode", "KnownCode", "envelope:"] {
            assert!(!file.contents.contains(absent), "{} contains `{absent}`", file.path);
        }
    }
}
