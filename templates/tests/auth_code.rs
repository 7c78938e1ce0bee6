//! The browser sign-in (`AuthorizationCodeFlow`) against a token endpoint and a Graph root on
//! 127.0.0.1: the authorize URL and its PKCE challenge, the redirect read (state checked
//! before anything is sent, the endpoint's errors), the code and refresh grants as a web app
//! sends them, a user resumed from a store, and a refused refresh that says to sign in again.
//!
//! Hand-written: the generator copies this file from `templates/tests/auth_code.rs`.
#![cfg(feature = "auth")]

mod support;

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use base64::Engine;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use support::login::{authority, bearers, form, graph, me, MemoryStore, CLIENT_ID, SECRET, TENANT, TEST_PEM};
use support::{block_on, Reply, Server};
use CRATE::runtime::auth::{AuthError, AuthorizationCodeFlow, Certificate, PendingSignIn};
use CRATE::runtime::client::{Client, NoToken};

const REDIRECT: &str = "https://app.contoso.example/signin-callback";

fn query(url: &str) -> HashMap<String, String> {
    let q = url.split_once('?').map_or("", |(_, q)| q);
    form_urlencoded::parse(q.as_bytes()).into_owned().collect()
}

/// A token endpoint answering `answers` in turn (the last one repeats).
fn login(answers: Vec<Reply>) -> Server {
    let mut answers = answers.into_iter();
    let mut last = None;
    Server::start(move |_, _| {
        if let Some(next) = answers.next() {
            last = Some(next);
        }
        last.clone().expect("an answer")
    })
}

