//! Delegated sign-in through a browser: the authorization code flow with PKCE (RFC 7636), for
//! web apps (a confidential client, with a secret or a certificate) and desktop apps (a public
//! client that receives the redirect on a loopback address), then refresh tokens.

use super::super::client::{TokenFuture, TokenProvider};
use super::super::{Cloud, Error};
use super::app::Proof;
use super::cache::{TokenCache, DEFAULT_MARGIN};
use super::certificate::Certificate;
use super::delegated::{self, RefreshSlot, RefreshTokenStore};
use super::endpoint::{boxed, refused, AuthError, Endpoint, Fetched, Secret};
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use base64::Engine;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A browser sign-in for one app registration: [`start`](Self::start) gives the URL to send
/// the user to, and the `state` and PKCE verifier to keep until they come back to
/// `redirect_uri`; [`redeem`](Self::redeem) reads that redirect and trades its code for the
/// user's tokens, as an [`AuthorizationCodeCredential`] that goes to `Client::new`. Later
/// requests, or later runs through a [`RefreshTokenStore`], use the refresh token
/// ([`resume`](Self::resume)); when the endpoint refuses it, the error says the user must sign
/// in again ([`AuthError::needs_sign_in`]).
///
/// A web app proves itself with [`with_secret`](Self::with_secret) or
/// [`with_certificate`](Self::with_certificate) (the registration's "Web" platform); without
/// either it is a public client (the "Mobile and desktop" platform, a loopback redirect such as
/// `http://localhost:8400`). Scopes are Graph's delegated permissions, as for
/// [`DeviceCodeCredential`](super::DeviceCodeCredential); `offline_access` is added, and
/// `openid profile` for the id token that names the user ([`AuthorizationCodeCredential::account`]). MSAL calls
/// this `acquire_token_by_authorization_code`, Azure Identity
/// `AuthorizationCodeCredential`. `Debug` never shows a secret.
#[doc(alias = "AuthorizationCodeCredential", alias = "InteractiveBrowserCredential", alias = "PKCE")]
#[derive(Clone)]
pub struct AuthorizationCodeFlow {
    endpoint: Endpoint,
    client_id: String,
    redirect_uri: String,
    scopes: Vec<String>,
    proof: Option<Proof>,
    margin: Duration,
}

impl fmt::Debug for AuthorizationCodeFlow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthorizationCodeFlow")
            .field("endpoint", &self.endpoint)
            .field("client_id", &self.client_id)
            .field("redirect_uri", &self.redirect_uri)
            .field("scope", &self.scope())
            .field("proof", &self.proof)
            .finish_non_exhaustive()
    }
}

/// A sign-in under way: the URL to send the user to, and what must be kept until they come
/// back (in the web session, a cookie only the server can read, or memory): the `state` the
/// redirect must echo and the PKCE verifier that proves this app asked for the code. `Debug`
/// hides the verifier.
#[derive(Clone, Debug)]
pub struct PendingSignIn {
    url: String,
    state: String,
    verifier: Secret,
}

impl PendingSignIn {
    /// Where to send the user's browser (a `302 Found` to it).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The value the redirect back must carry; keep it with the verifier.
    pub fn state(&self) -> &str {
        &self.state
    }

    /// The PKCE `code_verifier`: a secret until the code is redeemed.
    pub fn code_verifier(&self) -> &str {
        &self.verifier.0
    }

    /// A sign-in started earlier, from the `state` and verifier kept for it (by another
    /// process of a web app); its URL is not needed any more.
    pub fn restore(state: impl Into<String>, code_verifier: impl Into<String>) -> PendingSignIn {
        PendingSignIn { url: String::new(), state: state.into(), verifier: Secret(code_verifier.into()) }
    }
}

impl AuthorizationCodeFlow {
    /// A public client (no secret: a desktop app, a CLI with a loopback redirect): `tenant_id`
    /// (a tenant id or domain, `organizations`, `common`), the app's `client_id`, the
    /// `redirect_uri` exactly as registered, and the delegated `scopes`.
    pub fn new<S: Into<String>>(
        tenant_id: impl Into<String>,
        client_id: impl Into<String>,
        redirect_uri: impl Into<String>,
        scopes: impl IntoIterator<Item = S>,
    ) -> AuthorizationCodeFlow {
        AuthorizationCodeFlow {
            endpoint: Endpoint::new(&tenant_id.into()),
            client_id: client_id.into(),
            redirect_uri: redirect_uri.into(),
            scopes: scopes.into_iter().map(Into::into).collect(),
            proof: None,
            margin: DEFAULT_MARGIN,
        }
    }

