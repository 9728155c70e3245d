//! Test-only package: see tests/tests/. The library holds what several of those tests share.

/// The manifest of a nested workspace that checks generated crates under `target/`.
///
/// The fixture and api-compat workspaces share one target directory, so they must build with
/// one profile, or every dependency is compiled twice. Without debug info that directory stays a
/// fraction of its size (CI disks are small); line tables keep a failing test's backtrace
/// readable.
pub fn nested_workspace_manifest(members: &[String]) -> String {
    format!(
        "[workspace]\nresolver = \"3\"\nmembers = [{}]\n\n[profile.dev]\ndebug = \"line-tables-only\"\n\n\
         [profile.dev.package.\"*\"]\ndebug = false\n",
        members.join(", ")
    )
}
