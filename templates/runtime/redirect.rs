//! Redirects, followed by the client itself (reqwest follows none): `Location` resolved per
//! RFC 3986 against the URL asked, the token kept to the service root's origin, a 307/308
//! sent again as it was, a 301/302/303 of a write handed to the caller. Part of `client`.
//!
//! Hand-written: the generator copies this file from `templates/runtime/redirect.rs`.

use super::{Client, Error, Request, ResponseKind};

impl Client {
    /// The request sent, redirects followed (up to five; the token only to the service root's
    /// origin), throttling retried: the success answer, its body not read yet.
    /// `streamed`: the body will be read as a stream, not bound by [`Timeouts::request`].
    pub(super) async fn follow<K: ResponseKind>(&self, request: &Request<K>, streamed: bool) -> Result<reqwest::Response, Error> {
        let url = request.url(&self.root);
        // A next-page link is absolute; the token goes to the service root's origin only. A
        // monitor elsewhere (`Operation::poll`) goes without it.
        let mut with_token = self.is_service(&url);
        if !with_token && !request.goes_anywhere() {
            return Err(Error::Transport(format!("refusing to send the token to {url}: not under {}", self.root).into()));
        }
        let mut redirected: Option<Request<K>> = None;
        // One call, one `client-request-id`, through its redirects too: the service's logs and
        // a storage host's tie the download to the request that asked for it.
        let call = super::transport::call_id();
        for _ in 0..=5 {
            let current = redirected.as_ref().unwrap_or(request);
            match Box::pin(self.open(current, &call, with_token, streamed)).await {
                Err(Error::Redirect { status, location }) => {
                    // RFC 3986 resolution against the URL asked (`next`, `../x`, `//host/x`), as
                    // a sans-IO sender resolves it.
                    let target = super::super::resolve_location(&current.url(&self.root), &location);
                    with_token = self.is_service(&target);
                    redirected = Some(current.follow_redirect(status, &target)?);
                }
                done => return done,
            }
        }
        Err(Error::Transport(format!("more than five redirects from {url}").into()))
    }

    /// True when `url` is under the service root, where the token may go.
    pub(super) fn is_service(&self, url: &str) -> bool {
        super::super::request::under_root(url, &self.root)
    }
}
