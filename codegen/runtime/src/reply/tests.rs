use super::*;

#[test]
fn a_reply_that_may_be_missing_is_none_when_empty_and_decoded_otherwise() {
    let secrets = Secrets::default();
    let empty = <MaybeJson<Vec<i64>> as ReplyFormat>::decode(StatusCode::OK, b"", &secrets);
    assert!(matches!(empty, Ok(None)));
    let blank = <MaybeJson<Vec<i64>> as ReplyFormat>::decode(StatusCode::OK, b" \r\n", &secrets);
    assert!(matches!(blank, Ok(None)));
    let full = <MaybeJson<Vec<i64>> as ReplyFormat>::decode(StatusCode::OK, b"[1, 2]", &secrets);
    assert_eq!(full.ok().flatten(), Some(vec![1, 2]));
    let wrong = <MaybeJson<Vec<i64>> as ReplyFormat>::decode(StatusCode::OK, b"{\"a\": 1}", &secrets);
    assert!(matches!(wrong, Err(Error::Decode { .. })));
}
