//! `codegen::diff` on a table of spec edits: a small base spec, one edit each (in memory), and
//! the exact report lines with their semver class. Each class is justified against the Cargo
//! SemVer reference (https://doc.rust-lang.org/cargo/reference/semver.html, anchors in
//! brackets) as it applies to the generated code: schema structs and enums are
//! `#[non_exhaustive]`, requests have private fields, `new(required..)` and one setter per
//! optional input.

use codegen::diff::{Impact, Report};

const BASE: &str = r##"openapi: 3.0.3
info:
  title: Shop
  version: '1.0'
servers:
  - url: https://api.shop.test
x-rust-crate: shop-client
x-rust-crate-version: 0.3.0
x-error-envelope: {error: error, code: code, message: msg}
x-error-codes:
  - {code: 100, name: AUTHORIZATION_FAILED, message: Authorization failed}
  - {code: 340, name: RATE_LIMIT_EXCEEDED, message: Too many requests, retryable: true}
security:
  - bearer: []
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
  schemas:
    Account:
      type: object
      description: An account.
      required: [account_id]
      properties:
        account_id:
          type: integer
          format: int64
          description: The account ID.
        account_name:
          type: string
          description: The account name.
        plan:
          $ref: '#/components/schemas/PlanKind'
        attachment:
          $ref: '#/components/schemas/Attachment'
    PlanKind:
      type: string
      description: The kind of plan.
      enum: [IM, MAU]
    Priority:
      type: integer
      description: How urgent a note is.
      enum: [1, 2]
      x-enum-varnames: [LOW, HIGH]
    Note:
      type: object
      description: A note on an account.
      required: [text]
      properties:
        text:
          type: string
          description: The note text.
        pinned:
          type: boolean
          description: Whether the note is pinned.
        priority:
          $ref: '#/components/schemas/Priority'
    Attachment:
      description: A note or a link.
      oneOf:
        - $ref: '#/components/schemas/Note'
        - type: string
        - type: integer
paths:
  /api/GetAccount:
    post:
      operationId: GetAccount
      summary: Get an account.
      x-idempotent: true
      requestBody:
        required: false
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                with_balance:
                  type: boolean
                  default: true
                  description: Whether to include the balance.
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [result]
                properties:
                  result:
                    $ref: '#/components/schemas/Account'
  /api/ChangePlan:
    post:
      operationId: ChangePlan
      summary: Change the plan.
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [plan_type]
              properties:
                plan_type:
                  $ref: '#/components/schemas/PlanKind'
                plan_id:
                  type: integer
                  format: int64
                  description: The plan to switch to.
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [result]
                properties:
                  result:
                    type: integer
                    format: int64
  /api/ListAccounts:
    post:
      operationId: ListAccounts
      summary: List accounts.
      x-idempotent: true
      x-pagination: {offset: offset, limit: count, items: result, total: total_count}
      requestBody:
        required: false
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                account_id:
                  type: array
                  x-delimiter: ";"
                  items:
                    type: integer
                    format: int64
                account_name:
                  type: string
                count:
                  type: integer
                  format: int64
                offset:
                  type: integer
                  format: int64
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [result, total_count]
                properties:
                  result:
                    type: array
                    items:
                      $ref: '#/components/schemas/Account'
                  total_count:
                    type: integer
                    format: int64
  /api/AddNote:
    post:
      operationId: AddNote
      summary: Add a note.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/Note'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [result]
                properties:
                  result:
                    type: integer
                    format: int64
"##;

/// One spec edit: text replacements applied to `BASE`, each of which must match exactly once.
struct Edit {
    name: &'static str,
    replace: &'static [(&'static str, &'static str)],
    /// Every report line (`change: reason: class`), in report order.
    expected: &'static [(&'static str, Impact)],
}

/// Helpers count as test code (cfg(test)), where expect() on setup failures is the right tool.
#[cfg(test)]
mod support {
    use super::*;

    pub fn lower(text: &str) -> codegen::model::Api {
        let options = codegen::Options { source_name: "shop.yaml".into(), crate_name: None, ..Default::default() };
        codegen::lower_spec(codegen::Spec::Text(text), &options).unwrap_or_else(|error| panic!("spec lowers:\n{error}"))
    }

    pub fn apply(edit: &Edit) -> String {
        let mut text = BASE.to_owned();
        for (from, to) in edit.replace {
            assert_eq!(text.matches(from).count(), 1, "{}: {from:?} must occur exactly once", edit.name);
            text = text.replacen(from, to, 1);
        }
        text
    }

    pub fn report(edit: &Edit) -> Report {
        codegen::diff::compare(&lower(BASE), &lower(&apply(edit)))
    }
}
use support::*;

