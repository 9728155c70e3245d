//! Fuzzed replies: every recorded reply under `tests/recorded/`, mutated (truncated, values
//! swapped for other types, huge numbers, deep nesting, invalid UTF-8, duplicate keys, error
//! envelopes of the wrong shape), is interpreted by the client as it would be off the wire.
//! Each must come back as a value or a typed `Error` with a bounded message, never a panic.
//!
//! 256 cases in the suite; by hand: `PROPTEST_CASES=100000 cargo test -p tests --release --test fuzz_replies`.

#![cfg(test)]

use proptest::prelude::*;
use reqwest::StatusCode;
use serde_json::Value;
use voximplant_client::runtime::reply::Json;
use voximplant_client::{Auth, Client, Error};

/// Decodes `body` as the reply of `operation`, as the client does.
macro_rules! decode_as {
    ($client:expr, $operation:expr, $status:expr, $body:expr, [$($name:literal => $ty:ident),* $(,)?]) => {
        match $operation {
            $($name => $client.decode_reply::<Json<voximplant_client::$ty>>($status, $body).map(|_| ()),)*
            other => panic!("no response type for {other}"),
        }
    };
}

fn interpret(client: &Client, operation: &str, status: StatusCode, body: &[u8]) -> Result<(), Error> {
    decode_as!(client, operation, status, body, [
        "ChangeAccountPlan" => ChangeAccountPlanResponse,
        "GetAccountDocuments" => GetAccountDocumentsResponse,
        "GetAccountInfo" => GetAccountInfoResponse,
        "GetAccountPlans" => GetAccountPlansResponse,
        "GetAccountVerifications" => GetAccountVerificationsResponse,
        "GetAvailablePlans" => GetAvailablePlansResponse,
        "GetChildrenAccounts" => GetChildrenAccountsResponse,
        "GetCurrencyRate" => GetCurrencyRateResponse,
        "GetMoneyAmountToCharge" => GetMoneyAmountToChargeResponse,
        "GetResourcePrice" => GetResourcePriceResponse,
        "GetSubscriptionPrice" => GetSubscriptionPriceResponse,
        "SetAccountInfo" => SetAccountInfoResponse,
        "SetChildAccountInfo" => SetChildAccountInfoResponse,
    ])
}

/// (operation, reply body) of every recording.
fn recordings() -> &'static [(String, Vec<u8>)] {
    static ALL: std::sync::OnceLock<Vec<(String, Vec<u8>)>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("recorded");
        let mut all = Vec::new();
        let mut dirs: Vec<_> =
            std::fs::read_dir(&root).expect("recorded").map(|entry| entry.expect("entry").path()).collect();
        dirs.sort();
        for dir in dirs.iter().filter(|path| path.is_dir()) {
            let operation = dir.file_name().expect("name").to_string_lossy().into_owned();
            let mut files: Vec<_> =
                std::fs::read_dir(dir).expect("dir").map(|entry| entry.expect("entry").path()).collect();
            files.sort();
            for file in files.iter().filter(|path| path.to_string_lossy().ends_with(".response.json")) {
                all.push((operation.clone(), std::fs::read(file).expect("readable")));
            }
        }
        assert!(all.len() >= 20, "recordings found: {}", all.len());
        all
    })
}

fn client() -> &'static Client {
    static CLIENT: std::sync::OnceLock<Client> = std::sync::OnceLock::new();
    CLIENT.get_or_init(|| Client::builder().auth(Auth::api_key(1, "fuzz-secret-key")).build().expect("client"))
}

/// Paths to every node of `value`, in document order.
fn nodes(value: &Value, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(path.clone());
    match value {
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                path.push(Step::Index(index));
                nodes(item, path, out);
                path.pop();
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                path.push(Step::Key(key.clone()));
                nodes(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Index(usize),
    Key(String),
}

fn node_mut<'a>(value: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(value, |node, step| match step {
        Step::Index(index) => &mut node[*index],
        Step::Key(key) => &mut node[key.as_str()],
    })
}

/// Values of other types, odd numbers and shapes.
fn replacement(choice: u64) -> Value {
    match choice % 14 {
        0 => Value::Null,
        1 => Value::Bool(choice.is_multiple_of(3)),
        2 => Value::String(String::new()),
        3 => Value::String("fuzz-secret-key 2024-13-45 99:99:99 NaN".into()),
        4 => serde_json::json!(-1),
        5 => serde_json::json!(i64::MIN),
        6 => serde_json::json!(u64::MAX),
        7 => serde_json::json!(1.5e300),
        8 => serde_json::json!([]),
        9 => serde_json::json!({}),
        10 => serde_json::json!([1, "two", null, {"x": []}]),
        11 => serde_json::json!({"code": "x", "msg": 5}),
        12 => serde_json::json!(0.1),
        _ => Value::String("é\u{0}\u{fffd}".repeat(100)),
    }
}

