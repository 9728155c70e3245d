//! Which specs the corpus holds: every single-file spec at the top level (OpenAPI 3.0) and in
//! `openapi31/`, the Redocly starter (one multi-file spec), and every entry document of the
//! Matrix Client-Server API (one crate each, all reading the shared definitions).

use std::path::{Path, PathBuf};

/// One spec to generate a crate from.
pub struct Spec {
    /// Its path relative to the corpus directory, `/`-separated (what `--only` matches).
    pub name: String,
    /// The table's first column: the name, with the Matrix entries' long common directory
    /// shortened to `matrix/`.
    pub label: String,
    pub path: PathBuf,
    /// Where its `$ref`s may read files from, when wider than the entry's directory.
    pub refs_root: Option<PathBuf>,
    /// The generated crate's directory in the corpus workspace, and its package name without
    /// the `corpus-` prefix.
    pub slug: String,
}

const SINGLE_FILE_DIRS: [&str; 2] = ["", "openapi31"];
const REDOCLY: &str = "multifile/redocly-openapi-starter/openapi/openapi.yaml";
const MATRIX_ROOT: &str = "multifile/matrix-client-server";
const MATRIX_ENTRIES: &str = "multifile/matrix-client-server/data/api/client-server";

/// Every spec of the corpus at `dir`, in table order: top level, `openapi31/`, Redocly, Matrix;
/// sorted by name within each group. Only the top level must exist, so that `--dir` also takes
/// any directory of single-file specs.
pub fn list(dir: &Path) -> Result<Vec<Spec>, String> {
    let mut specs = Vec::new();
    for sub in SINGLE_FILE_DIRS {
        let folder = dir.join(sub);
        if !sub.is_empty() && !folder.is_dir() {
            continue;
        }
        for path in spec_files(&folder)? {
            let stem = stem(&path);
            let name = relative(sub, &path);
            specs.push(Spec { label: name.clone(), name, slug: slug(&stem), path, refs_root: None });
        }
    }
    let redocly = dir.join(REDOCLY);
    if redocly.is_file() {
        specs.push(Spec {
            name: REDOCLY.to_owned(),
            label: REDOCLY.to_owned(),
            path: redocly,
            refs_root: None,
            slug: "redocly-openapi-starter".to_owned(),
        });
    }
    let matrix = dir.join(MATRIX_ENTRIES);
    let matrix_entries = if matrix.is_dir() { spec_files(&matrix)? } else { Vec::new() };
    for path in matrix_entries {
        let stem = stem(&path);
        specs.push(Spec {
            name: relative(MATRIX_ENTRIES, &path),
            label: relative("matrix", &path),
            slug: format!("matrix-{}", slug(&stem)),
            path,
            refs_root: Some(dir.join(MATRIX_ROOT)),
        });
    }
    let mut slugs = std::collections::BTreeSet::new();
    for spec in &specs {
        if !slugs.insert(spec.slug.as_str()) {
            return Err(format!("two specs would share the crate directory `{}`; rename one", spec.slug));
        }
    }
    Ok(specs)
}

/// The YAML and JSON files directly in `dir`, sorted.
fn spec_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|error| format!("cannot list {}: {error}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.is_file())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml" || ext == "yml" || ext == "json"))
        .collect();
    files.sort();
    Ok(files)
}

fn stem(path: &Path) -> String {
    path.file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_default()
}

fn relative(sub: &str, path: &Path) -> String {
    let file = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    if sub.is_empty() { file } else { format!("{sub}/{file}") }
}

/// A package-name-safe form of a file stem: lower case, runs of other characters as one `-`.
fn slug(stem: &str) -> String {
    let mut slug = String::new();
    for character in stem.chars() {
        if character.is_ascii_alphanumeric() {
            slug.push(character.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_are_package_names() {
        assert_eq!(slug("adyen.BalancePlatformService-v2"), "adyen-balanceplatformservice-v2");
        assert_eq!(slug("account_deactivation"), "account-deactivation");
        assert_eq!(slug("box-v2025.0"), "box-v2025-0");
    }
}
