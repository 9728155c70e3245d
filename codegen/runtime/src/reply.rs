//! A decoded reply next to its raw form, and how a generated request type names its reply.
//!
//! # For the generated code
//!
//! Each request type implements [`Operation`], which says how to build its [`Call`] and how to
//! decode its success reply, so that an operation method is one line and the send path is
//! compiled once, not once per operation:
//!
//! ```ignore
//! impl crate::runtime::reply::Operation for GetAccountInfoRequest {
//!     type Format = crate::runtime::reply::Json<GetAccountInfoResponse>;
//!     fn into_call(self) -> Result<crate::runtime::call::Call, crate::Error> { /* as today */ }
//! }
//! // in `impl Client`:
//! pub fn get_account_info(&self, request: GetAccountInfoRequest) -> impl Future<Output = Result<GetAccountInfoResponse, Error>> {
//!     self.call(request)
//! }
//! ```
//!
//! Users then also get the raw reply of any operation with `client.reply(request).await?`, a
//! [`Reply`] with the status, headers and body bytes next to the decoded value.

use std::marker::PhantomData;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use super::call::Call;
use super::error::{self, Error};
use super::redact::Secrets;

/// A success reply: what came over the wire, and what it decoded to.
#[derive(Debug, Clone)]
pub struct Reply<T> {
    /// HTTP status.
    pub status: StatusCode,
    /// Response headers.
    pub headers: HeaderMap,
    /// The body as received.
    pub body: Bytes,
    /// The decoded body.
    pub value: T,
}

/// A request type of the generated crate: how to send it and what its reply decodes to.
pub trait Operation {
    /// How the success body decodes: [`Json`], [`MaybeJson`], [`Text`], [`Binary`], [`Empty`],
    /// or the operation's own enum of replies by status.
    type Format: ReplyFormat;

    /// The HTTP call this request describes.
    fn into_call(self) -> Result<Call, Error>;
}

/// How a success body becomes a value.
///
/// An operation whose successes carry different bodies by status (a `200` result beside a
/// `202` job) has a generated enum that implements this trait itself, choosing its variant by
/// `status` and decoding each body with [`json`], [`text`] or as bytes.
pub trait ReplyFormat {
    /// The decoded value.
    type Value;

    /// Decodes the `body` of a success reply with this `status`; errors are redacted with
    /// `secrets`.
    fn decode(status: StatusCode, body: &[u8], secrets: &Secrets<'_>) -> Result<Self::Value, Error>;
}

/// Decodes a JSON body as `T`; on failure the error names the JSON path that failed.
pub fn json<T: serde::de::DeserializeOwned>(body: &[u8], secrets: &Secrets<'_>) -> Result<T, Error> {
    error::decode(body, secrets)
}

/// Reads a body as UTF-8 text.
pub fn text(body: &[u8], secrets: &Secrets<'_>) -> Result<String, Error> {
    String::from_utf8(body.to_vec()).map_err(|error| Error::Decode {
        path: ".".to_owned(),
        message: format!("the reply is not UTF-8 text: {error}"),
        body: secrets.excerpt(body),
    })
}

/// A JSON body, decoded as `T`.
pub struct Json<T>(PhantomData<fn() -> T>);

impl<T: serde::de::DeserializeOwned> ReplyFormat for Json<T> {
    type Value = T;

    fn decode(_: StatusCode, body: &[u8], secrets: &Secrets<'_>) -> Result<T, Error> {
        json(body, secrets)
    }
}

/// A JSON body that may be missing (an operation whose only documented reply is `default`):
/// an empty body is `None`, anything else decodes as `T`.
pub struct MaybeJson<T>(PhantomData<fn() -> T>);

impl<T: serde::de::DeserializeOwned> ReplyFormat for MaybeJson<T> {
    type Value = Option<T>;

    fn decode(_: StatusCode, body: &[u8], secrets: &Secrets<'_>) -> Result<Option<T>, Error> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        json(body, secrets).map(Some)
    }
}

/// A `text/*` body, as a string.
pub struct Text;

impl ReplyFormat for Text {
    type Value = String;

    fn decode(_: StatusCode, body: &[u8], secrets: &Secrets<'_>) -> Result<String, Error> {
        text(body, secrets)
    }
}

/// A binary body, as bytes.
pub struct Binary;

impl ReplyFormat for Binary {
    type Value = Vec<u8>;

    fn decode(_: StatusCode, body: &[u8], _: &Secrets<'_>) -> Result<Vec<u8>, Error> {
        Ok(body.to_vec())
    }
}

/// A body that is ignored (after checking it is not an error).
pub struct Empty;

impl ReplyFormat for Empty {
    type Value = ();

    fn decode(_: StatusCode, _: &[u8], _: &Secrets<'_>) -> Result<(), Error> {
        Ok(())
    }
}

#[cfg(test)]
mod tests;
