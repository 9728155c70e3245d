use super::*;

fn with(values: &[&'static str], fields: &'static [&'static str]) -> Secrets<'static> {
    let mut secrets = Secrets::new(fields);
    for value in values {
        secrets.add(*value);
    }
    secrets
}

#[test]
fn excerpts_are_short_cut_on_char_boundaries_and_redacted() {
    let long = "é".repeat(3000);
    let cut = Secrets::default().excerpt(long.as_bytes());
    assert_eq!(cut.chars().count(), MAX_TEXT_CHARS);
    assert!(cut.ends_with('…'));
    assert!(cut.starts_with("éé"));

    let exact = "ü".repeat(MAX_TEXT_CHARS);
    assert_eq!(Secrets::default().excerpt(exact.as_bytes()), exact);

    let invalid = [b'a', 0xff, b'b'];
    assert_eq!(Secrets::default().excerpt(&invalid), "a\u{fffd}b");

    let body = br#"{"result":{"api_key":"secret-key-123"}}"#;
    assert_eq!(with(&["secret-key-123", ""], &[]).excerpt(body), r#"{"result":{"api_key":"<redacted>"}}"#);
    let fields = with(&[], &["api_key"]);
    let body = br#"[{"api_key" : "a\"b", "x":1},{"api_key":"cut-off"#;
    assert_eq!(fields.excerpt(body), r#"[{"api_key" : "<redacted>", "x":1},{"api_key":"<redacted>""#);
    assert_eq!(fields.excerpt(br#"{"api_key":7}"#), r#"{"api_key":7}"#);
}

#[test]
fn json_escaped_and_overlapping_secrets_are_hidden() {
    let secrets = with(&["pa\"ss/word", "abc", "abcdef"], &[]);
    assert_eq!(secrets.redact(r#"{"msg":"bad pa\"ss/word"}"#), r#"{"msg":"bad <redacted>"}"#);
    assert_eq!(secrets.redact("key abcdef"), "key <redacted>");
    // A secret that ends in a quote: its JSON spelling ends in `\"`, which must be hidden whole.
    let quoted = with(&["tail\"", "\"head"], &[]);
    assert_eq!(quoted.redact(r#"{"a":"tail\"","b":"\"head"}"#), r#"{"a":"<redacted>","b":"<redacted>"}"#);
}

#[test]
fn anything_shaped_like_a_jwt_is_hidden() {
    let token = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjF9.c2lnbmF0dXJl-_x";
    let text = format!("Authorization: Bearer {token}; not eyJ a token, eyJshort.a.b stays");
    let shown = Secrets::default().redact(&text);
    assert_eq!(shown, "Authorization: Bearer <redacted>; not eyJ a token, eyJshort.a.b stays");
}

#[test]
fn messages_are_capped_after_redaction() {
    let secret = "s3cr3t-value";
    let text = format!("{}{secret}", "x".repeat(MAX_TEXT_CHARS - 3));
    let shown = with(&[secret], &[]).message(&text);
    assert!(!shown.contains("s3c"), "{shown}");
    assert_eq!(shown.chars().count(), MAX_TEXT_CHARS);
    let huge = "y".repeat(1 << 20);
    assert_eq!(Secrets::default().message(&huge).chars().count(), MAX_TEXT_CHARS);
    assert_eq!(Secrets::default().message("short"), "short");
}