    /// A web app proving itself with a client secret, on the code and on every refresh.
    pub fn with_secret(mut self, secret: impl Into<String>) -> Self {
        self.proof = Some(Proof::Secret(Secret(secret.into())));
        self
    }

    /// A web app proving itself with a certificate's signed assertion.
    pub fn with_certificate(mut self, certificate: Certificate) -> Self {
        self.proof = Some(Proof::Certificate(certificate));
        self
    }

    /// Sign in to a national cloud (its authority host) for its Graph; the client needs the
    /// same [`Cloud`] (`Client::with_cloud`).
    pub fn with_cloud(mut self, cloud: Cloud) -> Self {
        self.endpoint.cloud = cloud;
        self
    }

    /// Another authority host (plain http only to a loopback test server); the tenant and
    /// `/oauth2/v2.0/authorize` and `/token` follow it.
    pub fn with_authority(mut self, authority: impl AsRef<str>) -> Self {
        self.endpoint.set_authority(authority.as_ref());
        self
    }

    /// Reach the token endpoint through a `reqwest::Client` of your own (a proxy).
    pub fn with_http(mut self, http: reqwest::Client) -> Self {
        self.endpoint.set_http(http);
        self
    }

    /// How long before expiry a credential refreshes its token (five minutes; at most half
    /// its lifetime).
    pub fn with_refresh_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// The delegated scopes, `offline_access`, and `openid profile` for the id token that
    /// says who signed in ([`AuthorizationCodeCredential::account`]).
    fn scope(&self) -> String {
        let scope = delegated::scope(&self.scopes, self.endpoint.cloud.host());
        let missing: Vec<&str> =
            ["openid", "profile"].into_iter().filter(|o| !scope.split(' ').any(|s| s.eq_ignore_ascii_case(o))).collect();
        match missing.is_empty() {
            true => scope,
            false => format!("{} {scope}", missing.join(" ")),
        }
    }

    /// Starts a sign-in: a fresh random `state` and PKCE verifier, and the authorize URL
    /// (`response_type=code`, `response_mode=query`, `code_challenge_method=S256`).
    pub fn start(&self) -> Result<PendingSignIn, AuthError> {
        self.start_with(&[])
    }

