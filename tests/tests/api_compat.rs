//! What `api-diff` calls minor really is: a program written against the crate generated from
//! a spec still compiles against the crate generated from the spec with a new optional reply
//! field, a new enum value, a new operation and a new optional parameter. And what it calls
//! major really breaks it: the same program fails against the crate with a new required
//! parameter. The crates go into one temporary workspace under `target/`, checked by a nested
//! cargo, like `fixtures_compile.rs`.

#![cfg(test)]

use std::path::Path;
use std::process::Command;

use codegen::diff::Impact;

const SPEC: &str = r##"openapi: 3.0.3
info: {title: Shop, version: '1.0'}
servers:
  - url: https://api.shop.test
x-rust-crate-version: 0.3.0
x-error-envelope: {error: error, code: code, message: msg}
components:
  schemas:
    Account:
      type: object
      required: [account_id]
      properties:
        account_id: {type: integer, format: int64}
        account_name: {type: string}
        plan: {$ref: '#/components/schemas/PlanKind'}
    PlanKind:
      type: string
      enum: [IM, MAU]
    Priority:
      type: integer
      enum: [1, 2]
      x-enum-varnames: [LOW, HIGH]
paths:
  /api/GetAccount:
    post:
      operationId: GetAccount
      x-idempotent: true
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                with_balance: {type: boolean}
                priority: {$ref: '#/components/schemas/Priority'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [result]
                properties:
                  result: {$ref: '#/components/schemas/Account'}
  /api/ChangePlan:
    post:
      operationId: ChangePlan
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [plan_type]
              properties:
                plan_type: {$ref: '#/components/schemas/PlanKind'}
                plan_id: {type: integer, format: int64}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [result]
                properties:
                  result: {type: integer, format: int64}
"##;

/// The four additive edits, all at once.
const MINOR: &[(&str, &str)] = &[
    // A new optional reply field.
    (
        "        account_name: {type: string}\n",
        "        account_name: {type: string}\n        balance: {type: number}\n",
    ),
    // A new enum value.
    ("enum: [IM, MAU]", "enum: [IM, MAU, ENTERPRISE]"),
    // A new optional parameter.
    (
        "                plan_id: {type: integer, format: int64}\n",
        "                plan_id: {type: integer, format: int64}\n                comment: {type: string}\n",
    ),
    // A new operation.
    (
        "paths:\n",
        "paths:\n  /api/Ping:\n    post:\n      operationId: Ping\n      responses:\n        '200': {description: ok}\n",
    ),
];

/// A new required parameter.
const MAJOR: &[(&str, &str)] = &[
    ("required: [plan_type]", "required: [plan_type, reason]"),
    (
        "                plan_id: {type: integer, format: int64}\n",
        "                plan_id: {type: integer, format: int64}\n                reason: {type: string}\n",
    ),
];

/// Written against the crate from `SPEC`, the way users write code against a generated crate:
/// reading reply fields and destructuring a `#[non_exhaustive]` struct, matching an open enum,
/// building requests with `new`, `Default` and setters, calling the client.
const USER_PROGRAM: &str = r#"
use client::{Account, ChangePlanRequest, Client, GetAccountRequest, PlanKind, Priority};

pub fn describe(account: &Account) -> String {
    let Account { account_id, account_name, .. } = account;
    let plan = match &account.plan {
        Some(PlanKind::Im) => "instant messaging",
        Some(PlanKind::Mau) => "monthly active users",
        Some(PlanKind::Other(other)) => other.as_str(),
        Some(_) => "a plan this program does not know",
        None => "none",
    };
    format!("{account_id} {account_name:?}: {plan}")
}

pub fn urgent(priority: Priority) -> bool {
    priority == Priority::HIGH
}

pub async fn upgrade(client: &Client) -> Result<String, client::Error> {
    let account = client.get_account(GetAccountRequest::default().with_balance(true).priority(Priority::LOW)).await?;
    let changed = client.change_plan(ChangePlanRequest::new(PlanKind::Mau).plan_id(7)).await?;
    Ok(format!("{} -> {}", describe(&account.result), changed.result))
}
"#;

/// Helpers count as test code (cfg(test)), where expect() on setup failures is the right tool.
#[cfg(test)]
mod support {
    use super::*;

    pub fn edited(edits: &[(&str, &str)]) -> String {
        let mut text = SPEC.to_owned();
        for (from, to) in edits {
            assert_eq!(text.matches(from).count(), 1, "{from:?} occurs once");
            text = text.replacen(from, to, 1);
        }
        text
    }

    pub fn lower(text: &str) -> codegen::model::Api {
        let options = codegen::Options { source_name: "shop.yaml".into(), crate_name: None, ..Default::default() };
        codegen::lower_spec(codegen::Spec::Text(text), &options).expect("spec lowers")
    }

    /// Writes the crate generated from `spec` as package `name` into `dir`.
    pub fn write_crate(dir: &Path, name: &str, spec: &str) {
        let options =
            codegen::Options { source_name: name.into(), crate_name: Some(name.into()), ..Default::default() };
        for file in codegen::generate(codegen::Spec::Text(spec), &options).expect("spec generates").files {
            let path = dir.join(&file.path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
            std::fs::write(&path, file.contents).expect("write");
        }
    }

    /// The user program, depending on the crate in `client_dir` under the name `client`.
    pub fn write_user(dir: &Path, name: &str, client_dir: &str, client_package: &str) {
        std::fs::create_dir_all(dir.join("src")).expect("dir");
        let manifest = format!(
            "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nclient = {{ package = \"{client_package}\", path = \"{client_dir}\" }}\n"
        );
        std::fs::write(dir.join("Cargo.toml"), manifest).expect("manifest");
        std::fs::write(dir.join("src/lib.rs"), USER_PROGRAM).expect("program");
    }

    pub fn check(work: &Path, package: &str) -> std::process::Output {
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["check", "--quiet", "--package", package])
            .current_dir(work)
            // The fixture crates' target directory: same lock file, so their dependencies
            // (reqwest, tokio, serde) are built once for both tests.
            .env("CARGO_TARGET_DIR", work.join("../fixture-crates/target"))
            .output()
            .expect("cargo runs")
    }
}
use support::*;

#[test]
fn minor_changes_keep_old_programs_compiling_and_major_ones_break_them() {
    let (old, minor, major) = (lower(SPEC), lower(&edited(MINOR)), lower(&edited(MAJOR)));
    let minor_report = codegen::diff::compare(&old, &minor);
    let kinds: Vec<String> = minor_report.changes.iter().map(|change| format!("{:?}", change.kind)).collect();
    assert_eq!(kinds, ["OperationAdded", "ParameterAdded", "FieldAdded", "EnumValueAdded"], "{minor_report:#?}");
    assert_eq!(minor_report.required(), Some(Impact::Minor));
    assert_eq!(codegen::diff::compare(&old, &major).required(), Some(Impact::Major));

    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root");
    let work = root.join("target/api-compat");
    let _ = std::fs::remove_dir_all(&work);
    for (name, spec) in [("old", SPEC.to_owned()), ("minor", edited(MINOR)), ("major", edited(MAJOR))] {
        write_crate(&work.join(name), &format!("compat-{name}"), &spec);
        write_user(
            &work.join(format!("user-{name}")),
            &format!("user-{name}"),
            &format!("../{name}"),
            &format!("compat-{name}"),
        );
    }
    let members =
        ["old", "minor", "major", "user-old", "user-minor", "user-major"].map(|member| format!("\"{member}\""));
    let manifest = tests::nested_workspace_manifest(&members);
    std::fs::write(work.join("Cargo.toml"), manifest).expect("manifest");
    std::fs::copy(root.join("Cargo.lock"), work.join("Cargo.lock")).expect("lock");

    for user in ["user-old", "user-minor"] {
        let output = check(&work, user);
        assert!(output.status.success(), "{user} does not compile:\n{}", String::from_utf8_lossy(&output.stderr));
    }
    let output = check(&work, "user-major");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "the major change must break the program");
    assert!(stderr.contains("E0061"), "it breaks where the report says (`new` gains an argument):\n{stderr}");
}
