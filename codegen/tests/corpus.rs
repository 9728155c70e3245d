//! Every public spec of the shared corpus loads: 3.0 and 3.1 single files, the redocly multi-file
//! starter, and every Matrix client-server entry (with the refs root at the Matrix data). Loading
//! only: lowering's own limits are tracked elsewhere.

/// Helpers count as test code (cfg(test)), where expect() and panic! on setup failures are the right tools.
#[cfg(test)]
mod support {
    use std::path::{Path, PathBuf};

    pub fn corpus() -> PathBuf {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
        assert!(dir.is_dir(), "the shared corpus is expected at {}", dir.display());
        dir
    }

    pub fn check(path: &Path, refs_root: Option<&Path>) -> codegen::Checked {
        let options = codegen::Options {
            source_name: path.display().to_string(),
            refs_root: refs_root.map(Path::to_path_buf),
            ..codegen::Options::default()
        };
        match codegen::check_spec(codegen::Spec::Path(path), &options) {
            Ok(checked) => checked,
            Err(error) => panic!("{} does not load:\n{error}", path.display()),
        }
    }

    pub fn specs_in(dir: &Path) -> Vec<PathBuf> {
        let mut specs: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("listable")
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "yaml" || ext == "json"))
            .collect();
        specs.sort();
        specs
    }
}
use support::*;

#[test]
fn single_file_specs_load() {
    let corpus = corpus();
    let mut loaded = 0;
    for spec in specs_in(&corpus).into_iter().chain(specs_in(&corpus.join("openapi31"))) {
        let checked = check(&spec, None);
        assert_eq!(checked.files, 1);
        loaded += 1;
    }
    assert!(loaded >= 14, "{loaded} specs");
}

#[test]
fn openapi_31_specs_are_normalised() {
    let corpus = corpus();
    let discord = check(&corpus.join("openapi31/discord.openapi.json"), None);
    assert_eq!(discord.version, "3.1");
    assert!(discord.operations > 200, "{}", discord.operations);
    let sendgrid = check(&corpus.join("openapi31/sendgrid.tsg_lmc_contactdb_v3.yaml"), None);
    assert!(sendgrid.summary.is_some(), "info.summary is kept");
    let webhooks = check(&corpus.join("openapi31/adyen.BalancePlatformConfigurationNotification-v2.json"), None);
    assert_eq!(webhooks.operations, 0);
    assert!(webhooks.warnings.iter().any(|w| w.message == "webhooks are not part of a client; 26 skipped"));
}

#[test]
fn redocly_multi_file_starter_loads() {
    let corpus = corpus();
    let entry = corpus.join("multifile/redocly-openapi-starter/openapi/openapi.yaml");
    let checked = check(&entry, None);
    assert_eq!(checked.operations, 12);
    assert!(checked.files > 30, "{} files", checked.files);
    assert!(checked.schemas >= 14, "{} schemas", checked.schemas);
}

#[test]
fn every_matrix_entry_loads_with_the_refs_root() {
    let corpus = corpus();
    let root = corpus.join("multifile/matrix-client-server");
    let entries = specs_in(&root.join("data/api/client-server"));
    assert!(entries.len() >= 70, "{} entries", entries.len());
    let operations: usize = entries.iter().map(|entry| check(entry, Some(&root)).operations).sum();
    assert!(operations >= 160, "{operations} operations");
}
