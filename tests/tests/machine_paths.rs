//! No file of the repository names a path of one machine: files refer to `../shared/...` and
//! to repository-relative paths, so a clone works anywhere.

#![cfg(test)]

use std::path::{Path, PathBuf};

/// Prefixes of absolute paths that only exist on some machine.
const MACHINE_PATHS: &[&str] = &["/work/", "/root/", "/home/", "/Users/", "/tmp/", "C:\\\\Users"];

/// Every file under `dir`, build output and version control left out.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if matches!(name.to_str(), Some("target" | ".git")) {
            continue;
        }
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn no_file_names_a_machine_path() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root");
    let mut found = Vec::new();
    files(root, &mut found);
    assert!(found.len() > 50, "the walk found the repository's files");
    let mut offenders = Vec::new();
    for file in found {
        // This file lists the prefixes; binary files cannot hold a path a person wrote.
        if file.ends_with(file!().trim_start_matches("tests/")) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        for (number, line) in text.lines().enumerate() {
            if let Some(prefix) = MACHINE_PATHS.iter().find(|prefix| line.contains(*prefix)) {
                let shown = file.strip_prefix(root).unwrap_or(&file).display().to_string();
                offenders.push(format!("{shown}:{}: `{prefix}` in {line:?}", number + 1));
            }
        }
    }
    assert!(offenders.is_empty(), "machine paths in the repository:\n{}", offenders.join("\n"));
}