const EDITS: &[Edit] = &[
    // `ChangePlanResponse` and `AddNoteResponse` were spelled alike, so one was another name
    // for the other; now they differ, and code that passed one where the other is expected
    // stops compiling [item-remove of the shared identity]. Major.
    Edit {
        name: "inline schemas no longer alike",
        replace: &[(
            "                    format: int64\n  /api/ListAccounts:\n",
            "                    format: int64\n                    description: The new plan's ID.\n  /api/ListAccounts:\n",
        )],
        expected: &[
            (
                "the schemas of `AddNoteResponse` and `ChangePlanResponse` are no longer alike: `AddNoteResponse` and `ChangePlanResponse` are no longer the same type: major",
                Impact::Major,
            ),
            (
                "docs of property `result` changed: only the doc comment of `ChangePlanResponse.result` changes: patch",
                Impact::Patch,
            ),
        ],
    },
    // Doc comments are not API: no program can observe them. Patch.
    Edit {
        name: "field description",
        replace: &[("description: The account name.", "description: The account's display name.")],
        expected: &[(
            "docs of property `account_name` changed: only the doc comment of `Account.account_name` changes: patch",
            Impact::Patch,
        )],
    },
    // Doc comments only. Patch.
    Edit {
        name: "operation summary",
        replace: &[("summary: Get an account.", "summary: Read an account.")],
        expected: &[(
            "docs of operation `GetAccount` changed: only the doc comment of `Client::get_account` changes: patch",
            Impact::Patch,
        )],
    },
    // A new pub field is major only on a struct users can build with a literal or match exhaustively
    // [struct-add-public-field-when-no-private]; `Account` is `#[non_exhaustive]`, so neither is possible
    // outside the crate. Minor.
    Edit {
        name: "new optional reply field",
        replace: &[(
            "        plan:\n          $ref: '#/components/schemas/PlanKind'\n",
            "        plan:\n          $ref: '#/components/schemas/PlanKind'\n        balance:\n          type: number\n          description: The balance.\n",
        )],
        expected: &[(
            "new optional property `balance`: new pub field `Account.balance: Option<f64>` on a `#[non_exhaustive]` struct: minor",
            Impact::Minor,
        )],
    },
    // As above: a new pub field on a `#[non_exhaustive]` struct [struct-add-public-field-when-no-private
    // does not apply]. `Account` is only received, so no constructor gains an argument. Minor.
    Edit {
        name: "new required reply field",
        replace: &[
            ("required: [account_id]", "required: [account_id, created]"),
            (
                "        plan:\n          $ref: '#/components/schemas/PlanKind'\n",
                "        plan:\n          $ref: '#/components/schemas/PlanKind'\n        created:\n          type: string\n          format: date\n",
            ),
        ],
        expected: &[(
            "new required property `created`: new pub field `Account.created: Date` on a `#[non_exhaustive]` struct; replies without it no longer decode: minor",
            Impact::Minor,
        )],
    },
    // The field's type changes (`Option<String>` → `String`): every reader breaks, like a removed item
    // [item-remove]. Major.
    Edit {
        name: "reply field now required",
        replace: &[("required: [account_id]", "required: [account_id, account_name]")],
        expected: &[(
            "property `account_name` is now required: `Account.account_name` is `String` instead of `Option<String>`: major",
            Impact::Major,
        )],
    },
    // `Option<bool>` → `Option<Option<bool>>`: the field's type changes, readers and setters break. Major.
    Edit {
        name: "field now nullable",
        replace: &[(
            "          description: Whether the note is pinned.\n",
            "          description: Whether the note is pinned.\n          nullable: true\n",
        )],
        expected: &[(
            "property `pinned` retyped: `Note.pinned` is `Option<Option<bool>>` instead of `Option<bool>`: major",
            Impact::Major,
        )],
    },
    // `Note` is sent: a field that must be present (even if null) becomes an argument of
    // `Note::new` [fn-change-arity] and its setter goes [item-remove]. Major; that `None` is now
    // sent as `null` is a wire detail (patch).
    Edit {
        name: "sent field now required but nullable",
        replace: &[
            ("      required: [text]\n", "      required: [text, pinned]\n"),
            (
                "          description: Whether the note is pinned.\n",
                "          description: Whether the note is pinned.\n          nullable: true\n",
            ),
        ],
        expected: &[
            (
                "property `pinned` changed between optional and nullable: `Note.pinned` stays `Option<bool>`; it is sent as `null` when `None`: patch",
                Impact::Patch,
            ),
            (
                "property `pinned` is set differently: `Note.pinned` is set by an argument of `Note::new` instead of setter `Note::pinned`: major",
                Impact::Major,
            ),
        ],
    },
    // A required body is the last argument of `new`; optional, it becomes a setter: `new` loses
    // an argument [fn-change-arity]. The new `Default` impl is an addition. Major.
    Edit {
        name: "request body now optional",
        replace: &[(
            "      summary: Add a note.\n      requestBody:\n        required: true\n",
            "      summary: Add a note.\n      requestBody:\n        required: false\n",
        )],
        expected: &[
            (
                "request body is now optional: `AddNoteRequest::new` loses its argument `body`; set it with `AddNoteRequest::body(Note)`: major",
                Impact::Major,
            ),
            (
                "the request no longer has required inputs: `AddNoteRequest` now implements `Default`: minor",
                Impact::Minor,
            ),
        ],
    },
    // An enum that becomes `pub type PlanKind = String` loses every variant [item-remove]. Major.
    Edit {
        name: "type kind changed",
        replace: &[(
            "      description: The kind of plan.\n      enum: [IM, MAU]\n",
            "      description: The kind of plan.\n",
        )],
        expected: &[(
            "schema `PlanKind` changed shape: `PlanKind` is now a type alias instead of a string enum: major",
            Impact::Major,
        )],
    },
    // Deprecation is said in the docs (no `#[deprecated]` attribute), so only docs change. Patch.
    Edit {
        name: "operation deprecated",
        replace: &[("      summary: List accounts.\n", "      summary: List accounts.\n      deprecated: true\n")],
        expected: &[(
            "docs of operation `ListAccounts` changed: only the doc comment of `Client::list_accounts` changes: patch",
            Impact::Patch,
        )],
    },
    // A new inherent method `account_id_all()` [item-new; impl-item-new is possibly-breaking only
    // through trait-method name clashes, which generated request types do not invite]. Minor.
    Edit {
        name: "all value added",
        replace: &[(
            "                  x-delimiter: \";\"\n",
            "                  x-delimiter: \";\"\n                  x-all-value: all\n",
        )],
        expected: &[(
            "parameter `account_id` accepts `all` (every item): new setter `ListAccountsRequest::account_id_all()`: minor",
            Impact::Minor,
        )],
    },
    // `new` disappears [item-remove] and so does the `Default` impl (no rule of its own: removing a
    // trait impl removes what callers use, as item-remove); the `by_*` constructors are new items
    // [item-new]. Major overall.
    Edit {
        name: "at-least-one-of added",
        replace: &[(
            "      operationId: ListAccounts\n",
            "      operationId: ListAccounts\n      x-at-least-one-of: [account_id, account_name]\n",
        )],
        expected: &[
            (
                "a selection rule replaces the plain constructor: `ListAccountsRequest::new` removed; build the request with its `by_*` constructors: major",
                Impact::Major,
            ),
            (
                "the request now has required inputs: `ListAccountsRequest` no longer implements `Default`: major",
                Impact::Major,
            ),
            (
                "selection rule changed from none to `x-at-least-one-of`: what the server requires changes; the constructors and setters that come and go are listed separately: patch",
                Impact::Patch,
            ),
            (
                "new selection constructor `by_account_id`: new constructor `ListAccountsRequest::by_account_id`: minor",
                Impact::Minor,
            ),
            (
                "new selection constructor `by_account_name`: new constructor `ListAccountsRequest::by_account_name`: minor",
                Impact::Minor,
            ),
        ],
    },
    // Only `Debug` output redacts the value; no signature changes. Patch.
    Edit {
        name: "parameter becomes a password",
        replace: &[(
            "                account_name:\n                  type: string\n",
            "                account_name:\n                  type: string\n                  format: password\n",
        )],
        expected: &[(
            "parameter `account_name` is now a password: `account_name` is now redacted in `ListAccountsRequest`'s `Debug` output: patch",
            Impact::Patch,
        )],
    },
    // New pub field on a `#[non_exhaustive]` struct plus a new setter method [item-new]; `Note::new`
    // keeps its arguments. Minor.
    Edit {
        name: "new optional field of a sent struct",
        replace: &[("        pinned:\n", "        color:\n          type: string\n        pinned:\n")],
        expected: &[(
            "new optional property `color`: new pub field `Note.color: Option<String>` and setter `Note::color` on a `#[non_exhaustive]` struct: minor",
            Impact::Minor,
        )],
    },
    // `Note` is sent, so its required fields are arguments of `Note::new`: one more argument
    // [fn-change-arity]. Major.
    Edit {
        name: "new required field of a sent struct",
        replace: &[
            ("      required: [text]\n", "      required: [text, author]\n"),
            ("        pinned:\n", "        author:\n          type: string\n        pinned:\n"),
        ],
        expected: &[("new required property `author`: `Note::new` gains an argument `author`: major", Impact::Major)],
    },
    // A pub field is removed [item-remove]. Major.
    Edit {
        name: "reply field removed",
        replace: &[("        account_name:\n          type: string\n          description: The account name.\n", "")],
        expected: &[(
            "property `account_name` removed: pub field `Account.account_name` removed: major",
            Impact::Major,
        )],
    },
    // The field's type changes; every reader breaks [item-remove, in effect]. Major.
    Edit {
        name: "reply field retyped",
        replace: &[(
            "        account_name:\n          type: string\n",
            "        account_name:\n          type: integer\n",
        )],
        expected: &[(
            "property `account_name` retyped: `Account.account_name` is `Option<i64>` instead of `Option<String>`: major",
            Impact::Major,
        )],
    },
    // `i64` → `Option<i64>`: the field's type changes. Major.
    Edit {
        name: "reply field now optional",
        replace: &[("      required: [account_id]\n", "")],
        expected: &[(
            "property `account_id` is now optional: `Account.account_id` is `Option<i64>` instead of `i64`: major",
            Impact::Major,
        )],
    },
    // A new variant is major only for exhaustive enums [enum-variant-new]; `PlanKind` is
    // `#[non_exhaustive]`, so every match already has a wildcard arm. Values that decoded as `Other` now
    // decode as the new variant, which the report says. Minor.
    Edit {
        name: "new enum value",
        replace: &[("enum: [IM, MAU]", "enum: [IM, MAU, ENTERPRISE]")],
        expected: &[(
            "new enum value `ENTERPRISE`: new variant `PlanKind::Enterprise` in a `#[non_exhaustive]` enum; `ENTERPRISE` used to decode as `PlanKind::Other(\"ENTERPRISE\")`, now as `PlanKind::Enterprise`: minor",
            Impact::Minor,
        )],
    },
    // A variant is removed [item-remove]. Major.
    Edit {
        name: "enum value removed",
        replace: &[("enum: [IM, MAU]", "enum: [IM]")],
        expected: &[(
            "enum value `MAU` removed: variant `PlanKind::Mau` removed; `MAU` now decodes as `PlanKind::Other(\"MAU\")`: major",
            Impact::Major,
        )],
    },
    // Integer enums are newtypes over `i64`: a new associated constant [item-new]. Minor.
    Edit {
        name: "new integer enum value",
        replace: &[(
            "enum: [1, 2]\n      x-enum-varnames: [LOW, HIGH]",
            "enum: [1, 2, 3]\n      x-enum-varnames: [LOW, HIGH, URGENT]",
        )],
        expected: &[("new enum value `3`: new associated constant `Priority::URGENT`: minor", Impact::Minor)],
    },
    // A new variant of a `#[non_exhaustive]` enum [enum-variant-new does not apply]. Minor.
    Edit {
        name: "new union alternative",
        replace: &[("        - type: integer\n", "        - type: integer\n        - type: boolean\n")],
        expected: &[(
            "new alternative `bool`: new variant `Attachment::Boolean(bool)` in a `#[non_exhaustive]` enum; a value that fits `bool` best now decodes as `Attachment::Boolean`: minor",
            Impact::Minor,
        )],
    },
    // A variant is removed [item-remove]. Major.
    Edit {
        name: "union alternative removed",
        replace: &[("        - type: integer\n", "")],
        expected: &[("alternative `i64` removed: variant `Attachment::Integer` removed: major", Impact::Major)],
    },
    // A new public type [item-new]. Minor.
    Edit {
        name: "new type",
        replace: &[(
            "  schemas:\n",
            "  schemas:\n    Invoice:\n      type: object\n      properties:\n        total:\n          type: number\n",
        )],
        expected: &[("new schema `Invoice`: new public type `Invoice` (a struct): minor", Impact::Minor)],
    },
    // A new inherent method on `Client` and a new request type [item-new, impl-item-new]. The
    // operation's reply is `()`, so no new reply type. Minor.
    Edit {
        name: "new operation",
        replace: &[(
            "  /api/AddNote:\n",
            "  /api/DeleteNote:\n    post:\n      operationId: DeleteNote\n      summary: Delete a note.\n      responses:\n        '200':\n          description: ok\n  /api/AddNote:\n",
        )],
        expected: &[(
            "new operation `DeleteNote` (`POST /api/DeleteNote`): new inherent method `Client::delete_note` and new type `DeleteNoteRequest`: minor",
            Impact::Minor,
        )],
    },
    // A new operation whose inline reply is spelled like two existing ones, under a shorter
    // name: its type becomes the shared definition and the old names alias it. Every old name
    // still denotes the same type with the same fields, so only the additions show. Minor.
    Edit {
        name: "new operation with a reply spelled like others",
        replace: &[(
            "  /api/AddNote:\n",
            "  /api/Ping:\n    post:\n      operationId: Ping\n      summary: Ping.\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                required: [result]\n                properties:\n                  result:\n                    type: integer\n                    format: int64\n  /api/AddNote:\n",
        )],
        expected: &[
            (
                "new operation `Ping` (`POST /api/Ping`): new inherent method `Client::ping` and new type `PingRequest`: minor",
                Impact::Minor,
            ),
            ("new inline schema in `POST /api/Ping`: new public type `PingResponse` (a struct): minor", Impact::Minor),
        ],
    },
    // `Client::add_note` and `AddNoteRequest` are removed [item-remove], with the reply type, and
    // `Note` loses its constructor (nothing sends it any more). Major.
    Edit {
        name: "operation removed",
        replace: &[(
            "  /api/AddNote:\n    post:\n      operationId: AddNote\n",
            "  /api/AddNote:\n    x-removed:\n      operationId: AddNote\n",
        )],
        expected: &[
            (
                "operation `AddNote` removed (`POST /api/AddNote`): `Client::add_note` and `AddNoteRequest` are removed: major",
                Impact::Major,
            ),
            (
                "inline schema in `POST /api/AddNote` removed: public type `AddNoteResponse` removed: major",
                Impact::Major,
            ),
            (
                "`Note` is no longer sent in requests: `Note`'s constructor and setters are removed: major",
                Impact::Major,
            ),
        ],
    },
    // A rename is a removal [item-remove] plus an addition [item-new], and the report says so. Major.
    Edit {
        name: "operation renamed",
        replace: &[("operationId: AddNote", "operationId: CreateNote")],
        expected: &[
            (
                "new operation `CreateNote` (`POST /api/AddNote`) (replaces `AddNote` at the same endpoint: a rename is a removal plus an addition): new inherent method `Client::create_note` and new type `CreateNoteRequest`: minor",
                Impact::Minor,
            ),
            (
                "operation `AddNote` removed; `CreateNote` now serves `POST /api/AddNote` (a rename is a removal plus an addition): `Client::add_note` and `AddNoteRequest` are removed: major",
                Impact::Major,
            ),
            (
                "inline schema in `POST /api/AddNote` is now named `CreateNoteResponse` (a rename is a removal plus an addition): public type `AddNoteResponse` removed: major",
                Impact::Major,
            ),
            (
                "new inline schema in `POST /api/AddNote`; it replaces `AddNoteResponse` (a rename is a removal plus an addition): new public type `CreateNoteResponse` (a struct): minor",
                Impact::Minor,
            ),
        ],
    },
    // A new setter on a request whose fields are private [item-new]. Minor.
    Edit {
        name: "new optional parameter",
        replace: &[(
            "                plan_id:\n",
            "                comment:\n                  type: string\n                plan_id:\n",
        )],
        expected: &[(
            "new optional parameter `comment`: new setter `ChangePlanRequest::comment(impl Into<String>)`; the request's fields are private: minor",
            Impact::Minor,
        )],
    },
    // `ChangePlanRequest::new` gains an argument [fn-change-arity]. Major.
    Edit {
        name: "new required parameter",
        replace: &[
            ("required: [plan_type]", "required: [plan_type, reason]"),
            (
                "                plan_id:\n",
                "                reason:\n                  type: string\n                plan_id:\n",
            ),
        ],
        expected: &[(
            "new required parameter `reason`: `ChangePlanRequest::new` gains an argument `reason: impl Into<String>`: major",
            Impact::Major,
        )],
    },
    // The setter is removed [item-remove]. Major.
    Edit {
        name: "parameter removed",
        replace: &[(
            "                plan_id:\n                  type: integer\n                  format: int64\n                  description: The plan to switch to.\n",
            "",
        )],
        expected: &[("parameter `plan_id` removed: setter `ChangePlanRequest::plan_id` removed: major", Impact::Major)],
    },
    // The setter's argument type changes (`i64` → `impl Into<String>`); callers passing an `i64`
    // break [fn-generalize-mismatch]. Major.
    Edit {
        name: "parameter retyped",
        replace: &[(
            "                plan_id:\n                  type: integer\n                  format: int64\n",
            "                plan_id:\n                  type: string\n",
        )],
        expected: &[(
            "parameter `plan_id` retyped: `ChangePlanRequest::plan_id` takes `impl Into<String>` instead of `i64`: major",
            Impact::Major,
        )],
    },
    // `new` gains an argument [fn-change-arity] and the setter goes [item-remove]. Major.
    Edit {
        name: "parameter now required",
        replace: &[("required: [plan_type]", "required: [plan_type, plan_id]")],
        expected: &[(
            "parameter `plan_id` is now required: `ChangePlanRequest::new` gains an argument `plan_id: i64`; the setter `ChangePlanRequest::plan_id` is removed: major",
            Impact::Major,
        )],
    },
    // `new` loses an argument [fn-change-arity]; the new `Default` impl is an addition. Major.
    Edit {
        name: "parameter now optional",
        replace: &[("              required: [plan_type]\n", "")],
        expected: &[
            (
                "parameter `plan_type` is now optional: `ChangePlanRequest::new` loses its argument `plan_type`; set it with `ChangePlanRequest::plan_type(PlanKind)`: major",
                Impact::Major,
            ),
            (
                "the request no longer has required inputs: `ChangePlanRequest` now implements `Default`: minor",
                Impact::Minor,
            ),
        ],
    },
    // Defaults are documentation and server behaviour; no signature changes. Patch.
    Edit {
        name: "parameter default changed",
        replace: &[("default: true", "default: false")],
        expected: &[(
            "default of parameter `with_balance` changed from `true` to `false`: the Rust API is the same; requests that leave `with_balance` unset get the server's new default: patch",
            Impact::Patch,
        )],
    },
    // Where a value travels is invisible in the Rust API. Patch.
    Edit {
        name: "parameter moved to the query",
        replace: &[
            (
                "                count:\n                  type: integer\n                  format: int64\n                offset:",
                "                offset:",
            ),
            (
                "      operationId: ListAccounts\n",
                "      operationId: ListAccounts\n      parameters:\n        - name: count\n          in: query\n          schema:\n            type: integer\n            format: int64\n",
            ),
        ],
        expected: &[(
            "parameter `count` moved from the form body to the query string: the Rust API is the same; only the request on the wire changes: patch",
            Impact::Patch,
        )],
    },
    // Only the default retry behaviour changes; signatures stay. Patch.
    Edit {
        name: "no longer idempotent",
        replace: &[(
            "      operationId: GetAccount\n      summary: Get an account.\n      x-idempotent: true\n",
            "      operationId: GetAccount\n      summary: Get an account.\n",
        )],
        expected: &[(
            "`x-idempotent` unset: `Client::get_account` is no longer retried by default; its signature is the same: patch",
            Impact::Patch,
        )],
    },
    // `Client::list_accounts_stream` is removed [item-remove]. Major.
    Edit {
        name: "pagination removed",
        replace: &[("      x-pagination: {offset: offset, limit: count, items: result, total: total_count}\n", "")],
        expected: &[("operation is no longer paged: `Client::list_accounts_stream` removed: major", Impact::Major)],
    },
    // The method's return type changes and the old reply type is removed [item-remove]. Major.
    Edit {
        name: "reply type changed",
        replace: &[(
            "              schema:\n                type: object\n                required: [result]\n                properties:\n                  result:\n                    $ref: '#/components/schemas/Account'\n",
            "              schema:\n                $ref: '#/components/schemas/Account'\n",
        )],
        expected: &[
            (
                "reply type changed: `Client::get_account` returns `Result<Account, Error>` instead of `Result<GetAccountResponse, Error>`: major",
                Impact::Major,
            ),
            (
                "inline schema in `POST /api/GetAccount` removed: public type `GetAccountResponse` removed: major",
                Impact::Major,
            ),
        ],
    },
    // A new associated constant on `ErrorCode` [item-new]. Minor.
    Edit {
        name: "new error code",
        replace: &[("  - {code: 340,", "  - {code: 200, name: INVALID_PLAN, message: Invalid plan}\n  - {code: 340,")],
        expected: &[(
            "new error code 200 (Invalid plan): new associated constant `ErrorCode::INVALID_PLAN`: minor",
            Impact::Minor,
        )],
    },
    // An associated constant is removed [item-remove]. Major.
    Edit {
        name: "error code removed",
        replace: &[("  - {code: 100, name: AUTHORIZATION_FAILED, message: Authorization failed}\n", "")],
        expected: &[(
            "error code 100 removed: associated constant `ErrorCode::AUTHORIZATION_FAILED` removed: major",
            Impact::Major,
        )],
    },
    // Only retry behaviour changes. Patch.
    Edit {
        name: "error code retry class",
        replace: &[("message: Too many requests, retryable: true}", "message: Too many requests}")],
        expected: &[(
            "error code 340 retry class changed: calls failing with `ErrorCode::RATE_LIMIT_EXCEEDED` are no longer retried; the Rust API is the same: patch",
            Impact::Patch,
        )],
    },
    // A new way to authenticate; existing clients are unaffected [item-new]. Minor.
    Edit {
        name: "new auth scheme",
        replace: &[
            ("security:\n  - bearer: []\n", "security:\n  - bearer: []\n  - apiKey: []\n"),
            (
                "    bearer:\n      type: http\n      scheme: bearer\n",
                "    bearer:\n      type: http\n      scheme: bearer\n    apiKey:\n      type: apiKey\n      in: header\n      name: X-Api-Key\n",
            ),
        ],
        expected: &[(
            "new security scheme: API key (X-Api-Key): a new way to authenticate (`Auth::api_key`); existing clients keep working: minor",
            Impact::Minor,
        )],
    },
    // Every dependant's Cargo.toml and paths break, as if every item were removed [item-remove]. Major.
    Edit {
        name: "crate renamed",
        replace: &[("x-rust-crate: shop-client", "x-rust-crate: shop-api")],
        expected: &[(
            "`x-rust-crate` changed from `shop-client` to `shop-api`: dependants of `shop-client` must change their Cargo.toml and paths: major",
            Impact::Major,
        )],
    },
];

