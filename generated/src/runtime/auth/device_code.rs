//! Delegated sign-in for command-line tools: the device code flow (RFC 8628) to sign a user
//! in once, then the refresh token grant to keep them signed in, with the refresh token kept
//! in memory or, through a [`RefreshTokenStore`] of the caller's, across runs.

use super::super::client::{TokenFuture, TokenProvider};
use super::super::{Cloud, Error};
use super::cache::{TokenCache, DEFAULT_MARGIN};
use super::delegated::{self, RefreshSlot, RefreshTokenStore};
use super::endpoint::{boxed, AuthError, Endpoint, Fetched, Refusal, Secret};
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

const DEVICE_CODE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// What the user must be told to sign in: open `verification_uri` on any device and enter
/// `user_code`. `message` is the endpoint's own sentence saying so (localized).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceCodePrompt {
    pub user_code: String,
    pub verification_uri: String,
    pub message: String,
    /// How long the code stays valid.
    pub expires_in: Duration,
}

/// A user's sign-in on another device (a browser on their phone), for command-line tools and
/// headless machines: on the first token needed, it asks the endpoint for a code, hands the
/// caller's `prompt` callback the message to show ("To sign in, use a web browser to open the
/// page <https://microsoft.com/devicelogin> and enter the code ..."), then polls at the interval
/// the endpoint gives until the user has signed in (`authorization_pending`; `slow_down` adds
/// five seconds), the code expires (`expired_token`) or the user declines (`access_denied`).
///
/// After that it keeps the refresh token and uses it to replace the access token five minutes
/// before expiry, and after a claims challenge (a 401 under Continuous Access Evaluation); a
/// refresh token the endpoint no longer takes (`invalid_grant`) starts a device code sign-in
/// again. The scopes are Graph's delegated permissions (`User.Read`, `Mail.Send`), qualified
/// with the cloud's Graph root; `offline_access` is added for the refresh token.
///
/// Clones share the tokens. `Debug` never shows a token.
#[derive(Clone)]
pub struct DeviceCodeCredential {
    endpoint: Endpoint,
    client_id: String,
    scopes: Vec<String>,
    prompt: Arc<dyn Fn(&DeviceCodePrompt) + Send + Sync>,
    store: Option<Arc<dyn RefreshTokenStore>>,
    /// Whether a missing or refused refresh token starts a device code sign-in (else it is
    /// [`AuthError::SignInNeeded`]).
    prompts: bool,
    margin: Duration,
    /// How long one of the endpoint's seconds is, when polling: a second, except in tests.
    second: Duration,
    state: Arc<State>,
}

/// What clones share: the access token cache and the refresh token.
struct State {
    cache: TokenCache,
    refresh: RefreshSlot,
}

impl fmt::Debug for DeviceCodeCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeviceCodeCredential")
            .field("endpoint", &self.endpoint)
            .field("client_id", &self.client_id)
            .field("scope", &self.scope())
            .field("store", &self.store.is_some())
            .finish_non_exhaustive()
    }
}

impl DeviceCodeCredential {
    /// Signs a user in to `tenant_id` (a tenant id or domain; `organizations` for any work or
    /// school account, `common` to allow personal accounts too) through the app `client_id`
    /// (a public client: "Allow public client flows" on in its registration), for the
    /// delegated `scopes`; `prompt` shows the user what to do.
    pub fn new<S: Into<String>>(
        tenant_id: impl Into<String>,
        client_id: impl Into<String>,
        scopes: impl IntoIterator<Item = S>,
        prompt: impl Fn(&DeviceCodePrompt) + Send + Sync + 'static,
    ) -> DeviceCodeCredential {
        DeviceCodeCredential {
            endpoint: Endpoint::new(&tenant_id.into()),
            client_id: client_id.into(),
            scopes: scopes.into_iter().map(Into::into).collect(),
            prompt: Arc::new(prompt),
            store: None,
            prompts: true,
            margin: DEFAULT_MARGIN,
            second: Duration::from_secs(1),
            state: Arc::new(State::new(DEFAULT_MARGIN)),
        }
    }

