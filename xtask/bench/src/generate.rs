//! The two generators behind one interface: spec text in, crate files out.
//!
//! Used in-process (P1) and by the child binaries `gen-ours` and `gen-progenitor` (P1 whole
//! process, P5), which write the crate and report their own peak memory.

use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::process::ExitCode;

/// `progenitor-client` version the progenitor output is built against: the generator's own.
pub const PROGENITOR_CLIENT: &str = "0.15.1";

/// A generated crate: (path relative to the crate root, contents).
pub type Files = Vec<(String, String)>;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tool {
    Ours,
    Progenitor,
}

impl Tool {
    pub const BOTH: [Tool; 2] = [Tool::Ours, Tool::Progenitor];

    pub fn name(self) -> &'static str {
        match self {
            Tool::Ours => "ours",
            Tool::Progenitor => "progenitor",
        }
    }

    /// The child binary that runs this tool as a process of its own.
    pub fn binary(self) -> &'static str {
        match self {
            Tool::Ours => "gen-ours",
            Tool::Progenitor => "gen-progenitor",
        }
    }

    /// Generates the crate for the spec at `path` (`text` is its contents); `crate_name` is the
    /// package name to give it.
    pub fn generate(self, path: &Path, text: &str, crate_name: &str) -> Result<Files, String> {
        match self {
            Tool::Ours => generate_ours(path, text, crate_name),
            Tool::Progenitor => generate_progenitor(path, text, crate_name),
        }
    }

    /// [`Tool::generate`] with a panic turned into an error naming where it happened.
    pub fn generate_caught(self, path: &Path, text: &str, crate_name: &str) -> Result<Files, String> {
        install_panic_hook();
        match catch_unwind(AssertUnwindSafe(|| self.generate(path, text, crate_name))) {
            Ok(result) => result,
            Err(payload) => {
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|text| text.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown payload".into());
                let at = PANIC_AT.with(|place| place.take());
                Err(format!("panic at {at}: {message}"))
            }
        }
    }
}

thread_local! {
    /// `file:line` of the last caught panic, set by the panic hook.
    static PANIC_AT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Panics of a generator are expected (progenitor asserts on specs it cannot handle): the hook
/// only remembers where they happened, and the caller reports them.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let at = info
                .location()
                .map(|location| format!("{}:{}", short_path(location.file()), location.line()))
                .unwrap_or_default();
            PANIC_AT.with(|place| *place.borrow_mut() = at);
        }));
    });
}

/// `.../progenitor-impl-0.15.1/src/method.rs` → `progenitor-impl-0.15.1/src/method.rs`.
fn short_path(file: &str) -> &str {
    let Some(src) = file.rfind("/src/") else { return file };
    let before = file.get(..src).unwrap_or(file);
    match before.rfind('/') {
        Some(slash) => file.get(slash + 1..).unwrap_or(file),
        None => file,
    }
}

/// Our generator: the whole crate (Cargo.toml, src/**, README.md, examples/).
fn generate_ours(path: &Path, text: &str, crate_name: &str) -> Result<Files, String> {
    let options = codegen::Options {
        source_name: path.display().to_string(),
        crate_name: Some(crate_name.into()),
        ..codegen::Options::default()
    };
    let generated =
        codegen::generate(codegen::Spec::Text(text), &options).map_err(|error| first_line(&error.to_string()))?;
    Ok(generated.files.into_iter().map(|file| (file.path, file.contents)).collect())
}

/// progenitor: parse, generate tokens, pretty-print; plus the Cargo.toml its code needs.
fn generate_progenitor(path: &Path, text: &str, crate_name: &str) -> Result<Files, String> {
    let api: openapiv3::OpenAPI = if path.extension().is_some_and(|extension| extension == "json") {
        serde_json::from_str(text).map_err(|error| format!("parse: {error}"))?
    } else {
        serde_yaml_ng::from_str(text).map_err(|error| format!("parse: {error}"))?
    };
    let mut generator = progenitor::Generator::default();
    let tokens = generator.generate_tokens(&api).map_err(|error| format!("generate: {error}"))?;
    let file: syn::File = syn::parse2(tokens).map_err(|error| format!("syn: {error}"))?;
    let lib = prettyplease::unparse(&file);
    Ok(vec![("Cargo.toml".into(), progenitor_manifest(crate_name, &generator)), ("src/lib.rs".into(), lib)])
}

