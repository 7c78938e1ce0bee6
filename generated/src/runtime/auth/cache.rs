//! The one token cache every credential keeps: a single fetch for any number of concurrent
//! requests, a refresh ahead of expiry, never an expired token, the claims a 401 challenge
//! asked for, and a fresh token after Graph refused one that had not expired.

use super::endpoint::{AuthError, Fetched, Secret};
use base64::Engine;
use std::future::Future;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long before expiry a token is replaced, as MSAL and Azure Identity do; at most half a
/// token's lifetime, so a short-lived token is not fetched again on every request.
pub(crate) const DEFAULT_MARGIN: Duration = Duration::from_secs(300);

pub(crate) struct TokenCache {
    /// An async lock held across the fetch: requests that arrive while a token is being
    /// fetched wait for that one fetch instead of starting their own (no thundering herd).
    slot: tokio::sync::Mutex<Option<Cached>>,
    /// Claims from a 401 challenge, sent with the next fetch (which skips the cache).
    claims: Mutex<Option<String>>,
    /// When Graph last refused a token with a plain 401 (revoked, or a clock apart): a token
    /// fetched before then is not handed out again.
    refused: Mutex<Option<Instant>>,
    margin: Duration,
}

struct Cached {
    token: Secret,
    fetched: Instant,
    expires: Instant,
    refresh_at: Instant,
}

impl TokenCache {
    pub fn new(margin: Duration) -> TokenCache {
        TokenCache { slot: tokio::sync::Mutex::new(None), claims: Mutex::new(None), refused: Mutex::new(None), margin }
    }

    /// The cached token while it is fresh; else the one `fetch` gets (given the claims a
    /// challenge asked for, if any).
    pub async fn get<F, Fut>(&self, fetch: F) -> Result<String, AuthError>
    where
        F: FnOnce(Option<String>) -> Fut,
        Fut: Future<Output = Result<Fetched, AuthError>>,
    {
        let mut slot = self.slot.lock().await;
        let claims = self.claims.lock().unwrap_or_else(|e| e.into_inner()).take();
        let refused = *self.refused.lock().unwrap_or_else(|e| e.into_inner());
        // The cached token was refused when it was fetched before the refusal; a token fetched
        // since (by a request that met the same 401 earlier) is not fetched again.
        let stale = |c: &Cached| refused.is_some_and(|at| c.fetched <= at);
        if claims.is_none() {
            if let Some(cached) = slot.as_ref().filter(|c| Instant::now() < c.refresh_at && !stale(c)) {
                return Ok(cached.token.0.clone());
            }
        }
        let challenged = claims.is_some() || slot.as_ref().is_some_and(stale);
        match fetch(claims).await {
            Ok(fetched) => {
                let margin = self.margin.min(fetched.lifetime / 2);
                let refresh_at = fetched.expires.checked_sub(margin).unwrap_or(fetched.expires);
                let token = fetched.access_token.0.clone();
                *slot = Some(Cached { token: fetched.access_token, fetched: Instant::now(), expires: fetched.expires, refresh_at });
                Ok(token)
            }
            // A refresh ahead of expiry that failed (the endpoint briefly down) leaves the
            // current token in use while it lasts, and the next request tries again; a
            // claims challenge or a refusal said the current token is no good.
            Err(e) => match slot.as_ref() {
                Some(cached) if !challenged && Instant::now() < cached.expires => Ok(cached.token.0.clone()),
                _ => {
                    *slot = None;
                    Err(e)
                }
            },
        }
    }

    /// Reads the `WWW-Authenticate` header of a 401 (empty when there was none) and answers
    /// true: send the request once more. A claims challenge is kept for the next fetch; any
    /// other 401 refused a token this cache handed out before its expiry (revoked, or the
    /// clocks apart), so the next request gets a fresh one: for a signed-in user, a refresh,
    /// whose refusal is then the sign-in error a web app redirects on, rather than the same
    /// 401 until the token expires.
    pub fn challenge(&self, header: &str) -> bool {
        match claims_of(header) {
            Some(claims) => *self.claims.lock().unwrap_or_else(|e| e.into_inner()) = Some(claims),
            None => *self.refused.lock().unwrap_or_else(|e| e.into_inner()) = Some(Instant::now()),
        }
        true
    }
}

/// The claims (JSON) of a claims challenge: `Bearer realm="", error="insufficient_claims",
/// claims="eyJhY2Nlc3NfdG9rZW4iOnsi..."` (Continuous Access Evaluation, conditional access).
/// The claims are base64 on the wire and go to the token endpoint decoded.
pub(crate) fn claims_of(header: &str) -> Option<String> {
    let params = params(header);
    let get = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    if !get("error")?.eq_ignore_ascii_case("insufficient_claims") {
        return None;
    }
    let encoded = get("claims")?.trim();
    let engines = [base64::engine::general_purpose::STANDARD_PAD_INDIFFERENT, base64::engine::general_purpose::URL_SAFE_PAD_INDIFFERENT];
    let bytes = engines.iter().find_map(|e| e.decode(encoded).ok())?;
    let json = String::from_utf8(bytes).ok()?;
    serde_json::from_str::<serde_json::Value>(&json).ok()?.is_object().then_some(json)
}

/// The `name=value` parameters of a challenge header (names lowercased; quoted values
/// unquoted), whatever scheme they belong to.
fn params(header: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = header;
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].rsplit(|c: char| c == ',' || c.is_whitespace()).next().unwrap_or("").to_ascii_lowercase();
        rest = &rest[eq + 1..];
        let value = if let Some(quoted) = rest.strip_prefix('"') {
            let mut value = String::new();
            let mut end = quoted.len();
            let mut chars = quoted.char_indices();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => value.extend(chars.next().map(|(_, c)| c)),
                    '"' => {
                        end = i + 1;
                        break;
                    }
                    c => value.push(c),
                }
            }
            rest = &quoted[end..];
            value
        } else {
            // Unquoted (a token68 may end in '=' padding): up to the next comma or space.
            let end = rest.find(|c: char| c == ',' || c.is_whitespace()).unwrap_or(rest.len());
            let value = rest[..end].to_string();
            rest = &rest[end..];
            value
        };
        if !name.is_empty() {
            out.push((name, value));
        }
    }
    out
}