    /// Sign in to a national cloud (its authority host) for its Graph (scopes qualified with
    /// its root); the client needs the same [`Cloud`] (`Client::with_cloud`).
    pub fn with_cloud(mut self, cloud: Cloud) -> Self {
        self.endpoint.cloud = cloud;
        self.fresh()
    }

    /// Another authority host (`https://login.microsoftonline.us`; plain http only to a
    /// loopback test server).
    pub fn with_authority(mut self, authority: impl AsRef<str>) -> Self {
        self.endpoint.set_authority(authority.as_ref());
        self.fresh()
    }

    /// Load the refresh token from `store` before the first sign-in, and save each new one.
    pub fn with_store(mut self, store: impl RefreshTokenStore + 'static) -> Self {
        self.store = Some(Arc::new(store));
        self.fresh()
    }

    /// Never start a device code sign-in: with no saved refresh token, or one the endpoint
    /// refuses, the token is an error for which [`AuthError::needs_sign_in`] holds. For a
    /// CLI's every command but `login`, which should say "run `login`" rather than prompt.
    pub fn without_prompt(mut self) -> Self {
        self.prompts = false;
        self
    }

    /// Reach the endpoint through a `reqwest::Client` of your own (a proxy); start from
    /// [`http_builder`](super::super::client::http_builder).
    pub fn with_http(mut self, http: reqwest::Client) -> Self {
        self.endpoint.set_http(http);
        self
    }