    /// [`start`](Self::start) with more authorize parameters: `("prompt", "select_account")`,
    /// `("login_hint", "ada@contoso.com")`, `("domain_hint", ..)`.
    pub fn start_with(&self, extra: &[(&str, &str)]) -> Result<PendingSignIn, AuthError> {
        let state = random(16)?;
        let verifier = random(32)?;
        let challenge = B64URL.encode(ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes()));
        let scope = self.scope();
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.extend_pairs([
            ("client_id", self.client_id.as_str()),
            ("response_type", "code"),
            ("redirect_uri", self.redirect_uri.as_str()),
            ("response_mode", "query"),
            ("scope", scope.as_str()),
            ("state", state.as_str()),
            ("code_challenge", challenge.as_str()),
            ("code_challenge_method", "S256"),
        ]);
        query.extend_pairs(extra);
        let url = format!("{}?{}", self.endpoint.authorize_url(), query.finish());
        Ok(PendingSignIn { url, state, verifier: Secret(verifier) })
    }

    /// Where to send the browser to sign the user out of Entra ID too (the app forgets its own
    /// session and [`RefreshTokenStore`] entry first): the tenant's `logout` endpoint, which
    /// comes back to `post_logout_redirect_uri` when given (it must be one of the app's
    /// registered redirect URIs) and `logout_hint` (the id token's `login_hint` claim, to skip
    /// the account picker) when given.
    pub fn sign_out_url(&self, post_logout_redirect_uri: Option<&str>, logout_hint: Option<&str>) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.extend_pairs(post_logout_redirect_uri.map(|u| ("post_logout_redirect_uri", u)));
        query.extend_pairs(logout_hint.map(|h| ("logout_hint", h)));
        let query = query.finish();
        let url = self.endpoint.logout_url();
        if query.is_empty() {
            url
        } else {
            format!("{url}?{query}")
        }
    }

    /// Reads the redirect back to `redirect_uri` (its query, with or without the URL before
    /// it) for the sign-in `pending` started, and redeems its code: the user's credential.
    /// A redirect carrying `error` (`access_denied`: the user declined; `consent_required`)
    /// is [`AuthError::Refused`] naming the authorize endpoint (status 302: it came back in a
    /// redirect); one whose `state` differs is [`AuthError::Redirect`], and no code is sent.
    pub async fn redeem(&self, pending: &PendingSignIn, redirect: &str) -> Result<AuthorizationCodeCredential, Error> {
        let code = self.code_of(pending, redirect)?;
        let scope = self.scope();
        let url = self.endpoint.token_url();
        let proof = match &self.proof {
            Some(proof) => proof.params(&self.client_id, &url)?,
            None => Vec::new(),
        };
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("client_id", self.client_id.as_str()),
            ("code", code.0.as_str()),
            ("redirect_uri", self.redirect_uri.as_str()),
            ("code_verifier", pending.verifier.0.as_str()),
            ("scope", scope.as_str()),
        ];
        form.extend(proof.iter().map(|(k, v)| (*k, v.as_str())));
        let fetched = self.endpoint.token(&form).await?;
        let credential = self.credential(None);
        credential.state.refresh.keep(&fetched, None)?;
        credential.state.keep_account(&fetched, &self.client_id);
        *credential.state.first.lock().unwrap_or_else(|e| e.into_inner()) = Some(fetched);
        Ok(credential)
    }

    /// The credential of a user who signed in before, from the refresh token `store` saved
    /// (one store per user); with none saved, its first token is [`AuthError::SignInNeeded`].
    pub fn resume(&self, store: impl RefreshTokenStore + 'static) -> AuthorizationCodeCredential {
        self.credential(Some(Arc::new(store)))
    }

    fn credential(&self, store: Option<Arc<dyn RefreshTokenStore>>) -> AuthorizationCodeCredential {
        let state = State {
            cache: TokenCache::new(self.margin),
            refresh: RefreshSlot::unread(),
            first: Mutex::new(None),
            account: Mutex::new(None),
        };
        AuthorizationCodeCredential { flow: self.clone(), store, state: Arc::new(state) }
    }

    /// The code of a redirect that answers `pending`.
    fn code_of(&self, pending: &PendingSignIn, redirect: &str) -> Result<Secret, AuthError> {
        let query = redirect.split_once('?').map_or(redirect, |(_, q)| q);
        let query = query.split('#').next().unwrap_or("");
        let params: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
        let get = |k: &str| params.iter().find(|(name, _)| name == k).map(|(_, v)| v.as_str());
        // The state first: an error page an attacker links to must not pass for ours either.
        if get("state") != Some(pending.state.as_str()) {
            let why = match get("state") {
                None => "it carries no state".to_string(),
                Some(_) => "its state is not the one this sign-in sent (a forged or stale redirect)".to_string(),
            };
            return Err(AuthError::Redirect(why));
        }
        if get("error").is_some() {
            let answer: serde_json::Map<String, serde_json::Value> = params.iter().map(|(k, v)| (k.clone(), v.clone().into())).collect();
            return Err(refused(&self.endpoint.authorize_url(), 302, &serde_json::Value::Object(answer)));
        }
        match get("code") {
            Some(code) if !code.is_empty() => Ok(Secret(code.to_string())),
            _ => Err(AuthError::Redirect("it carries neither a code nor an error".into())),
        }
    }
}

/// One user's delegated tokens after a browser sign-in: the access token from the code, then
/// refreshed with the refresh token before it expires (and after a claims challenge), each new
/// refresh token saved to the store if it has one. A refused refresh is an error for which
/// [`AuthError::needs_sign_in`] holds: there is no prompt to fall back to. Clones share the
/// tokens; `Debug` never shows one.
#[derive(Clone)]
pub struct AuthorizationCodeCredential {
    flow: AuthorizationCodeFlow,
    store: Option<Arc<dyn RefreshTokenStore>>,
    state: Arc<State>,
}

/// What clones share.
struct State {
    cache: TokenCache,
    refresh: RefreshSlot,
    /// The token the code was redeemed for, until the cache takes it.
    first: Mutex<Option<Fetched>>,
    /// Who signed in, from the last id token.
    account: Mutex<Option<Account>>,
}

impl State {
    fn keep_account(&self, fetched: &Fetched, client_id: &str) {
        if let Some(account) = fetched.id_token.as_ref().and_then(|t| Account::of(&t.0, client_id)) {
            *self.account.lock().unwrap_or_else(|e| e.into_inner()) = Some(account);
        }
    }
}

/// Who signed in, from the claims of the OpenID Connect id token the token endpoint answered:
/// the key a web app files the user's session and [`RefreshTokenStore`] under. Straight from
/// the endpoint over TLS, its signature is not checked again (OpenID Connect Core 3.1.3.7
/// allows that), but its claims are: issued for this app (`aud`), by the tenant it names
/// (`iss` ends in `/{tid}/v2.0`), not expired (`exp`, five minutes of clock skew allowed); an
/// id token that fails any of these names nobody.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Account {
    /// `oid`: the user's object id in their tenant, stable: the key to file them under.
    pub object_id: Option<String>,
    /// `tid`: the tenant they signed in to.
    pub tenant_id: Option<String>,
    /// `preferred_username`: their sign-in name (`ada@contoso.com`), for display only (it can change).
    pub username: Option<String>,
    /// `name`: their display name.
    pub name: Option<String>,
}

