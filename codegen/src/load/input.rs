//! Where a spec's files come from: one text, a path on disk, or any reader (in-memory file sets
//! in tests), and how a `$ref`'s file part turns into a path the reader understands.
//!
//! Paths given to a reader are relative to its root, `/`-separated, normalised, and never step
//! above the root: nothing outside the spec's directory (or the chosen refs root) is read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The spec to generate from.
#[derive(Clone, Copy)]
pub enum Spec<'a> {
    /// One document's text. External `$ref`s cannot be followed (there is nothing to read them from).
    Text(&'a str),
    /// A file on disk. Relative `$ref`s are read from its directory, or from anywhere under
    /// [`crate::Options::refs_root`] when that is set.
    Path(&'a Path),
    /// An entry file read through a caller's reader (for example an in-memory file set).
    Files { entry: &'a str, reader: &'a dyn SpecReader },
}

/// Reads the files of a multi-file spec. Paths are relative to the reader's root.
pub trait SpecReader {
    /// The text of the file at `path` (`/`-separated, normalised, no `..`).
    fn read(&self, path: &str) -> Result<String, String>;

    /// The root-relative path of an absolute path or `file://` URL, when it lies under the root.
    fn relative(&self, _absolute: &str) -> Option<String> {
        None
    }
}

/// An in-memory file set: path → text.
impl SpecReader for BTreeMap<String, String> {
    fn read(&self, path: &str) -> Result<String, String> {
        self.get(path).cloned().ok_or_else(|| "no such file".to_owned())
    }
}

/// Files under a directory on disk; symbolic links that lead outside it are refused.
pub struct DirReader {
    root: PathBuf,
}

impl DirReader {
    /// A reader rooted at `root` (which must exist).
    pub fn new(root: &Path) -> Result<Self, String> {
        let root = root.canonicalize().map_err(|e| format!("cannot open {}: {e}", root.display()))?;
        Ok(Self { root })
    }

    /// The root-relative path of `file`, which must lie under the root.
    pub fn entry(&self, file: &Path) -> Result<String, String> {
        let canonical = file.canonicalize().map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        relative_path(&self.root, &canonical)
            .ok_or_else(|| format!("{} is outside the refs root {}", file.display(), self.root.display()))
    }
}

impl SpecReader for DirReader {
    fn read(&self, path: &str) -> Result<String, String> {
        let joined = self.root.join(path);
        let canonical = joined.canonicalize().map_err(|e| e.to_string())?;
        if !canonical.starts_with(&self.root) {
            return Err("it leads outside the spec's directory".to_owned());
        }
        std::fs::read_to_string(&canonical).map_err(|e| e.to_string())
    }

    fn relative(&self, absolute: &str) -> Option<String> {
        let path = PathBuf::from(absolute);
        let canonical = path.canonicalize().ok()?;
        relative_path(&self.root, &canonical)
    }
}

fn relative_path(root: &Path, file: &Path) -> Option<String> {
    let rest = file.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = rest.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

/// Why a `$ref`'s file part cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefPathError {
    Remote,
    Absolute,
    OutsideRoot,
}

/// The root-relative path that `target` (a `$ref` without its fragment) names, seen from the
/// file `from`. Percent-escapes are decoded; `http(s)` URLs, and absolute paths the reader
/// cannot place under its root, are refused.
pub fn resolve(from: &str, target: &str, reader: Option<&dyn SpecReader>) -> Result<String, RefPathError> {
    let lower = target.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Err(RefPathError::Remote);
    }
    let decoded = percent_decode(target);
    let absolute = match lower.strip_prefix("file://") {
        Some(_) => Some(decoded.get("file://".len()..).unwrap_or_default().to_owned()),
        None if decoded.starts_with('/') || decoded.get(1..3) == Some(":\\") || decoded.get(1..3) == Some(":/") => {
            Some(decoded.clone())
        }
        None if lower.contains("://") => return Err(RefPathError::Remote),
        None => None,
    };
    if let Some(absolute) = absolute {
        return reader.and_then(|r| r.relative(&absolute)).ok_or(RefPathError::Absolute);
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for segment in decoded.split(['/', '\\']) {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop().ok_or(RefPathError::OutsideRoot)?;
            }
            other => parts.push(other),
        }
    }
    Ok(parts.join("/"))
}

