//! Access tokens for the client: [`TokenProvider`], which hands one out for each request,
//! and [`StaticToken`], a token fixed up front. Part of `client`.
//!
//! Hand-written: the generator copies this file from `templates/runtime/token.rs`.

use super::super::error::BoxError;
use super::Error;
use std::future::Future;
use std::pin::Pin;

/// The future a [`TokenProvider`] returns.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send + 'a>>;

/// Hands out an access token for each request (retries and pages ask again).
pub trait TokenProvider: Send + Sync {
    fn token(&self) -> TokenFuture<'_>;

    /// The service refused the token (401) with this `WWW-Authenticate` challenge (empty when
    /// the answer had none): true has the request sent once more, with a new token.
    /// `runtime::auth`'s credentials always take it: a claims challenge under Continuous Access
    /// Evaluation asks for a token with those claims, any other 401 for a fresh one (for a
    /// signed-in user a refresh, whose refusal is the sign-in error). The default declines.
    fn on_unauthorized(&self, challenge: &str) -> bool {
        let _ = challenge;
        false
    }
}

/// A provider's error as the client reports it: a runtime [`Error`] the provider returned (a
/// sign-in's unreachable endpoint is [`Error::Transport`]) as it is, anything else as
/// [`Error::Token`].
pub(super) fn token_error(e: BoxError) -> Error {
    match e.downcast::<Error>() {
        Ok(e) => *e,
        Err(e) => Error::Token(e),
    }
}

/// A token fixed up front: tests, scripts, tokens from the environment.
#[derive(Clone)]
pub struct StaticToken(pub String);

/// No token: a client whose clones each take one of their own through `with_token` (a web
/// app's client, shared connections, one clone per signed-in user). A request sent on the
/// client itself is refused before it leaves ([`Error::Token`](super::Error::Token)), not
/// sent with an empty `Authorization`.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoToken;

impl TokenProvider for NoToken {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async { Err("this client has no token of its own: send with a clone that has one (`with_token`)".into()) })
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> TokenFuture<'_> {
        let token = self.0.clone();
        Box::pin(async move { Ok(token) })
    }
}

impl<F, Fut> TokenProvider for F
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future<Output = Result<String, BoxError>> + Send + 'static,
{
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self())
    }
}
