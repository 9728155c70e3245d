//! How parameter values are spelled on the wire.

/// A value that can be sent as one query, form or path parameter.
pub trait ToParam {
    /// The value as sent.
    fn to_param(&self) -> String;
}

impl ToParam for bool {
    fn to_param(&self) -> String {
        if *self { "true" } else { "false" }.to_owned()
    }
}

impl ToParam for i32 {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

impl ToParam for i64 {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

impl ToParam for u64 {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

/// Plain notation (`1e21` is sent as `1000000000000000000000`), `.` as separator.
impl ToParam for f64 {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

impl ToParam for str {
    fn to_param(&self) -> String {
        self.to_owned()
    }
}

impl ToParam for String {
    fn to_param(&self) -> String {
        self.clone()
    }
}

impl<T: ToParam + ?Sized> ToParam for &T {
    fn to_param(&self) -> String {
        (**self).to_param()
    }
}

/// A value as JSON, for a parameter or body sent as JSON (`what` names it in the error, which
/// only a broken `Serialize` impl can cause).
pub fn to_json<T: serde::Serialize + ?Sized>(value: &T, what: &str) -> Result<serde_json::Value, super::error::Error> {
    serde_json::to_value(value).map_err(|error| super::error::Error::InvalidRequest {
        message: format!("the {what} cannot be encoded as JSON: {error}"),
    })
}

/// Several values sent as one parameter, e.g. `1;2;3` for `delimiter = ";"`.
pub fn join<T: ToParam>(items: &[T], delimiter: &str) -> String {
    items.iter().map(ToParam::to_param).collect::<Vec<_>>().join(delimiter)
}

/// Percent-encodes `value` as one path segment: everything but RFC 3986 unreserved characters
/// is encoded, so `/`, `?` and `#` cannot change the URL's shape. `.` and `..` are refused
/// by the client when sending, as URL parsing would resolve them.
pub fn path_segment(value: &str) -> String {
    percent_encoded(value, |byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~'))
}

/// Percent-encodes `value` for a `{+name}` path variable (RFC 6570 reserved expansion, as
/// Google's `v1/{+name}` uses for `projects/p/locations/l`): `/` and the other reserved
/// characters stay, but `?`, `#`, `%` and `[`, `]` are encoded, so the value cannot add a query
/// or fragment. Dot segments (`..`) are refused by the client when sending.
pub fn path_reserved(value: &str) -> String {
    percent_encoded(value, |byte| {
        byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/' | b':' | b'@' | b'!' | b'$' | b'&' | b'\'')
            || matches!(byte, b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=')
    })
}

/// `value` with every byte `keep` refuses written as `%XX`.
fn percent_encoded(value: &str, keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if keep(byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(hex_digit(byte >> 4));
            out.push(hex_digit(byte & 0x0f));
        }
    }
    out
}

fn hex_digit(nibble: u8) -> char {
    char::from(b"0123456789ABCDEF"[usize::from(nibble & 0x0f)])
}

/// An object in the `simple` style of path and header parameters (and unexploded `form`
/// query objects): `key,value,key,value`, or `key=value,key=value` when exploded. Nested
/// values go as JSON text; a value that is not an object is sent as its text.
pub fn simple_object(value: &serde_json::Value, explode: bool) -> String {
    let serde_json::Value::Object(map) = value else { return scalar_text(value).unwrap_or_default() };
    let separator = if explode { "=" } else { "," };
    map.iter()
        .filter_map(|(key, item)| scalar_text(item).map(|text| format!("{key}{separator}{text}")))
        .collect::<Vec<_>>()
        .join(",")
}

/// An object parameter in `deepObject` style: `name[key]=value`, nested keys and list
/// indexes in further brackets (`card[number]=4242`, `items[0][price]=p_1`). Nulls are left out.
pub fn deep_object(name: &str, value: &serde_json::Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    flatten(name.to_owned(), value, &mut out);
    out
}

/// An object parameter in exploded `form` style: each top-level key is its own parameter;
/// nested values go as JSON text. A list is sent under `name` once per item, and any other
/// value under `name`.
pub fn exploded_object(name: &str, value: &serde_json::Value) -> Vec<(String, String)> {
    match value {
        serde_json::Value::Object(map) => {
            map.iter().filter_map(|(key, item)| scalar_text(item).map(|text| (key.clone(), text))).collect()
        }
        // A list (a union's list alternative, items of no fixed type): the name once per item.
        serde_json::Value::Array(items) => {
            items.iter().filter_map(|item| scalar_text(item).map(|text| (name.to_owned(), text))).collect()
        }
        other => scalar_text(other).map(|text| vec![(name.to_owned(), text)]).unwrap_or_default(),
    }
}

fn flatten(prefix: String, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                flatten(format!("{prefix}[{key}]"), item, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                flatten(format!("{prefix}[{index}]"), item, out);
            }
        }
        other => {
            if let Some(text) = scalar_text(other) {
                out.push((prefix, text));
            }
        }
    }
}

/// Strings as they are, numbers and booleans as JSON spells them, containers as JSON text.
fn scalar_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Null => None,
        serde_json::Value::String(text) => Some(text.clone()),
        other => Some(other.to_string()),
    }
}

/// The JSON keys of a struct, for the generated `Deserialize` impls: a key reads as its
/// position in the list (`None` for a key the struct does not know). One shared visitor instead
/// of a field enum per struct keeps the generated crate small to compile. The search starts
/// after the last key found, as replies usually list keys in the order the spec declares them.
#[derive(Debug)]
pub struct Keys {
    names: &'static [&'static str],
    next: usize,
}