/// `%20` → ` `; malformed escapes are kept as written.
pub fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        let escaped = (byte == b'%')
            .then(|| bytes.get(index + 1..index + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(decoded) => {
                out.push(decoded);
                index += 3;
            }
            None => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// How the user names a root-relative file: the entry by its own name, others relative to it
/// (`spec/openapi.yaml` + `schemas/Pet.yaml` under the entry's directory → `spec/schemas/Pet.yaml`).
pub fn display_name(entry_display: &str, entry: &str, file: &str) -> String {
    if file == entry {
        return entry_display.to_owned();
    }
    let mut entry_dir: Vec<&str> = entry.split('/').collect();
    entry_dir.pop();
    let file_parts: Vec<&str> = file.split('/').collect();
    let shared = entry_dir.iter().zip(&file_parts).take_while(|(a, b)| a == b).count();
    let mut display: Vec<&str> = entry_display.split('/').collect();
    display.pop();
    for _ in shared..entry_dir.len() {
        match display.last() {
            Some(&last) if last != ".." && last != "." && !last.is_empty() => {
                display.pop();
            }
            _ => display.push(".."),
        }
    }
    display.extend(file_parts.iter().skip(shared));
    display.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_resolve_relative_to_their_file() {
        assert_eq!(resolve("api/openapi.yaml", "schemas/Pet.yaml", None), Ok("api/schemas/Pet.yaml".into()));
        assert_eq!(resolve("api/paths/a.yaml", "../schemas/Pet.yaml", None), Ok("api/schemas/Pet.yaml".into()));
        assert_eq!(resolve("a.yaml", "./my%20file$x.yaml", None), Ok("my file$x.yaml".into()));
        assert_eq!(resolve("a.yaml", "../up.yaml", None), Err(RefPathError::OutsideRoot));
        assert_eq!(resolve("a.yaml", "https://x.org/a.yaml", None), Err(RefPathError::Remote));
        assert_eq!(resolve("a.yaml", "/etc/passwd", None), Err(RefPathError::Absolute));
        assert_eq!(resolve("a.yaml", "file:///etc/passwd", None), Err(RefPathError::Absolute));
    }

    #[test]
    fn display_names_follow_the_entry() {
        assert_eq!(display_name("spec/openapi.yaml", "openapi.yaml", "openapi.yaml"), "spec/openapi.yaml");
        assert_eq!(display_name("spec/openapi.yaml", "openapi.yaml", "schemas/Pet.yaml"), "spec/schemas/Pet.yaml");
        assert_eq!(
            display_name("m/data/api/cs/rooms.yaml", "data/api/cs/rooms.yaml", "data/event-schemas/x.yaml"),
            "m/data/event-schemas/x.yaml"
        );
        assert_eq!(display_name("rooms.yaml", "api/rooms.yaml", "defs/x.yaml"), "../defs/x.yaml");
    }

    #[test]
    fn dir_reader_stays_inside_its_root() {
        let dir = std::env::temp_dir().join(format!("codegen-input-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("spec")).expect("dir");
        std::fs::write(dir.join("spec/a.yaml"), "a").expect("write");
        std::fs::write(dir.join("secret.yaml"), "s").expect("write");
        let reader = DirReader::new(&dir.join("spec")).expect("root");
        assert_eq!(reader.read("a.yaml"), Ok("a".into()));
        assert!(reader.read("../secret.yaml").is_err());
        assert_eq!(reader.entry(&dir.join("spec/a.yaml")), Ok("a.yaml".into()));
        assert!(reader.entry(&dir.join("secret.yaml")).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