#[test]
fn every_edit_gives_its_report_lines() {
    let mut failures = Vec::new();
    for edit in EDITS {
        let report = report(edit);
        let actual: Vec<(String, Impact)> =
            report.changes.iter().map(|change| (change.to_string(), change.impact)).collect();
        let expected: Vec<(String, Impact)> =
            edit.expected.iter().map(|(line, impact)| ((*line).to_owned(), *impact)).collect();
        if actual != expected {
            failures.push(format!("{}:\n  expected {expected:#?}\n  actual {actual:#?}", edit.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(EDITS.len() >= 25, "the table covers at least 25 edits");
}

/// A realistic update: a new optional reply field, a new enum value and a new required parameter.
const REALISTIC: &[(&str, &str)] = &[
    (
        "        plan:\n          $ref: '#/components/schemas/PlanKind'\n",
        "        plan:\n          $ref: '#/components/schemas/PlanKind'\n        balance:\n          type: number\n",
    ),
    ("enum: [IM, MAU]", "enum: [IM, MAU, ENTERPRISE]"),
    ("required: [plan_type]", "required: [plan_type, reason]"),
    (
        "                plan_id:\n",
        "                reason:\n                  type: string\n                plan_id:\n",
    ),
];

fn realistic(version: &'static str) -> Report {
    let edit = Edit { name: "realistic", replace: REALISTIC, expected: &[] };
    let text = apply(&edit).replace("x-rust-crate-version: 0.3.0", version);
    codegen::diff::compare(&lower(BASE), &lower(&text))
}

/// The reverse of "inline schemas no longer alike": two schemas become alike, and one type
/// stands under both names. Nothing that compiled breaks. Minor.
#[test]
fn schemas_that_become_alike_share_one_type_under_both_names() {
    let edit = EDITS.iter().find(|edit| edit.name == "inline schemas no longer alike").expect("the edit");
    let report = codegen::diff::compare(&lower(&apply(edit)), &lower(BASE));
    let lines: Vec<(String, Impact)> =
        report.changes.iter().map(|change| (change.to_string(), change.impact)).collect();
    assert_eq!(
        lines,
        [
            (
                "the schemas of `AddNoteResponse` and `ChangePlanResponse` are now alike: `AddNoteResponse` and `ChangePlanResponse` are now one type under two names: minor".to_owned(),
                Impact::Minor
            ),
            (
                "docs of property `result` changed: only the doc comment of `ChangePlanResponse.result` changes: patch".to_owned(),
                Impact::Patch
            ),
        ]
    );
}

#[test]
fn identical_specs_have_no_changes() {
    let report = codegen::diff::compare(&lower(BASE), &lower(BASE));
    assert!(report.changes.is_empty(), "{:#?}", report.changes);
    assert_eq!(report.required(), None);
    assert!(!report.breaking_unmatched());
    assert_eq!(report.markdown().lines().next(), Some("**No API change** (`shop-client` 0.3.0 → 0.3.0)."));
}

#[test]
fn a_major_change_needs_a_major_version_bump() {
    // 0.x: the minor digit is the major one.
    for (version, unmatched) in [
        ("x-rust-crate-version: 0.3.0", true),
        ("x-rust-crate-version: 0.3.1", true),
        ("x-rust-crate-version: 0.4.0", false),
        ("x-rust-crate-version: 1.0.0", false),
    ] {
        let report = realistic(version);
        assert_eq!(report.required(), Some(Impact::Major));
        assert_eq!(report.breaking_unmatched(), unmatched, "{version}");
    }
    assert_eq!(realistic("x-rust-crate-version: 0.3.0").release_version(), "0.4.0");
    assert_eq!(realistic("x-rust-crate-version: 0.5.0").release_version(), "0.5.0");
}

#[test]
fn markdown_starts_with_the_bump_and_counts_then_one_table_per_subject() {
    let markdown = realistic("x-rust-crate-version: 0.3.0").markdown();
    let first = markdown.lines().next().unwrap_or_default();
    assert_eq!(
        first,
        "**Required bump: major** · 3 changes (1 major, 2 minor, 0 patch) · `shop-client` 0.3.0 → 0.3.0: \
         not a major release: set `x-rust-crate-version` to 0.4.0"
    );
    for heading in
        ["#### Operation `ChangePlan` (`Client::change_plan`)", "#### Type `Account`", "#### Type `PlanKind`"]
    {
        assert!(markdown.contains(heading), "{heading} in:\n{markdown}");
    }
    assert!(markdown.contains(
        "| new required parameter `reason` | `ChangePlanRequest::new` | **major** | `ChangePlanRequest::new` gains an argument `reason: impl Into<String>` |"
    ));
    let bumped = realistic("x-rust-crate-version: 0.4.0").markdown();
    assert!(bumped.lines().next().unwrap_or_default().ends_with("0.3.0 → 0.4.0 is a major release: OK"), "{bumped}");
}

#[test]
fn changelog_is_sentences_under_headings() {
    let changelog = realistic("x-rust-crate-version: 0.4.0").changelog();
    let expected = "## 0.4.0

### Breaking changes

- `ChangePlan` takes a new required parameter `reason`: `ChangePlanRequest::new` gains an argument `reason: impl Into<String>`.

### Added

- `Account` has a new optional field `balance` (`Option<f64>`).
- `PlanKind` knows the value `ENTERPRISE` (`PlanKind::Enterprise`); it used to arrive as `PlanKind::Other`.
";
    assert_eq!(changelog, expected);
}

#[test]
fn json_carries_the_verdict_and_every_change() {
    let json: serde_json::Value =
        serde_json::from_str(&realistic("x-rust-crate-version: 0.3.0").json()).expect("the report is JSON");
    assert_eq!(json["required"], "major");
    assert_eq!(json["breaking_unmatched"], true);
    assert_eq!(json["release_version"], "0.4.0");
    assert_eq!(json["counts"]["minor"], 2);
    let kinds: Vec<&str> =
        json["changes"].as_array().into_iter().flatten().filter_map(|change| change["kind"].as_str()).collect();
    assert_eq!(kinds, ["parameter-added", "field-added", "enum-value-added"]);
    assert_eq!(
        json["changes"][0]["subject"],
        serde_json::json!({"kind": "operation", "id": "ChangePlan", "method": "change_plan"})
    );
}

/// An operation whose successes differ by status returns an enum of them: a new documented
/// success status is a new variant of a `#[non_exhaustive]` enum [enum-variant-new]. Minor.
#[test]
fn a_new_success_status_is_a_new_variant_of_the_reply_enum() {
    let accepted = "        '202':\n          description: Queued.\n          content:\n            application/json:\n              schema: {type: object, required: [job], properties: {job: {type: string}}}\n";
    let created = "        '201':\n          description: Created.\n          content:\n            text/plain:\n              schema: {type: string}\n";
    let anchor = "                properties:\n                  result:\n                    type: integer\n                    format: int64\n";
    assert_eq!(BASE.matches(anchor).count(), 2, "ChangePlan and AddNote end alike");
    // The second occurrence is AddNote's reply.
    let at = BASE.rfind(anchor).expect("AddNote's reply");
    let (head, tail) = BASE.split_at(at + anchor.len());
    let before = format!("{head}{accepted}{tail}");
    let after = format!("{head}{created}{accepted}{tail}");
    let report = codegen::diff::compare(&lower(&before), &lower(&after));
    let lines: Vec<String> = report.changes.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "new documented success reply HTTP 201: new variant `AddNoteResponse::Status201(String)` in a `#[non_exhaustive]` enum: minor"
        ],
        "{lines:#?}"
    );
    assert_eq!(report.required(), Some(Impact::Minor));
}

#[test]
fn the_variant_for_unlisted_tags_is_tracked_when_it_is_renamed_or_goes() {
    let spec = |schemas: &str| {
        format!(
            "openapi: 3.0.3\ninfo: {{title: Zoo, version: '1'}}\npaths:\n  /animal:\n    get:\n      operationId: getAnimal\n      \
             responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              \
             schema: {{$ref: '#/components/schemas/Animal'}}\ncomponents:\n  schemas:\n{schemas}"
        )
    };
    let cat = "    Cat: {type: object, required: [kind], properties: {kind: {type: string}, lives: {type: integer}}}\n    Dog: {type: object, required: [kind], properties: {kind: {type: string}, bark: {type: string}}}\n";
    let unknown = "    Unknown: {type: object, required: [kind], properties: {kind: {type: string}}}\n";
    let tagged =
        |refs: &str| format!("    Animal:\n      oneOf: [{refs}]\n      discriminator: {{propertyName: kind}}\n");
    let both = "{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}";
    let before = spec(&format!("{}{cat}", tagged(both)));
    let renamed =
        spec(&format!("{}{cat}{unknown}", tagged(&format!("{both}, {{$ref: '#/components/schemas/Unknown'}}"))));
    let report = codegen::diff::compare(&lower(&before), &lower(&renamed));
    let lines: Vec<String> = report.changes.iter().map(ToString::to_string).collect();
    assert!(
        lines.iter().any(|line| line
            .contains("`Animal::Unknown` removed; a value with a tag no alternative has is `Animal::Unknown2`")),
        "{lines:#?}"
    );
    assert_eq!(report.required(), Some(Impact::Major));
    // Without the discriminator, the variant goes.
    let untagged = spec(&format!("    Animal:\n      oneOf: [{both}]\n{cat}"));
    let report = codegen::diff::compare(&lower(&before), &lower(&untagged));
    let lines: Vec<String> = report.changes.iter().map(ToString::to_string).collect();
    assert!(lines.iter().any(|line| line.contains("fails to decode")), "{lines:#?}");
    // Unchanged, nothing is said.
    assert!(codegen::diff::compare(&lower(&before), &lower(&before)).changes.is_empty());
}