    /// How long before expiry a token is refreshed (five minutes; at most half its lifetime).
    pub fn with_refresh_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self.fresh()
    }

    /// The length of one of the endpoint's seconds while polling (its `interval`, the five
    /// seconds `slow_down` adds, the code's lifetime): one second, shorter for a test server.
    pub fn with_poll_unit(mut self, second: Duration) -> Self {
        self.second = second;
        self
    }

    /// New shared state: tokens from other settings are never handed out.
    fn fresh(mut self) -> Self {
        self.state = Arc::new(State::new(self.margin));
        self
    }

    /// Signs the user in now (showing the prompt unless a saved refresh token still works),
    /// rather than on the first request.
    pub async fn sign_in(&self) -> Result<(), Error> {
        self.access_token().await.map(drop)
    }

    /// An access token: the cached one while it is fresh, else a refreshed one, else a new
    /// sign-in.
    pub async fn access_token(&self) -> Result<String, Error> {
        self.state.cache.get(|claims| self.fetch(claims)).await.map_err(Error::from)
    }

    /// The scope parameter: each scope qualified with the cloud's Graph root
    /// (`https://graph.microsoft.com/User.Read`), plus `offline_access`.
    fn scope(&self) -> String {
        delegated::scope(&self.scopes, self.endpoint.cloud.host())
    }

    async fn fetch(&self, claims: Option<String>) -> Result<Fetched, AuthError> {
        let store = self.store.as_deref();
        if let Some(refresh) = self.state.refresh.current(store)? {
            let scope = self.scope();
            match delegated::refresh(&self.endpoint, &self.client_id, &scope, None, &refresh, claims.as_deref()).await {
                Ok(fetched) => return self.keep(fetched),
                // Expired, revoked, or more proof needed: the user signs in again.
                Err(e) if e.needs_sign_in() => self.state.refresh.forget(&e, store),
                Err(e) => return Err(e),
            }
        }
        if !self.prompts {
            return Err(AuthError::SignInNeeded(self.state.refresh.why_none()));
        }
        let fetched = self.device_code(claims.as_deref()).await?;
        self.keep(fetched)
    }

    /// Keeps a new refresh token (in memory, and in the store).
    fn keep(&self, fetched: Fetched) -> Result<Fetched, AuthError> {
        self.state.refresh.keep(&fetched, self.store.as_deref())?;
        Ok(fetched)
    }

    async fn device_code(&self, claims: Option<&str>) -> Result<Fetched, AuthError> {
        let url = self.endpoint.device_code_url();
        let scope = self.scope();
        let mut form = vec![("client_id", self.client_id.as_str()), ("scope", scope.as_str())];
        form.extend(claims.map(|c| ("claims", c)));
        let answer = self.endpoint.post(&url, &form).await?;
        let text = |k: &str| answer.get(k).and_then(|v| v.as_str()).map(str::to_string);
        let seconds = |k: &str| answer.get(k).and_then(|v| v.as_u64().or_else(|| v.as_str()?.parse().ok()));
        let unexpected = || AuthError::UnexpectedAnswer { endpoint: url.clone(), status: 200, body: String::new() };
        let device_code = Secret(text("device_code").ok_or_else(unexpected)?);
        let user_code = text("user_code").ok_or_else(unexpected)?;
        // `verification_url` on the older endpoints.
        let verification_uri = text("verification_uri").or_else(|| text("verification_url")).ok_or_else(unexpected)?;
        let lifetime = seconds("expires_in").unwrap_or(900);
        let message = text("message").unwrap_or_else(|| {
            format!("To sign in, use a web browser to open the page {verification_uri} and enter the code {user_code} to authenticate.")
        });
        let prompt = DeviceCodePrompt { user_code, verification_uri, message, expires_in: Duration::from_secs(lifetime) };
        (self.prompt)(&prompt);
        let deadline = Instant::now() + times(self.second, lifetime);
        let mut interval = seconds("interval").unwrap_or(5);
        let poll = [("grant_type", DEVICE_CODE_GRANT), ("client_id", self.client_id.as_str()), ("device_code", device_code.0.as_str())];
        // The user is signing in on another device: a failed poll (the endpoint unreachable,
        // a proxy's 5xx) does not throw that away; this many in a row do.
        let mut failed = 0;
        loop {
            tokio::time::sleep(times(self.second, interval)).await;
            match self.endpoint.token(&poll).await {
                Ok(fetched) => return Ok(fetched),
                Err(e) => match e.oauth_error() {
                    Some("authorization_pending") => failed = 0,
                    // RFC 8628 3.5: every later poll waits five seconds more.
                    Some("slow_down") => interval += 5,
                    // expired_token, access_denied, authorization_declined, bad_verification_code
                    Some(_) => return Err(e),
                    None if transient(&e) && failed < MAX_FAILED_POLLS => failed += 1,
                    None => return Err(e),
                },
            }
            if Instant::now() >= deadline {
                return Err(AuthError::Refused(Box::new(Refusal {
                    endpoint: self.endpoint.token_url(),
                    status: 400,
                    error: "expired_token".into(),
                    description: format!("the device code expired before the user signed in ({lifetime} s)"),
                    codes: Vec::new(),
                    trace_id: None,
                    correlation_id: None,
                })));
            }
        }
    }
}

impl State {
    fn new(margin: Duration) -> State {
        State { cache: TokenCache::new(margin), refresh: RefreshSlot::unread() }
    }
}

impl TokenProvider for DeviceCodeCredential {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async move { self.state.cache.get(|claims| self.fetch(claims)).await.map_err(boxed) })
    }

    fn on_unauthorized(&self, challenge: &str) -> bool {
        self.state.cache.challenge(challenge)
    }
}

/// Polls in a row that may fail for a passing reason before the sign-in is given up.
const MAX_FAILED_POLLS: u32 = 3;

/// A failure that may pass: the endpoint unreachable, or a server error that is no OAuth answer.
fn transient(e: &AuthError) -> bool {
    matches!(e, AuthError::Transport { .. }) || matches!(e, AuthError::UnexpectedAnswer { status, .. } if *status >= 500)
}

/// `n` of the endpoint's seconds.
fn times(second: Duration, n: u64) -> Duration {
    second.saturating_mul(u32::try_from(n).unwrap_or(u32::MAX))
}