impl Keys {
    /// The keys of one struct, in the spec's order.
    pub fn new(names: &'static [&'static str]) -> Self {
        Self { names, next: 0 }
    }

    /// The key's position: the one after the last key found first, then the ones further on,
    /// then the ones before, nearest first (a reply that swaps two neighbours costs two looks).
    fn position(&mut self, key: &[u8]) -> Option<usize> {
        let names = self.names;
        let start = self.next.min(names.len());
        let found = (start..names.len())
            .chain((0..start).rev())
            .find(|&index| names.get(index).is_some_and(|name| same(name.as_bytes(), key)))?;
        self.next = found + 1;
        Some(found)
    }
}

/// Byte equality a word at a time, inlined: a key is a few bytes long, and a call to `memcmp`
/// per comparison cost more than the comparisons themselves (a tenth of decoding a big page).
#[inline]
fn same(left: &[u8], right: &[u8]) -> bool {
    if left.len() != right.len() {
        return false;
    }
    let (left_words, left_rest) = left.as_chunks::<8>();
    let (right_words, right_rest) = right.as_chunks::<8>();
    left_words.iter().zip(right_words).all(|(left, right)| u64::from_ne_bytes(*left) == u64::from_ne_bytes(*right))
        && left_rest.iter().zip(right_rest).all(|(left, right)| left == right)
}

/// The first eight bytes as a big-endian number, zero-padded: numbers order as the texts
/// do, except that equal numbers leave the rest of the text to compare.
#[inline]
fn prefix(text: &[u8]) -> u64 {
    match text.first_chunk::<8>() {
        Some(word) => u64::from_be_bytes(*word),
        // Shifted in byte by byte: a copy into a zeroed word compiles to a call to `memcpy`.
        None => {
            let word = text.iter().fold(0_u64, |word, byte| (word << 8) | u64::from(*byte));
            word.checked_shl(u32::try_from(8 * (8 - text.len())).unwrap_or(0)).unwrap_or(0)
        }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for &mut Keys {
    type Value = Option<usize>;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl serde::de::Visitor<'_> for &mut Keys {
    type Value = Option<usize>;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("a field name")
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Option<usize>, E> {
        Ok(self.position(key.as_bytes()))
    }

    fn visit_bytes<E: serde::de::Error>(self, key: &[u8]) -> Result<Option<usize>, E> {
        Ok(self.position(key))
    }
}

/// A field's slot in the generated `Deserialize` impls, filled as its key comes (a repeated
/// key keeps the last value).
pub trait Slot<T> {
    /// Puts the value in the slot.
    fn store(&mut self, value: T);
}

impl<T> Slot<T> for Option<T> {
    /// Never inlined, on purpose: a slot whose address goes to a call stays in memory.
    /// Inlined, the compiler kept every slot of a struct in registers through the key loop and
    /// shuffled them all through the stack at each key, which made a 45-field struct a third
    /// slower to decode.
    #[inline(never)]
    fn store(&mut self, value: T) {
        *self = Some(value);
    }
}

/// A required field's value, or serde's `missing field` error naming its key. One function
/// for every struct, where a closure per field would each be compiled on its own.
pub fn required<T, E: serde::de::Error>(value: Option<T>, key: &'static str) -> Result<T, E> {
    value.ok_or_else(|| E::missing_field(key))
}

/// Like [`Keys`], but an unknown key comes back as its text, for structs that keep the
/// object's other keys in a map.
#[derive(Debug)]
pub struct KeysOrOther(pub Keys);

impl KeysOrOther {
    /// The keys of one struct, in the spec's order.
    pub fn new(names: &'static [&'static str]) -> Self {
        Self(Keys::new(names))
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for &mut KeysOrOther {
    type Value = Result<usize, String>;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl serde::de::Visitor<'_> for &mut KeysOrOther {
    type Value = Result<usize, String>;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("a field name")
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.0.position(key.as_bytes()).ok_or_else(|| key.to_owned()))
    }
}

/// The value spelled `value` in `table`, which is sorted by spelling (the documented values of
/// a long open enum).
pub fn search<T: Clone>(table: &[(&str, T)], value: &str) -> Option<T> {
    // Most steps are decided by the first eight bytes, without a call to `memcmp`.
    let start = prefix(value.as_bytes());
    let index = table
        .binary_search_by(|(spelling, _)| prefix(spelling.as_bytes()).cmp(&start).then_with(|| (*spelling).cmp(value)))
        .ok()?;
    table.get(index).map(|(_, known)| known.clone())
}

/// Reads an open enum: a documented value through `known` without copying the text, anything
/// else kept by `other`.
pub fn open_enum<'de, D: serde::Deserializer<'de>, T>(
    deserializer: D,
    known: fn(&str) -> Option<T>,
    other: fn(String) -> T,
) -> Result<T, D::Error> {
    struct Open<T> {
        known: fn(&str) -> Option<T>,
        other: fn(String) -> T,
    }

    impl<T> serde::de::Visitor<'_> for Open<T> {
        type Value = T;

        fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            formatter.write_str("a string")
        }

        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            Ok((self.known)(value).unwrap_or_else(|| (self.other)(value.to_owned())))
        }

        fn visit_string<E: serde::de::Error>(self, value: String) -> Result<T, E> {
            Ok(match (self.known)(&value) {
                Some(known) => known,
                None => (self.other)(value),
            })
        }
    }

    deserializer.deserialize_str(Open { known, other })
}

#[cfg(test)]
mod tests;