/// The dependencies cargo-progenitor 0.15 writes for a static crate (`dependencies()` in its
/// main.rs, with progenitor-client as a dependency rather than inlined).
fn progenitor_manifest(crate_name: &str, generator: &progenitor::Generator) -> String {
    let types = generator.get_type_space();
    let mut dependencies = vec![
        "bytes = \"1.9\"".to_string(),
        "futures-core = \"0.3\"".into(),
        "reqwest = { version = \"0.13\", default-features = false, features = [\"json\", \"query\", \"stream\"] }"
            .into(),
        "serde = { version = \"1.0\", features = [\"derive\"] }".into(),
        "serde_urlencoded = \"0.7\"".into(),
        format!("progenitor-client = \"{PROGENITOR_CLIENT}\""),
    ];
    if types.uses_regress() {
        dependencies.push("regress = \"0.10\"".into());
    }
    if types.uses_uuid() {
        dependencies.push("uuid = { version = \"1.0\", features = [\"serde\", \"v4\"] }".into());
    }
    if types.uses_chrono() {
        dependencies.push("chrono = { version = \"0.4\", default-features = false, features = [\"serde\"] }".into());
    }
    if generator.uses_futures() {
        dependencies.push("futures = \"0.3\"".into());
    }
    if generator.uses_websockets() {
        dependencies.push("base64 = \"0.22\"".into());
        dependencies.push("rand = \"0.8\"".into());
    }
    if types.uses_serde_json() {
        dependencies.push("serde_json = \"1.0\"".into());
    }
    dependencies.sort_unstable();
    format!(
        "[package]\nname = \"{crate_name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\n{}\n",
        dependencies.join("\n")
    )
}

/// Writes a fresh crate at `dir` (removing an old one). An empty `[workspace]` is appended to
/// the manifest so that the crate never joins an enclosing workspace.
pub fn write_crate(dir: &Path, files: &Files) -> std::io::Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    for (relative, contents) in files {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if relative == "Cargo.toml" && !contents.contains("\n[workspace]") {
            std::fs::write(&path, format!("{contents}\n[workspace]\n"))?;
        } else {
            std::fs::write(&path, contents)?;
        }
    }
    Ok(())
}

/// The main of a child binary: `gen-<tool> SPEC OUT_DIR CRATE_NAME` generates the crate, writes
/// it, and prints `peak_rss_kib <n>` (this process's high-water mark of resident memory).
/// With `--in-process` as a fourth argument it generates twice from the text already read and
/// prints `in_process_ns <n>`, the time of the second call alone (the first warms the
/// allocator and caches): generation without process start, file reading and writing.
/// A failure (error or panic) exits with 1 and its reason on stderr.
pub fn child_main(tool: Tool) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (spec, out, crate_name, in_process) = match args.as_slice() {
        [spec, out, crate_name] => (spec, out, crate_name, false),
        [spec, out, crate_name, flag] if flag == "--in-process" => (spec, out, crate_name, true),
        _ => {
            eprintln!("usage: {} SPEC OUT_DIR CRATE_NAME [--in-process]", tool.binary());
            return ExitCode::from(2);
        }
    };
    let spec = Path::new(spec);
    let mut in_process_time = None;
    let result = std::fs::read_to_string(spec)
        .map_err(|error| format!("cannot read {}: {error}", spec.display()))
        .and_then(|text| {
            if !in_process {
                return tool.generate_caught(spec, &text, crate_name);
            }
            tool.generate_caught(spec, &text, crate_name)?;
            let started = std::time::Instant::now();
            let files = tool.generate_caught(spec, &text, crate_name);
            in_process_time = Some(started.elapsed());
            files
        })
        .and_then(|files| write_crate(Path::new(out), &files).map_err(|error| format!("cannot write {out}: {error}")));
    match result {
        Ok(()) => {
            match crate::machine::peak_rss_kib() {
                Some(kib) => println!("peak_rss_kib {kib}"),
                None => println!("peak_rss_kib unknown"),
            }
            if let Some(time) = in_process_time {
                println!("in_process_ns {}", time.as_nanos());
            }
            ExitCode::SUCCESS
        }
        Err(reason) => {
            eprintln!("{reason}");
            ExitCode::FAILURE
        }
    }
}

/// The first line of a (possibly multi-line) message, for a table cell.
pub fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or("").to_string()
}
