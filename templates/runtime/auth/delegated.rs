//! What every delegated credential shares: the user's refresh token (in memory, and in a
//! [`RefreshTokenStore`] of the caller's), the refresh token grant, and the scope parameter.

use super::super::error::BoxError;
use super::app::Proof;
use super::endpoint::{AuthError, Endpoint, Fetched, Secret};
use std::sync::Mutex;

/// Where a delegated credential keeps the user's refresh token between runs, so that a CLI
/// signs its user in once. Nothing is written anywhere unless a store is given; the refresh
/// token is a credential, so keep it where only the user can read it (a keychain, a file
/// with mode 0600).
pub trait RefreshTokenStore: Send + Sync {
    /// The refresh token saved last time, if any.
    fn load(&self) -> Result<Option<String>, BoxError>;
    /// Keep `refresh_token` (it replaces the one saved before: refresh tokens rotate).
    fn save(&self, refresh_token: &str) -> Result<(), BoxError>;
    /// The endpoint refused the saved refresh token (expired, revoked): forget it. The default
    /// keeps it, to be refused again on the next run. A failure here is not reported over the
    /// refusal.
    fn clear(&self) -> Result<(), BoxError> {
        Ok(())
    }
}

/// The user's refresh token as a credential holds it.
pub(crate) struct RefreshSlot {
    /// `None` inside: signed out; the outer `None`: the store was not read yet.
    token: Mutex<Option<Option<Secret>>>,
    /// Why the user is signed out, when the endpoint refused the refresh token.
    refused: Mutex<Option<String>>,
}

impl RefreshSlot {
    /// A slot that reads the store on first use.
    pub fn unread() -> RefreshSlot {
        RefreshSlot { token: Mutex::new(None), refused: Mutex::new(None) }
    }

    /// The refresh token in memory; on first use, the one the store saved.
    pub fn current(&self, store: Option<&dyn RefreshTokenStore>) -> Result<Option<Secret>, AuthError> {
        let mut slot = self.token.lock().unwrap_or_else(|e| e.into_inner());
        if slot.is_none() {
            let loaded = match store {
                Some(store) => store.load().map_err(AuthError::Store)?,
                None => None,
            };
            *slot = Some(loaded.filter(|t| !t.is_empty()).map(Secret));
        }
        Ok(slot.clone().flatten())
    }

    /// Keeps the refresh token a sign-in or refresh answered (in memory, and in the store).
    pub fn keep(&self, fetched: &Fetched, store: Option<&dyn RefreshTokenStore>) -> Result<(), AuthError> {
        if let Some(refresh) = &fetched.refresh_token {
            *self.token.lock().unwrap_or_else(|e| e.into_inner()) = Some(Some(refresh.clone()));
            *self.refused.lock().unwrap_or_else(|e| e.into_inner()) = None;
            if let Some(store) = store {
                store.save(&refresh.0).map_err(AuthError::Store)?;
            }
        }
        Ok(())
    }

    /// The user is signed out: the endpoint refused the refresh token (`why`), which goes
    /// from memory and from the store.
    pub fn forget(&self, why: &AuthError, store: Option<&dyn RefreshTokenStore>) {
        *self.token.lock().unwrap_or_else(|e| e.into_inner()) = Some(None);
        *self.refused.lock().unwrap_or_else(|e| e.into_inner()) = Some(why.to_string());
        if let Some(store) = store {
            // The refusal is the error the caller gets; a store that cannot forget is told again
            // next time.
            let _ = store.clear();
        }
    }

    /// Why there is no refresh token: the refusal that dropped it, or none saved.
    pub fn why_none(&self) -> String {
        match self.refused.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            Some(why) => format!("the refresh token was refused ({why})"),
            None => "no refresh token is saved for this user".into(),
        }
    }
}

/// The refresh token grant: a new access token (and, as a rule, a new refresh token); a
/// confidential client proves itself as it did for the code.
pub(crate) async fn refresh(
    endpoint: &Endpoint,
    client_id: &str,
    scope: &str,
    proof: Option<&Proof>,
    refresh: &Secret,
    claims: Option<&str>,
) -> Result<Fetched, AuthError> {
    let proof = match proof {
        Some(proof) => proof.params(client_id, &endpoint.token_url())?,
        None => Vec::new(),
    };
    let mut form = vec![("grant_type", "refresh_token"), ("client_id", client_id), ("refresh_token", refresh.0.as_str()), ("scope", scope)];
    form.extend(proof.iter().map(|(k, v)| (*k, v.as_str())));
    form.extend(claims.map(|c| ("claims", c)));
    endpoint.token(&form).await
}

/// The scope parameter of a delegated grant: each scope qualified with the cloud's Graph root
/// (`https://graph.microsoft.com/User.Read`; Graph's `.default` if none), plus
/// `offline_access` for the refresh token.
pub(crate) fn scope(scopes: &[String], root: &str) -> String {
    let mut scopes: Vec<String> = scopes.iter().map(|s| qualify(s, root)).collect();
    if scopes.is_empty() {
        scopes.push(format!("{root}/.default"));
    }
    if !scopes.iter().any(|s| s == "offline_access") {
        scopes.push("offline_access".into());
    }
    scopes.join(" ")
}

/// A delegated scope qualified by its cloud's Graph, in every cloud (the global one accepts
/// `https://graph.microsoft.com/User.Read` as `User.Read`; the others need it): `User.Read`
/// becomes `https://graph.microsoft.us/User.Read` in US Gov; OpenID scopes and full URIs stay
/// as they are.
fn qualify(scope: &str, root: &str) -> String {
    const OPENID: [&str; 4] = ["openid", "profile", "email", "offline_access"];
    if scope.contains("://") || OPENID.contains(&scope.to_ascii_lowercase().as_str()) {
        scope.to_string()
    } else {
        format!("{root}/{scope}")
    }
}
