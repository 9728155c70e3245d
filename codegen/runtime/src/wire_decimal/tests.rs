use super::*;
use crate::error::{Error, decode};
use crate::redact::Secrets;
use std::str::FromStr;

#[derive(Debug, serde::Deserialize)]
struct Price {
    price: Decimal,
    #[serde(default)]
    discount: Option<Decimal>,
}

#[test]
fn json_number_text_survives_exactly() {
    let price: Price = serde_json::from_str(r#"{"price":12345678901234.56789}"#).expect("decodes");
    assert_eq!(price.price.to_string(), "12345678901234.56789");
    assert_eq!(price.discount, None);
    // Numbers f64 would round, and decimal strings, both read exactly.
    let price: Price = serde_json::from_str(r#"{"price":0.3,"discount":"0.1"}"#).expect("decodes");
    assert_eq!(price.price.to_string(), "0.3");
    assert_eq!(price.discount.map(|d| d.to_string()).as_deref(), Some("0.1"));
}

#[test]
fn decimals_through_the_client_decoder() {
    let price: Price = decode(br#"{"price":7.10}"#, &Secrets::default()).expect("decodes");
    assert_eq!(price.price.to_string(), "7.10");
    // The failure path names the field, not serde_json's private number token.
    let error = decode::<Price>(br#"{"price":7.10,"discount":1e400}"#, &Secrets::default());
    match error {
        Err(Error::Decode { path, .. }) => assert_eq!(path, "discount"),
        other => panic!("{other:?}"),
    }
    let error = decode::<Decimal>(b"1e400", &Secrets::default());
    assert!(matches!(error, Err(Error::Decode { ref path, .. }) if path == "."), "{error:?}");
}

#[test]
fn parameters_use_plain_notation() {
    let value = Decimal::from_str("12345678901234.56789").expect("valid");
    assert_eq!(value.to_param(), "12345678901234.56789");
    assert_eq!(Decimal::from_str("-0.50").expect("valid").to_param(), "-0.50");
    assert_eq!(Decimal::from_scientific("1e-7").expect("valid").to_param(), "0.0000001");
    assert_eq!(Decimal::from(42).to_param(), "42");
}