/// Text that no `Value` can hold: huge numbers and deep nesting, put in place of `marker`.
fn raw_replacement(choice: u64) -> String {
    match choice % 6 {
        0 => "1e999999".into(),
        1 => "-123456789012345678901234567890123456789".into(),
        2 => "123456789012345678901234567890.1234567890123456789".into(),
        3 => format!("{}1{}", "[".repeat(200), "]".repeat(200)),
        4 => format!("{}{}", "{\"a\":".repeat(5000), "}".repeat(5000)),
        _ => format!("{}0", "0".repeat(5000)),
    }
}

const MARKER: &str = "\"__fuzz_marker__\"";

fn mutate(body: &[u8], kind: u8, at: usize, choice: u64) -> Vec<u8> {
    let mut value: Value = serde_json::from_slice(body).expect("recordings are JSON");
    let mut paths = Vec::new();
    nodes(&value, &mut Vec::new(), &mut paths);
    let path = &paths[at % paths.len()];
    match kind % 8 {
        // Truncation.
        0 => body[..at % (body.len() + 1)].to_vec(),
        // Another type.
        1 => {
            *node_mut(&mut value, path) = replacement(choice);
            serde_json::to_vec(&value).expect("JSON")
        }
        // Huge numbers and deep nesting.
        2 => {
            *node_mut(&mut value, path) = Value::String("__fuzz_marker__".into());
            serde_json::to_string(&value).expect("JSON").replace(MARKER, &raw_replacement(choice)).into_bytes()
        }
        // Invalid UTF-8 inside the text.
        3 => {
            let mut bytes = body.to_vec();
            let position = at % (bytes.len() + 1);
            bytes.splice(position..position, [0xff, 0xc3, (choice & 0xff) as u8]);
            bytes
        }
        // A duplicate key: the object's first key repeated with another value.
        4 => {
            let text = serde_json::to_string(&value).expect("JSON");
            let Some(open) = text.match_indices("{\"").nth(at % text.matches("{\"").count().max(1)).map(|(i, _)| i)
            else {
                return text.into_bytes();
            };
            let key_end = text[open + 2..].find('"').map(|end| open + 2 + end).unwrap_or(open + 2);
            let key = &text[open + 1..=key_end];
            let duplicate = format!("{{{key}:{},", replacement(choice));
            format!("{}{}{}", &text[..open], duplicate, &text[open + 1..]).into_bytes()
        }
        // Error envelopes of the wrong shape.
        5 => {
            let envelope = serde_json::json!({"error": replacement(choice), "errors": replacement(choice / 7)});
            serde_json::to_vec(&envelope).expect("JSON")
        }
        6 => {
            let mut envelope = serde_json::json!({"error": {"code": 100, "msg": "Authorization failed"}, "errors": []});
            *node_mut(&mut envelope, &[Step::Key(if choice.is_multiple_of(2) { "error" } else { "errors" }.into())]) =
                serde_json::json!({"code": replacement(choice), "msg": replacement(choice / 3)});
            serde_json::to_vec(&envelope).expect("JSON")
        }
        // Two mutations at once.
        _ => {
            let once = mutate(body, 1, at, choice);
            mutate(&once, 2, at / 3, choice / 5)
        }
    }
}

fn check(operation: &str, status: StatusCode, body: &[u8]) {
    if let Err(error) = interpret(client(), operation, status, body) {
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains("fuzz-secret-key"), "a secret in {shown}");
        assert!(shown.len() < 8 * 1024, "an unbounded message of {} bytes", shown.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_replies_decode_or_fail_with_a_typed_error(
        recording in any::<usize>(),
        kind in any::<u8>(),
        at in any::<usize>(),
        choice in any::<u64>(),
        status in prop::sample::select(vec![200u16, 200, 200, 400, 401, 500]),
    ) {
        let all = recordings();
        let (operation, body) = &all[recording % all.len()];
        let mutated = mutate(body, kind, at, choice);
        check(operation, StatusCode::from_u16(status).expect("status"), &mutated);
    }
}

#[test]
fn every_recording_is_interpreted_as_its_case_says() {
    for (operation, body) in recordings() {
        let result = interpret(client(), operation, StatusCode::OK, body);
        let is_error_case =
            serde_json::from_slice::<Value>(body).expect("JSON").get("error").is_some_and(|error| !error.is_null());
        assert_eq!(result.is_err(), is_error_case, "{operation}: {result:?}");
    }
}