fn tokens(access: &str, refresh: &str, expires_in: u64) -> Reply {
    let body = format!(r#"{{"token_type":"Bearer","expires_in":{expires_in},"access_token":"{access}","refresh_token":"{refresh}"}}"#);
    Reply::json(200, &body)
}

/// A token answer with an id token naming `oid` (unsigned: the credential reads its claims,
/// as it may for a token straight from the endpoint).
fn tokens_for(access: &str, refresh: &str, oid: &str) -> Reply {
    tokens_with_id(access, refresh, id_claims(oid))
}

/// The claims of an id token for this app, from tenant-1, valid for an hour.
fn id_claims(oid: &str) -> serde_json::Value {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("after 1970").as_secs();
    serde_json::json!({
        "aud": CLIENT_ID, "iss": "https://login.microsoftonline.com/tenant-1/v2.0", "exp": now + 3600,
        "oid": oid, "tid": "tenant-1", "preferred_username": format!("{oid}@contoso.example"), "name": "Ada"
    })
}

fn tokens_with_id(access: &str, refresh: &str, claims: serde_json::Value) -> Reply {
    let id_token = format!("e30.{}.sig", B64URL.encode(claims.to_string()));
    let body = serde_json::json!({"token_type": "Bearer", "expires_in": 3600, "access_token": access, "refresh_token": refresh, "id_token": id_token});
    Reply::json(200, &body.to_string())
}

fn invalid_grant() -> Reply {
    let body = r#"{"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired due to inactivity.","error_codes":[700082]}"#;
    Reply::json(400, body)
}

fn web_app(login: &Server) -> AuthorizationCodeFlow {
    AuthorizationCodeFlow::new(TENANT, CLIENT_ID, REDIRECT, ["User.Read", "Mail.Read"]).with_secret(SECRET).with_authority(authority(login))
}

#[test]
fn the_authorize_url_carries_a_fresh_state_and_the_s256_challenge_of_its_verifier() {
    let flow = AuthorizationCodeFlow::new(TENANT, CLIENT_ID, "http://localhost:8400", ["User.Read"]).with_authority("http://127.0.0.1:9");
    let first = flow.start_with(&[("prompt", "select_account")]).expect("started");
    let second = flow.start().expect("started");
    assert!(first.url().starts_with(&format!("http://127.0.0.1:9/{TENANT}/oauth2/v2.0/authorize?")), "{}", first.url());
    let q = query(first.url());
    let get = |k: &str| q.get(k).map(String::as_str);
    assert_eq!(get("client_id"), Some(CLIENT_ID));
    assert_eq!(get("response_type"), Some("code"));
    assert_eq!(get("response_mode"), Some("query"));
    assert_eq!(get("redirect_uri"), Some("http://localhost:8400"));
    assert_eq!(get("scope"), Some("openid profile https://graph.microsoft.com/User.Read offline_access"));
    assert_eq!(get("state"), Some(first.state()));
    assert_eq!(get("prompt"), Some("select_account"));
    assert_eq!(get("code_challenge_method"), Some("S256"));
    let challenge = B64URL.encode(ring::digest::digest(&ring::digest::SHA256, first.code_verifier().as_bytes()));
    assert_eq!(get("code_challenge"), Some(challenge.as_str()));
    assert!(
        first.code_verifier().len() >= 43 && !first.url().contains(first.code_verifier()),
        "RFC 7636: 43 to 128 characters, never sent"
    );
    assert_ne!(first.state(), second.state());
    assert_ne!(first.code_verifier(), second.code_verifier());
}

#[test]
fn a_web_app_redeems_the_code_with_its_verifier_and_secret_then_refreshes_and_saves() {
    let login = login(vec![tokens("access-1", "refresh-1", 2), tokens("access-2", "refresh-2", 3600)]);
    let graph = graph();
    let flow = web_app(&login);
    let pending = flow.start().expect("started");
    let redirect = format!("{REDIRECT}?code=the-code&state={}&session_state=x", pending.state());
    let store = MemoryStore::default();
    let credential = block_on(flow.redeem(&pending, &redirect)).expect("redeemed").with_store(store.clone()).expect("saved");
    let client = Client::new(credential).with_root(graph.root());
    block_on(async {
        client.send(&me()).await.expect("with the code's token");
        tokio::time::sleep(Duration::from_millis(1200)).await;
        client.send(&me()).await.expect("refreshed");
    });
    let posts: Vec<HashMap<String, String>> = login.received().iter().map(form).collect();
    assert_eq!(login.received()[0].raw_path(), format!("/{TENANT}/oauth2/v2.0/token"));
    let code = &posts[0];
    let get = |k: &str| code.get(k).map(String::as_str);
    assert_eq!(get("grant_type"), Some("authorization_code"));
    assert_eq!(get("code"), Some("the-code"));
    assert_eq!(get("redirect_uri"), Some(REDIRECT));
    assert_eq!(get("code_verifier"), Some(pending.code_verifier()));
    assert_eq!(get("client_secret"), Some(SECRET));
    assert_eq!(
        get("scope"),
        Some("openid profile https://graph.microsoft.com/User.Read https://graph.microsoft.com/Mail.Read offline_access")
    );
    let refresh = &posts[1];
    assert_eq!(refresh.get("grant_type").map(String::as_str), Some("refresh_token"));
    assert_eq!(refresh.get("refresh_token").map(String::as_str), Some("refresh-1"));
    assert_eq!(refresh.get("client_secret").map(String::as_str), Some(SECRET), "a confidential client proves itself on refresh too");
    assert_eq!(bearers(&graph), ["Bearer access-1", "Bearer access-2"]);
    assert_eq!(*store.0.lock().unwrap(), ["refresh-1", "refresh-2"]);
}

#[test]
fn a_redirect_with_another_state_or_an_error_sends_nothing() {
    let login = login(vec![tokens("access", "refresh", 3600)]);
    let flow = web_app(&login);
    let pending = flow.start().expect("started");
    for redirect in [format!("{REDIRECT}?code=c&state=forged"), format!("{REDIRECT}?code=c"), format!("?state={}", pending.state())] {
        let err = block_on(flow.redeem(&pending, &redirect)).expect_err("not ours");
        let auth = err.auth_error().expect("a sign-in error");
        assert!(matches!(auth, AuthError::Redirect(_)), "{redirect}: {auth:?}");
    }
    let declined =
        format!("{REDIRECT}?error=access_denied&error_description=AADSTS65004%3A+User+declined+to+consent.&state={}", pending.state());
    let err = block_on(flow.redeem(&pending, &declined)).expect_err("declined");
    let auth = err.auth_error().expect("a sign-in error");
    assert_eq!(auth.oauth_error(), Some("access_denied"));
    assert_eq!(auth.aadsts().as_deref(), Some("AADSTS65004"));
    assert!(err.to_string().contains("/oauth2/v2.0/authorize") && err.to_string().contains("declined"), "{err}");
    assert!(err.to_string().starts_with("sign-in refused by "), "no token provider was asked: {err}");
    assert!(login.received().is_empty(), "no code was sent anywhere");
}

#[test]
fn a_restored_sign_in_redeems_like_the_one_that_started_it() {
    let login = login(vec![tokens("access", "refresh", 3600)]);
    let flow = web_app(&login);
    let started = flow.start().expect("started");
    let restored = PendingSignIn::restore(started.state(), started.code_verifier());
    let credential = block_on(flow.redeem(&restored, &format!("code=c2&state={}", started.state()))).expect("redeemed");
    assert_eq!(block_on(credential.access_token()).expect("token"), "access");
    assert_eq!(form(&login.received()[0]).get("code_verifier").map(String::as_str), Some(started.code_verifier()));
}

#[test]
fn a_user_resumed_from_a_store_refreshes_and_one_without_a_token_must_sign_in() {
    let login = login(vec![tokens("access-r", "refresh-next", 3600)]);
    let graph = graph();
    let flow = web_app(&login);
    let saved = MemoryStore(Arc::new(Mutex::new(vec!["refresh-saved".into()])));
    block_on(Client::new(flow.resume(saved.clone())).with_root(graph.root()).send(&me())).expect("resumed");
    assert_eq!(form(&login.received()[0]).get("refresh_token").map(String::as_str), Some("refresh-saved"));
    assert_eq!(saved.0.lock().unwrap().last().map(String::as_str), Some("refresh-next"));
    assert_eq!(bearers(&graph), ["Bearer access-r"]);
    let err = block_on(Client::new(flow.resume(MemoryStore::default())).with_root(graph.root()).send(&me())).expect_err("nobody signed in");
    assert!(err.auth_error().is_some_and(AuthError::needs_sign_in), "{err:?}");
    assert_eq!(login.received().len(), 1, "nothing to refresh with, nothing sent");
}

#[test]
fn a_refused_refresh_says_the_user_must_sign_in_again() {
    let login = login(vec![invalid_grant()]);
    let graph = graph();
    let flow = web_app(&login);
    let saved = MemoryStore(Arc::new(Mutex::new(vec!["refresh-revoked".into()])));
    let client = Client::new(flow.resume(saved.clone())).with_root(graph.root());
    let mut said = Vec::new();
    for _ in 0..2 {
        let err = block_on(client.send(&me())).expect_err("revoked");
        let auth = err.auth_error().expect("a sign-in error");
        assert!(auth.needs_sign_in(), "{auth:?}");
        said.push(err.to_string());
    }
    assert_eq!(login.received().len(), 1, "a refused refresh token is not sent again");
    assert!(said[1].contains("refused") && said[1].contains("invalid_grant"), "the second error still says why: {said:?}");
    assert!(saved.0.lock().unwrap().is_empty(), "the refused token is cleared from the store");
    assert!(graph.received().is_empty());
}

#[test]
fn a_token_graph_refuses_before_its_expiry_is_refreshed_and_a_refused_refresh_says_sign_in() {
    // The user's sessions were revoked: Graph refuses the access token (a plain 401), the
    // refresh that follows is refused too, and the web app learns to send them to sign in.
    let login = login(vec![tokens("access-1", "refresh-1", 3600), invalid_grant()]);
    let graph = Server::start(|_, _| Reply::json(401, r#"{"error":{"code":"InvalidAuthenticationToken","message":"revoked"}}"#));
    let flow = web_app(&login);
    let pending = flow.start().expect("started");
    let credential = block_on(flow.redeem(&pending, &format!("code=c&state={}", pending.state()))).expect("redeemed");
    let err = block_on(Client::new(credential).with_root(graph.root()).send(&me())).expect_err("revoked");
    assert!(err.auth_error().is_some_and(AuthError::needs_sign_in), "{err:?}");
    assert_eq!(bearers(&graph), ["Bearer access-1"], "the refused token is not sent again");
    assert_eq!(form(&login.received()[1]).get("refresh_token").map(String::as_str), Some("refresh-1"));
}

#[test]
fn a_certificate_web_app_sends_an_assertion_and_nothing_prints_a_secret() {
    let login = login(vec![tokens("access-c", "refresh-c", 3600)]);
    let certificate = Certificate::from_pem(TEST_PEM).expect("certificate");
    let flow = AuthorizationCodeFlow::new(TENANT, CLIENT_ID, REDIRECT, ["User.Read"])
        .with_certificate(certificate)
        .with_authority(authority(&login));
    let pending = flow.start().expect("started");
    let credential = block_on(flow.redeem(&pending, &format!("code=the-code-of-c3&state={}", pending.state()))).expect("redeemed");
    let code = form(&login.received()[0]);
    assert_eq!(code.get("client_assertion_type").map(String::as_str), Some("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
    assert!(code.get("client_assertion").is_some_and(|a| a.split('.').count() == 3) && !code.contains_key("client_secret"));
    let secret_flow = web_app(&login);
    let printed = [format!("{flow:?}"), format!("{pending:?}"), format!("{credential:?}"), format!("{secret_flow:?}")];
    for text in &printed {
        for secret in [SECRET, pending.code_verifier(), "access-c", "refresh-c", "the-code-of-c3"] {
            assert!(!text.contains(secret), "{secret:?} printed in {text}");
        }
    }
    assert!(printed[0].contains(CLIENT_ID) && printed[0].contains(REDIRECT), "{printed:?}");
}

#[test]
fn the_id_token_names_the_account_and_one_client_serves_each_user_with_their_token() {
    let login = login(vec![tokens_for("access-ada", "refresh-ada", "oid-ada"), tokens_for("access-bo", "refresh-bo", "oid-bo")]);
    let graph = graph();
    let flow = web_app(&login);
    let shared = Client::new(NoToken).with_root(graph.root());
    let mut clients = Vec::new();
    for user in ["ada", "bo"] {
        let pending = flow.start().expect("started");
        let credential = block_on(flow.redeem(&pending, &format!("code=code-{user}&state={}", pending.state()))).expect("redeemed");
        let account = credential.account().expect("an account");
        assert_eq!(account.object_id.as_deref(), Some(format!("oid-{user}").as_str()));
        assert_eq!(account.tenant_id.as_deref(), Some("tenant-1"));
        assert_eq!(account.username, Some(format!("oid-{user}@contoso.example")));
        clients.push(shared.clone().with_token(credential));
    }
    block_on(async {
        for c in &clients {
            c.send(&me()).await.expect("answered");
        }
    });
    assert_eq!(bearers(&graph), ["Bearer access-ada", "Bearer access-bo"]);
    let err = block_on(shared.send(&me())).expect_err("the shared client has no token");
    assert!(err.to_string().contains("with_token"), "{err}");
    assert_eq!(graph.received().len(), 2, "nothing sent without a token");
}

#[test]
fn sign_out_goes_to_the_tenants_logout_endpoint() {
    let flow = AuthorizationCodeFlow::new(TENANT, CLIENT_ID, REDIRECT, ["User.Read"]).with_authority("https://login.example");
    assert_eq!(flow.sign_out_url(None, None), format!("https://login.example/{TENANT}/oauth2/v2.0/logout"));
    let url = flow.sign_out_url(Some("https://app.contoso.example/signed-out"), Some("hint"));
    assert!(url.starts_with(&format!("https://login.example/{TENANT}/oauth2/v2.0/logout?")), "{url}");
    let q = query(&url);
    assert_eq!(q.get("post_logout_redirect_uri").map(String::as_str), Some("https://app.contoso.example/signed-out"));
    assert_eq!(q.get("logout_hint").map(String::as_str), Some("hint"));
}

#[test]
fn an_id_token_for_another_app_or_tenant_or_expired_names_nobody() {
    let mut other_app = id_claims("oid-x");
    other_app["aud"] = "another-app".into();
    let mut other_issuer = id_claims("oid-x");
    other_issuer["iss"] = "https://login.microsoftonline.com/tenant-2/v2.0".into();
    let mut expired = id_claims("oid-x");
    expired["exp"] = 1_000_000.into();
    let mut in_a_list = id_claims("oid-ok");
    in_a_list["aud"] = serde_json::json!([CLIENT_ID]);
    for (claims, named) in [(other_app, false), (other_issuer, false), (expired, false), (in_a_list, true)] {
        let login = login(vec![tokens_with_id("access", "refresh", claims.clone())]);
        let flow = web_app(&login);
        let pending = flow.start().expect("started");
        let credential = block_on(flow.redeem(&pending, &format!("code=c&state={}", pending.state()))).expect("redeemed");
        assert_eq!(credential.account().is_some(), named, "{claims}");
    }
}
