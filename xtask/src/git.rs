//! The git commands `api-diff` needs: which revision to compare with, and a directory of the
//! repository as it was at that revision (so multi-file specs resolve their `$ref`s there too).

use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

/// Runs git in `dir` and returns its standard output, or its error message.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output =
        Command::new("git").args(args).current_dir(dir).output().map_err(|error| format!("cannot run git: {error}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        Err(format!("`git {}` failed: {}", args.join(" "), stderr.trim()))
    }
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8_lossy(&bytes).trim().to_owned()
}

/// The root of the repository `dir` is in.
pub fn toplevel(dir: &Path) -> Result<PathBuf, String> {
    git(dir, &["rev-parse", "--show-toplevel"]).map(|out| PathBuf::from(text(out)))
}

/// The commit a revision names.
pub fn commit(dir: &Path, revision: &str) -> Result<String, String> {
    let spec = format!("{revision}^{{commit}}");
    git(dir, &["rev-parse", "--verify", "--quiet", &spec])
        .map(text)
        .map_err(|_| format!("`{revision}` names no commit in this repository"))
}

/// The merge base of `HEAD` with `branch`, falling back to `HEAD` itself; with how it was found.
pub fn default_base(dir: &Path, branch: &str) -> Result<(String, String), String> {
    match git(dir, &["merge-base", "HEAD", branch]) {
        Ok(out) => Ok((text(out), format!("the merge base with `{branch}`"))),
        Err(_) => commit(dir, "HEAD")
            .map(|head| (head, format!("`HEAD` (no merge base with `{branch}`)")))
            .map_err(|_| "no commit to compare with: this is not a git repository with history".to_owned()),
    }
}

/// Writes the files under `path` (a file or a directory, relative to the repository root) as
/// they are at `revision` into `into`, keeping their relative paths. Returns how many.
pub fn materialize(root: &Path, revision: &str, path: &str, into: &Path) -> Result<usize, String> {
    let listing = git(root, &["ls-tree", "-r", "-z", revision, "--", path])?;
    // Entries are `<mode> <type> <object>\t<path>`; submodules (`commit`) have no content here.
    let mut blobs: Vec<(String, PathBuf)> = Vec::new();
    for entry in listing.split(|byte| *byte == 0).filter(|entry| !entry.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((head, file)) = entry.split_once('\t') else { continue };
        let fields: Vec<&str> = head.split(' ').collect();
        if let [_, "blob", object] = fields.as_slice() {
            let relative = PathBuf::from(file);
            if relative.components().all(|component| matches!(component, Component::Normal(_))) {
                blobs.push(((*object).to_owned(), relative));
            }
        }
    }
    if blobs.is_empty() {
        return Err(format!("`{path}` does not exist at `{revision}`"));
    }
    let contents = read_blobs(root, blobs.iter().map(|(object, _)| object.as_str()))?;
    for ((_, relative), content) in blobs.iter().zip(contents) {
        let target = into.join(relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|error| format!("cannot create {}: {error}", parent.display()))?;
        }
        std::fs::write(&target, content).map_err(|error| format!("cannot write {}: {error}", target.display()))?;
    }
    Ok(blobs.len())
}

/// The contents of many blobs from one `git cat-file --batch`, in order.
fn read_blobs<'a>(root: &Path, objects: impl Iterator<Item = &'a str>) -> Result<Vec<Vec<u8>>, String> {
    let request: String = objects.map(|object| format!("{object}\n")).collect();
    let mut child = Command::new("git")
        .args(["cat-file", "--batch"])
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|error| format!("cannot run git: {error}"))?;
    let mut stdin = child.stdin.take().ok_or("git cat-file has no input")?;
    // Written from another thread: git answers while it reads, and both pipes can fill up.
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let mut output = Vec::new();
    child
        .stdout
        .take()
        .ok_or("git cat-file has no output")?
        .read_to_end(&mut output)
        .map_err(|error| format!("cannot read from git cat-file: {error}"))?;
    let status = child.wait().map_err(|error| format!("git cat-file: {error}"))?;
    let written = writer.join().map_err(|_| "git cat-file input failed".to_owned())?;
    written.map_err(|error| format!("cannot write to git cat-file: {error}"))?;
    if !status.success() {
        return Err("git cat-file failed".into());
    }
    parse_batch(&output)
}

/// `<object> <type> <size>\n<content>\n`, repeated.
fn parse_batch(mut output: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let mut contents = Vec::new();
    while !output.is_empty() {
        let line_end = output.iter().position(|byte| *byte == b'\n').ok_or("truncated git cat-file output")?;
        let header = String::from_utf8_lossy(output.get(..line_end).unwrap_or_default()).into_owned();
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|size| size.parse().ok())
            .ok_or_else(|| format!("unexpected git cat-file output: {header}"))?;
        let start = line_end + 1;
        let end = start.checked_add(size).ok_or("git cat-file size overflows")?;
        let content = output.get(start..end).ok_or("truncated git cat-file output")?;
        contents.push(content.to_vec());
        output = output.get(end + 1..).unwrap_or_default();
    }
    Ok(contents)
}