impl Account {
    /// The claims of an id token (a JWT: the middle part, base64url JSON) for `client_id`,
    /// checked as the type's docs say.
    fn of(id_token: &str, client_id: &str) -> Option<Account> {
        let payload = id_token.split('.').nth(1)?;
        let bytes = B64URL.decode(payload.trim_end_matches('=')).ok()?;
        let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
        let claim = |k: &str| claims.get(k).and_then(|v| v.as_str()).map(str::to_string);
        // `aud` is this app's id, as a string or (OpenID Connect allows it) in an array.
        let aud = claims.get("aud")?;
        let for_us = aud.as_str() == Some(client_id) || aud.as_array().is_some_and(|a| a.iter().any(|v| v.as_str() == Some(client_id)));
        let tid = claim("tid")?;
        let issued_by_tenant = claim("iss").is_some_and(|iss| iss.trim_end_matches('/').ends_with(&format!("/{tid}/v2.0")));
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
        let live = claims.get("exp").and_then(serde_json::Value::as_u64).is_some_and(|exp| exp.saturating_add(300) > now);
        if !(for_us && issued_by_tenant && live) {
            return None;
        }
        Some(Account { object_id: claim("oid"), tenant_id: Some(tid), username: claim("preferred_username"), name: claim("name") })
    }
}

impl fmt::Debug for AuthorizationCodeCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthorizationCodeCredential")
            .field("flow", &self.flow)
            .field("store", &self.store.is_some())
            .finish_non_exhaustive()
    }
}

impl AuthorizationCodeCredential {
    /// Who signed in (from the id token of the sign-in or of the last refresh); `None` for a
    /// credential [`resume`](AuthorizationCodeFlow::resume)d until its first token.
    pub fn account(&self) -> Option<Account> {
        self.state.account.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Keeps the refresh token in `store` (this user's): saved now, and again after each
    /// refresh, so that [`AuthorizationCodeFlow::resume`] finds it on the next visit or run.
    pub fn with_store(mut self, store: impl RefreshTokenStore + 'static) -> Result<Self, AuthError> {
        let store: Arc<dyn RefreshTokenStore> = Arc::new(store);
        if let Some(refresh) = self.state.refresh.current(None)? {
            store.save(&refresh.0).map_err(AuthError::Store)?;
        }
        self.store = Some(store);
        Ok(self)
    }

    /// An access token: the cached one while it is fresh, else a refreshed one.
    pub async fn access_token(&self) -> Result<String, Error> {
        self.state.cache.get(|claims| self.fetch(claims)).await.map_err(Error::from)
    }

    async fn fetch(&self, claims: Option<String>) -> Result<Fetched, AuthError> {
        if claims.is_none() {
            if let Some(first) = self.state.first.lock().unwrap_or_else(|e| e.into_inner()).take() {
                return Ok(first);
            }
        }
        let store = self.store.as_deref();
        let Some(refresh) = self.state.refresh.current(store)? else {
            return Err(AuthError::SignInNeeded(self.state.refresh.why_none()));
        };
        let flow = &self.flow;
        let scope = flow.scope();
        match delegated::refresh(&flow.endpoint, &flow.client_id, &scope, flow.proof.as_ref(), &refresh, claims.as_deref()).await {
            Ok(fetched) => {
                self.state.refresh.keep(&fetched, store)?;
                self.state.keep_account(&fetched, &flow.client_id);
                Ok(fetched)
            }
            Err(e) => {
                if e.needs_sign_in() {
                    self.state.refresh.forget(&e, store);
                }
                Err(e)
            }
        }
    }
}

impl TokenProvider for AuthorizationCodeCredential {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async move { self.state.cache.get(|claims| self.fetch(claims)).await.map_err(boxed) })
    }

    fn on_unauthorized(&self, challenge: &str) -> bool {
        self.state.cache.challenge(challenge)
    }
}

/// `bytes` random bytes from the system's generator, base64url: a `state` or a PKCE verifier
/// (32 bytes give the 43 characters RFC 7636 asks for at least).
fn random(bytes: usize) -> Result<String, AuthError> {
    let mut buf = vec![0u8; bytes];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut buf)
        .map_err(|_| AuthError::Config("the system's random number generator failed".into()))?;
    Ok(B64URL.encode(buf))
}
