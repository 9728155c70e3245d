//! Exact decimals (money) as parameters. Fields decode through `rust_decimal`'s own serde
//! support, reading the JSON number text (serde_json `arbitrary_precision`), never an `f64`.

use rust_decimal::Decimal;

use super::wire::ToParam;

/// Plain notation with `.` as separator, keeping the scale (`12.50` stays `12.50`).
impl ToParam for Decimal {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

#[cfg(test)]
mod tests;
