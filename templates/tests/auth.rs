//! Sign-in (`runtime::auth`) against a token endpoint and a Graph root on 127.0.0.1, each of
//! which checks what reaches it: the form of each grant, the client assertion's signature
//! (verified with the test certificate's public key), the bearer token Graph receives, one
//! token fetch for many concurrent requests, refresh ahead of expiry, device code polling,
//! a claims challenge, a refused sign-in and what formatted output holds.
//!
//! Hand-written: the generator copies this file from `templates/tests/auth.rs`.
#![cfg(feature = "auth")]

mod support;

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use base64::Engine;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::login::{authority, bearers, form, graph, me, MemoryStore, CLIENT_ID, SECRET, TENANT, TEST_PEM};
use support::{block_on, Reply, Server};
use CRATE::runtime::auth::{AuthError, Certificate, ClientCredential, DeviceCodeCredential, DeviceCodePrompt, SigningAlgorithm};
use CRATE::runtime::client::{Client, TokenProvider};
use CRATE::runtime::{BoxError, Error};

const GRAPH_SCOPE: &str = "https://graph.microsoft.com/.default";

fn token(access: &str, expires_in: u64) -> Reply {
    Reply::json(
        200,
        &format!(r#"{{"token_type":"Bearer","expires_in":{expires_in},"ext_expires_in":{expires_in},"access_token":"{access}"}}"#),
    )
}

fn delegated_token(access: &str, refresh: &str, expires_in: u64) -> Reply {
    let body = format!(
        r#"{{"token_type":"Bearer","scope":"User.Read","expires_in":{expires_in},"access_token":"{access}","refresh_token":"{refresh}"}}"#
    );
    Reply::json(200, &body)
}

fn oauth_error(status: u16, error: &str, code: u64, description: &str) -> Reply {
    let body = serde_json::json!({
        "error": error,
        // As Entra writes it: one line each, ended by CR LF.
        "error_description": format!("AADSTS{code}: {description}\r\nTrace ID: 0a1b\r\nCorrelation ID: 2c3d\r\nTimestamp: 2025-01-01 00:00:00Z"),
        "error_codes": [code],
        "trace_id": "0a1b",
        "correlation_id": "2c3d",
    });
    Reply::json(status, &body.to_string())
}

/// Every form the token endpoint received, by path.
fn posts(login: &Server) -> Vec<(String, HashMap<String, String>)> {
    login.received().iter().map(|r| (r.raw_path().to_string(), form(r))).collect()
}

#[test]
fn the_client_secret_grant_posts_its_form_and_graph_gets_the_token() {
    let login = Server::start(|_, _| token("app-token-1", 3600));
    let graph = graph();
    let credential = ClientCredential::secret(TENANT, CLIENT_ID, SECRET).with_authority(authority(&login));
    let client = Client::new(credential).with_root(graph.root());
    block_on(async {
        client.send(&me()).await.expect("first");
        client.send(&me()).await.expect("second, from the cache");
    });
    let got = login.received();
    assert_eq!(got.len(), 1, "one token for both requests");
    assert_eq!(got[0].method, "POST");
    assert_eq!(got[0].raw_path(), format!("/{TENANT}/oauth2/v2.0/token"));
    assert_eq!(got[0].header("content-type"), Some("application/x-www-form-urlencoded"));
    let form = form(&got[0]);
    assert_eq!(form.get("grant_type").map(String::as_str), Some("client_credentials"));
    assert_eq!(form.get("client_id").map(String::as_str), Some(CLIENT_ID));
    assert_eq!(form.get("client_secret").map(String::as_str), Some(SECRET));
    assert_eq!(form.get("scope").map(String::as_str), Some(GRAPH_SCOPE));
    assert!(!form.contains_key("client_assertion"));
    assert_eq!(bearers(&graph), vec!["Bearer app-token-1", "Bearer app-token-1"]);
}

#[test]
fn a_proxy_page_that_echoes_the_request_prints_without_its_secrets() {
    let login = Server::start(|r, _| {
        let mut page = b"<html>502 Bad Gateway: could not forward ".to_vec();
        page.extend_from_slice(&r.body);
        Reply { status: 502, headers: vec![("Content-Type".into(), "text/html".into())], body: page }
    });
    let graph = graph();
    let credential = ClientCredential::secret(TENANT, CLIENT_ID, SECRET).with_authority(authority(&login));
    let err = block_on(Client::new(credential).with_root(graph.root()).send(&me())).expect_err("502");
    let shown = format!("{err} {err:?}");
    let encoded: String = form_urlencoded::byte_serialize(SECRET.as_bytes()).collect();
    assert!(shown.contains("502") && shown.contains("could not forward") && shown.contains("<redacted>"), "{shown}");
    assert!(!shown.contains(SECRET) && !shown.contains(&encoded), "{shown}");
    assert!(graph.received().is_empty());
}

/// The RSAPublicKey inside a certificate: Certificate → tbsCertificate → the seventh field
/// (subjectPublicKeyInfo, after the optional version) → its BIT STRING. A few lines of DER,
/// so the test takes the key from the certificate, not from the private key.
fn public_key_of(cert: &[u8]) -> Vec<u8> {
    /// (tag, contents, rest) of the DER element at the start of `der`.
    fn element(der: &[u8]) -> (u8, &[u8], &[u8]) {
        let (tag, first) = (der[0], der[1] as usize);
        let (len, head) = if first < 0x80 {
            (first, 2)
        } else {
            let n = first & 0x7f;
            (der[2..2 + n].iter().fold(0, |acc, b| (acc << 8) | *b as usize), 2 + n)
        };
        (tag, &der[head..head + len], &der[head + len..])
    }
    let (_, certificate, _) = element(cert);
    let (_, tbs, _) = element(certificate);
    let mut rest = tbs;
    let mut fields = Vec::new();
    while !rest.is_empty() {
        let (tag, contents, next) = element(rest);
        if tag != 0xa0 {
            fields.push(contents);
        }
        rest = next;
    }
    // serial, signature, issuer, validity, subject, subjectPublicKeyInfo
    let (_, _, after_algorithm) = element(fields[5]);
    let (tag, bits, _) = element(after_algorithm);
    assert_eq!(tag, 0x03, "a BIT STRING");
    bits[1..].to_vec()
}

fn b64_json(part: &str) -> Value {
    serde_json::from_slice(&B64URL.decode(part).expect("base64url")).expect("JSON")
}

fn assertion_test(algorithm: SigningAlgorithm, verify: &'static dyn ring::signature::VerificationAlgorithm, alg: &str) {
    use rustls_pki_types::pem::PemObject;
    let login = Server::start(|_, _| token("app-token-cert", 3600));
    let graph = graph();
    let certificate = Certificate::from_pem(TEST_PEM).expect("the test certificate").with_algorithm(algorithm);
    let credential = ClientCredential::certificate(TENANT, CLIENT_ID, certificate).with_authority(authority(&login));
    block_on(Client::new(credential).with_root(graph.root()).send(&me())).expect("answer");
    let form = form(&login.received()[0]);
    assert_eq!(form.get("client_assertion_type").map(String::as_str), Some("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
    assert!(!form.contains_key("client_secret"));
    let jwt = form.get("client_assertion").expect("an assertion");
    let parts: Vec<&str> = jwt.split('.').collect();
    assert_eq!(parts.len(), 3, "header.claims.signature");

    let der = rustls_pki_types::CertificateDer::from_pem_slice(TEST_PEM.as_bytes()).expect("the certificate");
    let public = ring::signature::UnparsedPublicKey::new(verify, public_key_of(der.as_ref()));
    let signature = B64URL.decode(parts[2]).expect("base64url signature");
    public.verify(format!("{}.{}", parts[0], parts[1]).as_bytes(), &signature).expect("signed with the certificate's key");

    let header = b64_json(parts[0]);
    assert_eq!(header["alg"], alg);
    assert_eq!(header["typ"], "JWT");
    let thumbprint = B64URL.encode(ring::digest::digest(&ring::digest::SHA256, der.as_ref()));
    assert_eq!(header["x5t#S256"], thumbprint.as_str(), "SHA-256 thumbprint of the certificate's DER");
    let claims = b64_json(parts[1]);
    assert_eq!(claims["aud"], format!("{}/{TENANT}/oauth2/v2.0/token", authority(&login)).as_str());
    assert_eq!(claims["iss"], CLIENT_ID);
    assert_eq!(claims["sub"], CLIENT_ID);
    assert!(claims["jti"].as_str().is_some_and(|j| j.len() == 36), "{claims}");
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let (nbf, exp) = (claims["nbf"].as_u64().unwrap(), claims["exp"].as_u64().unwrap());
    assert!(nbf <= now && now < exp && exp <= now + 600, "{claims}");
    assert_eq!(bearers(&graph), vec!["Bearer app-token-cert"]);
}

#[test]
fn a_certificate_signs_an_rs256_assertion_the_certificate_s_key_verifies() {
    assertion_test(SigningAlgorithm::Rs256, &ring::signature::RSA_PKCS1_2048_8192_SHA256, "RS256");
}

#[test]
fn a_certificate_signs_a_ps256_assertion_the_certificate_s_key_verifies() {
    assertion_test(SigningAlgorithm::Ps256, &ring::signature::RSA_PSS_2048_8192_SHA256, "PS256");
}

#[test]
fn twenty_concurrent_requests_share_one_token_fetch() {
    // A slow endpoint: all twenty requests want a token while the first fetch is out.
    let login = Server::start(|_, _| {
        std::thread::sleep(Duration::from_millis(200));
        token("shared-token", 3600)
    });
    let graph = graph();
    let credential = ClientCredential::secret(TENANT, CLIENT_ID, SECRET).with_authority(authority(&login));
    let client = Client::new(credential).with_root(graph.root());
    block_on(async {
        let mut set = tokio::task::JoinSet::new();
        for _ in 0..20 {
            let client = client.clone();
            set.spawn(async move { client.send(&me()).await.map(drop) });
        }
        while let Some(done) = set.join_next().await {
            done.expect("task").expect("answer");
        }
    });
    assert_eq!(login.received().len(), 1, "one fetch, no thundering herd");
    assert_eq!(bearers(&graph), vec!["Bearer shared-token"; 20]);
}

#[test]
fn an_expired_token_is_never_sent() {
    let mut n = 0;
    let login = Server::start(move |_, _| {
        n += 1;
        token(&format!("short-{n}"), 1)
    });
    let graph = graph();
    let credential = ClientCredential::secret(TENANT, CLIENT_ID, SECRET).with_authority(authority(&login));
    let client = Client::new(credential).with_root(graph.root());
    block_on(async {
        client.send(&me()).await.expect("first");
        tokio::time::sleep(Duration::from_millis(1100)).await;
        client.send(&me()).await.expect("second");
    });
    assert_eq!(bearers(&graph), vec!["Bearer short-1", "Bearer short-2"]);
}

/// A token endpoint for the device code flow: the device code answer, then the token
/// endpoint's answers in turn (the last one repeats).
fn device_login(token_answers: Vec<Reply>) -> Server {
    let mut answers = token_answers.into_iter().peekable();
    let mut last = None;
    Server::start(move |r, _| {
        if r.raw_path().ends_with("/devicecode") {
            let body = r#"{"device_code":"dc-123","user_code":"ABCD-EFGH","verification_uri":"https://microsoft.com/devicelogin","expires_in":900,"interval":1,"message":"To sign in, open https://microsoft.com/devicelogin and enter ABCD-EFGH."}"#;
            return Reply::json(200, body);
        }
        if let Some(next) = answers.next() {
            last = Some(next);
        }
        last.clone().expect("an answer")
    })
}

type Prompts = Arc<Mutex<Vec<DeviceCodePrompt>>>;

fn device_credential(login: &Server) -> (DeviceCodeCredential, Prompts) {
    let prompts: Prompts = Arc::default();
    let seen = prompts.clone();
    let credential =
        DeviceCodeCredential::new("organizations", CLIENT_ID, ["User.Read", "Mail.Read"], move |p| seen.lock().unwrap().push(p.clone()))
            .with_authority(authority(login))
            .with_poll_unit(Duration::from_millis(20));
    (credential, prompts)
}

#[test]
fn a_poll_that_meets_a_passing_server_error_polls_on_and_too_many_end_the_sign_in() {
    let pending = || oauth_error(400, "authorization_pending", 70016, "OAuth 2.0 device flow error. Authorization is pending.");
    let hiccup =
        || Reply { status: 502, headers: vec![("Content-Type".into(), "text/html".into())], body: b"<html>Bad Gateway</html>".to_vec() };
    let login = device_login(vec![pending(), hiccup(), pending(), hiccup(), delegated_token("user-token", "refresh-1", 3600)]);
    let graph = graph();
    let (credential, _) = device_credential(&login);
    block_on(Client::new(credential).with_root(graph.root()).send(&me())).expect("signed in through the hiccups");
    assert_eq!(bearers(&graph), vec!["Bearer user-token"]);
    // Four failures in a row: the endpoint is down, not passing.
    let login = device_login(vec![hiccup()]);
    let (credential, _) = device_credential(&login);
    let err = block_on(Client::new(credential).with_root(graph.root()).send(&me())).expect_err("down");
    assert!(err.to_string().contains("502"), "{err}");
    assert_eq!(posts(&login).len(), 1 + 4, "the device code, then four polls");
}

#[test]
fn device_code_shows_the_message_and_polls_through_pending_and_slow_down() {
    let pending = || oauth_error(400, "authorization_pending", 70016, "OAuth 2.0 device flow error. Authorization is pending.");
    let slow_down = oauth_error(400, "slow_down", 70016, "Polling too fast.");
    let login = device_login(vec![pending(), slow_down, pending(), delegated_token("user-token", "refresh-1", 3600)]);
    let graph = graph();
    let (credential, prompts) = device_credential(&login);
    let client = Client::new(credential).with_root(graph.root());
    let start = Instant::now();
    block_on(client.send(&me())).expect("answer");
    let prompts = prompts.lock().unwrap().clone();
    assert_eq!(prompts.len(), 1, "shown once");
    assert_eq!(prompts[0].user_code, "ABCD-EFGH");
    assert_eq!(prompts[0].verification_uri, "https://microsoft.com/devicelogin");
    assert_eq!(prompts[0].message, "To sign in, open https://microsoft.com/devicelogin and enter ABCD-EFGH.");
    let posts = posts(&login);
    assert_eq!(posts.len(), 5, "device code, then four polls");
    assert_eq!(posts[0].0, "/organizations/oauth2/v2.0/devicecode");
    assert_eq!(posts[0].1.get("client_id").map(String::as_str), Some(CLIENT_ID));
    let scope = "https://graph.microsoft.com/User.Read https://graph.microsoft.com/Mail.Read offline_access";
    assert_eq!(posts[0].1.get("scope").map(String::as_str), Some(scope));
    for (path, form) in &posts[1..] {
        assert_eq!(path, "/organizations/oauth2/v2.0/token");
        assert_eq!(form.get("grant_type").map(String::as_str), Some("urn:ietf:params:oauth:grant-type:device_code"));
        assert_eq!(form.get("device_code").map(String::as_str), Some("dc-123"));
        assert_eq!(form.get("client_id").map(String::as_str), Some(CLIENT_ID));
    }
    // Polls wait 1, 1, 6 (slow_down added five), 6 units of 20 ms: at least 280 ms.
    assert!(start.elapsed() >= Duration::from_millis(280), "{:?}", start.elapsed());
    assert_eq!(bearers(&graph), vec!["Bearer user-token"]);
}

#[test]
fn an_expired_or_declined_device_code_is_a_refused_sign_in() {
    for (error, code) in [("expired_token", 70020), ("access_denied", 70019)] {
        let login = device_login(vec![oauth_error(400, error, code, "The user did not sign in.")]);
        let graph = graph();
        let (credential, _) = device_credential(&login);
        let err = block_on(Client::new(credential).with_root(graph.root()).send(&me())).expect_err("refused");
        let Error::Token(cause) = &err else { panic!("a token error: {err:?}") };
        let auth = cause.downcast_ref::<AuthError>().expect("an AuthError");
        assert_eq!(auth.oauth_error(), Some(error));
        assert_eq!(auth.aadsts().as_deref(), Some(format!("AADSTS{code}").as_str()));
        assert_eq!(login.received().len(), 2, "no polling after {error}");
        assert!(graph.received().is_empty(), "nothing reaches Graph");
    }
}

#[test]
fn a_delegated_token_is_refreshed_before_it_expires_and_the_new_refresh_token_saved() {
    let login = device_login(vec![delegated_token("user-token-1", "refresh-1", 2), delegated_token("user-token-2", "refresh-2", 3600)]);
    let graph = graph();
    let store = MemoryStore::default();
    let (credential, prompts) = device_credential(&login);
    let client = Client::new(credential.with_store(store.clone())).with_root(graph.root());
    let start = Instant::now();
    block_on(async {
        client.send(&me()).await.expect("signed in");
        // Past half the two-second lifetime, before its end.
        tokio::time::sleep(Duration::from_millis(1200)).await;
        client.send(&me()).await.expect("refreshed");
    });
    assert!(start.elapsed() < Duration::from_millis(1900), "the refresh came before expiry: {:?}", start.elapsed());
    assert_eq!(prompts.lock().unwrap().len(), 1, "signed in once");
    let posts = posts(&login);
    let refresh = &posts.last().expect("a refresh").1;
    assert_eq!(refresh.get("grant_type").map(String::as_str), Some("refresh_token"));
    assert_eq!(refresh.get("refresh_token").map(String::as_str), Some("refresh-1"));
    assert_eq!(refresh.get("client_id").map(String::as_str), Some(CLIENT_ID));
    assert!(refresh.get("scope").is_some_and(|s| s.ends_with("offline_access")), "{refresh:?}");
    assert_eq!(bearers(&graph), vec!["Bearer user-token-1", "Bearer user-token-2"]);
    assert_eq!(*store.0.lock().unwrap(), vec!["refresh-1", "refresh-2"], "each new refresh token saved");
}

#[test]
fn a_saved_refresh_token_signs_in_without_a_prompt() {
    let login = device_login(vec![delegated_token("user-token", "refresh-new", 3600)]);
    let graph = graph();
    let store = MemoryStore(Arc::new(Mutex::new(vec!["refresh-saved".to_string()])));
    let (credential, prompts) = device_credential(&login);
    let credential = credential.with_store(store.clone());
    block_on(credential.sign_in()).expect("signed in");
    block_on(Client::new(credential).with_root(graph.root()).send(&me())).expect("answer");
    assert!(prompts.lock().unwrap().is_empty(), "no device code");
    let posts = posts(&login);
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].1.get("refresh_token").map(String::as_str), Some("refresh-saved"));
    assert_eq!(store.0.lock().unwrap().last().map(String::as_str), Some("refresh-new"));
    assert_eq!(bearers(&graph), vec!["Bearer user-token"]);
}

#[test]
fn without_prompt_a_missing_or_refused_refresh_token_says_to_sign_in() {
    let revoked = oauth_error(400, "invalid_grant", 700082, "The refresh token has expired due to inactivity.");
    let login = device_login(vec![revoked]);
    let graph = graph();
    let saved = MemoryStore(Arc::new(Mutex::new(vec!["refresh-revoked".to_string()])));
    for store in [saved.clone(), MemoryStore::default()] {
        let (credential, prompts) = device_credential(&login);
        let credential = credential.with_store(store).without_prompt();
        let err = block_on(Client::new(credential).with_root(graph.root()).send(&me())).expect_err("signed out");
        assert!(err.auth_error().is_some_and(AuthError::needs_sign_in), "{err:?}");
        assert!(prompts.lock().unwrap().is_empty(), "no device code shown");
    }
    let paths: Vec<String> = login.received().iter().map(|r| r.raw_path().to_string()).collect();
    assert_eq!(paths, ["/organizations/oauth2/v2.0/token"], "one refused refresh, no device code asked for");
    assert!(saved.0.lock().unwrap().is_empty(), "the refused token is cleared");
    assert!(graph.received().is_empty());
}

#[test]
fn a_refresh_token_the_endpoint_no_longer_takes_starts_a_device_code_sign_in() {
    let revoked = oauth_error(400, "invalid_grant", 700082, "The refresh token has expired due to inactivity.");
    let login = device_login(vec![revoked, delegated_token("user-token", "refresh-fresh", 3600)]);
    let graph = graph();
    let store = MemoryStore(Arc::new(Mutex::new(vec!["refresh-old".to_string()])));
    let (credential, prompts) = device_credential(&login);
    block_on(Client::new(credential.with_store(store.clone())).with_root(graph.root()).send(&me())).expect("signed in again");
    let grants: Vec<String> = posts(&login).iter().map(|(path, f)| f.get("grant_type").cloned().unwrap_or(path.clone())).collect();
    assert_eq!(grants, ["refresh_token", "/organizations/oauth2/v2.0/devicecode", "urn:ietf:params:oauth:grant-type:device_code"]);
    assert_eq!(prompts.lock().unwrap().len(), 1);
    assert_eq!(store.0.lock().unwrap().last().map(String::as_str), Some("refresh-fresh"));
    assert_eq!(bearers(&graph), vec!["Bearer user-token"]);
}

const CLAIMS: &str = r#"{"access_token":{"nbf":{"essential":true,"value":"1726077595"}}}"#;

fn challenge() -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(CLAIMS);
    format!(
        r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="{encoded}""#
    )
}

#[test]
fn a_claims_challenge_is_answered_once_with_a_token_for_those_claims() {
    let login = device_login(vec![delegated_token("user-token-1", "refresh-1", 3600), delegated_token("user-token-2", "refresh-2", 3600)]);
    let graph = Server::start(|r, _| match r.header("authorization") {
        Some("Bearer user-token-1") => Reply::json(
            401,
            r#"{"error":{"code":"InvalidAuthenticationToken","message":"Continuous access evaluation resulted in challenge"}}"#,
        )
        .header("WWW-Authenticate", &challenge()),
        _ => Reply::json(200, r#"{"id":"me"}"#),
    });
    let (credential, _) = device_credential(&login);
    block_on(Client::new(credential).with_root(graph.root()).send(&me())).expect("answered after the challenge");
    assert_eq!(bearers(&graph), vec!["Bearer user-token-1", "Bearer user-token-2"]);
    let posts = posts(&login);
    let refresh = &posts.last().expect("a refresh").1;
    assert_eq!(refresh.get("grant_type").map(String::as_str), Some("refresh_token"));
    assert_eq!(refresh.get("claims").map(String::as_str), Some(CLAIMS), "the claims, decoded");
}

#[test]
fn a_second_claims_challenge_is_the_error() {
    let mut n = 0;
    let login = Server::start(move |_, _| {
        n += 1;
        token(&format!("app-token-{n}"), 3600)
    });
    let graph = Server::start(|_, _| {
        Reply::json(401, r#"{"error":{"code":"InvalidAuthenticationToken","message":"challenge"}}"#)
            .header("WWW-Authenticate", &challenge())
    });
    let credential = ClientCredential::secret(TENANT, CLIENT_ID, SECRET).with_authority(authority(&login));
    let err = block_on(Client::new(credential).with_root(graph.root()).send(&me())).expect_err("401");
    assert_eq!(err.status(), Some(401), "{err}");
    assert_eq!(bearers(&graph), vec!["Bearer app-token-1", "Bearer app-token-2"], "one retry, then it gives up");
    let forms = posts(&login);
    assert!(!forms[0].1.contains_key("claims"));
    assert_eq!(forms[1].1.get("claims").map(String::as_str), Some(CLAIMS));
}

#[test]
fn a_401_without_a_claims_challenge_is_sent_once_more_with_a_fresh_token() {
    // Graph refused a token that had not expired (revoked, or the clocks apart): the next
    // attempt carries a new one, and a second refusal is the error.
    let headers =
        [r#"Bearer realm="", error="invalid_token""#, r#"Bearer error="insufficient_claims", claims="not base64!""#, "Basic realm=\"x\""];
    for header in headers {
        let mut n = 0;
        let login = Server::start(move |_, _| {
            n += 1;
            token(&format!("app-token-{n}"), 3600)
        });
        let graph = Server::start(move |_, _| {
            Reply::json(401, r#"{"error":{"code":"InvalidAuthenticationToken","message":"no"}}"#).header("WWW-Authenticate", header)
        });
        let credential = ClientCredential::secret(TENANT, CLIENT_ID, SECRET).with_authority(authority(&login));
        let err = block_on(Client::new(credential).with_root(graph.root()).send(&me())).expect_err("401");
        assert_eq!(err.status(), Some(401));
        assert_eq!(bearers(&graph), vec!["Bearer app-token-1", "Bearer app-token-2"], "{header}");
        assert!(posts(&login).iter().all(|(_, f)| !f.contains_key("claims")), "no claims to send: {header}");
    }
    // Without any `WWW-Authenticate`, the same; and the token fetched for the retry is kept
    // for the requests after it.
    let mut n = 0;
    let login = Server::start(move |_, _| {
        n += 1;
        token(&format!("app-token-{n}"), 3600)
    });
    let graph = Server::start(|r, _| match r.header("authorization") {
        Some("Bearer app-token-1") => Reply::json(401, r#"{"error":{"code":"InvalidAuthenticationToken","message":"revoked"}}"#),
        _ => Reply::json(200, r#"{"id":"me"}"#),
    });
    let client = Client::new(ClientCredential::secret(TENANT, CLIENT_ID, SECRET).with_authority(authority(&login))).with_root(graph.root());
    block_on(client.send(&me())).expect("answered with the fresh token");
    block_on(client.send(&me())).expect("and again");
    assert_eq!(bearers(&graph), vec!["Bearer app-token-1", "Bearer app-token-2", "Bearer app-token-2"]);
    assert_eq!(login.received().len(), 2);
}

#[test]
fn each_cloud_signs_in_at_its_authority_for_its_graph() {
    use CRATE::runtime::auth::{authority_host, default_scope};
    use CRATE::runtime::Cloud;
    let cases = [
        (Cloud::Global, "https://login.microsoftonline.com", "https://graph.microsoft.com"),
        (Cloud::UsGov, "https://login.microsoftonline.us", "https://graph.microsoft.us"),
        (Cloud::UsGovDod, "https://login.microsoftonline.us", "https://dod-graph.microsoft.us"),
        (Cloud::China, "https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn"),
    ];
    for (cloud, host, graph_root) in cases {
        assert_eq!(authority_host(cloud), host);
        assert_eq!(default_scope(cloud), format!("{graph_root}/.default"));
    }
    // The scope follows the cloud on the wire, for app-only and delegated sign-in alike.
    let login = device_login(vec![delegated_token("t", "r", 3600)]);
    let app = ClientCredential::secret(TENANT, CLIENT_ID, SECRET).with_cloud(Cloud::UsGov).with_authority(authority(&login));
    block_on(app.access_token()).expect("app-only");
    let (user, _) = device_credential(&login);
    block_on(user.with_cloud(Cloud::UsGov).with_authority(authority(&login)).sign_in()).expect("delegated");
    let scopes: Vec<String> = posts(&login).iter().take(2).map(|(_, f)| f.get("scope").cloned().unwrap_or_default()).collect();
    let delegated = "https://graph.microsoft.us/User.Read https://graph.microsoft.us/Mail.Read offline_access";
    assert_eq!(scopes, ["https://graph.microsoft.us/.default", delegated]);
}

#[test]
fn a_refused_sign_in_names_the_aadsts_code_and_the_description() {
    let login = Server::start(|_, _| oauth_error(401, "invalid_client", 7000215, "Invalid client secret provided."));
    let graph = graph();
    let credential = ClientCredential::secret(TENANT, CLIENT_ID, SECRET).with_authority(authority(&login));
    let err = block_on(Client::new(credential).with_root(graph.root()).send(&me())).expect_err("refused");
    let text = err.to_string();
    assert!(matches!(err, Error::Token(_)), "{err:?}");
    assert!(text.contains("AADSTS7000215"), "{text}");
    assert!(text.contains("Invalid client secret provided."), "{text}");
    assert!(
        text.contains("invalid_client")
            && text.contains("provided. Trace ID: 0a1b; Correlation ID: 2c3d; Timestamp")
            && !text.contains('\r'),
        "{text}"
    );
    let Error::Token(cause) = &err else { unreachable!() };
    let auth = cause.downcast_ref::<AuthError>().expect("an AuthError");
    assert_eq!(auth.aadsts().as_deref(), Some("AADSTS7000215"));
    let AuthError::Refused(refusal) = auth else { panic!("refused: {auth:?}") };
    assert_eq!((refusal.status, refusal.error.as_str(), refusal.codes.as_slice()), (401, "invalid_client", &[7000215][..]));
    assert_eq!((refusal.trace_id.as_deref(), refusal.correlation_id.as_deref()), (Some("0a1b"), Some("2c3d")));
    assert!(graph.received().is_empty(), "no request without a token");
}

#[test]
fn an_unreachable_token_endpoint_is_a_transport_error() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = closed.local_addr().expect("address").port();
    drop(closed);
    let graph = graph();
    let credential = ClientCredential::secret(TENANT, CLIENT_ID, SECRET).with_authority(format!("http://127.0.0.1:{port}"));
    let err = block_on(Client::new(credential).with_root(graph.root()).send(&me())).expect_err("unreachable");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    let text = err.to_string();
    assert!(text.contains(&format!("127.0.0.1:{port}/{TENANT}/oauth2/v2.0/token")), "{text}");
    // The cause once: the transport error and the sign-in error inside it both print it.
    assert_eq!(text.matches("error sending request").count(), 1, "{text}");
    assert!(graph.received().is_empty());
}

#[test]
fn credentials_go_to_https_or_loopback_only() {
    for authority in ["http://login.example", "ftp://127.0.0.1"] {
        let err =
            block_on(ClientCredential::secret(TENANT, CLIENT_ID, SECRET).with_authority(authority).access_token()).expect_err("refused");
        assert!(matches!(&err, Error::Token(_)) && err.to_string().contains("must be https"), "{err}");
    }
}

#[test]
fn no_secret_assertion_or_token_appears_in_formatted_output() {
    let login = device_login(vec![delegated_token("user-access-token-xyz", "user-refresh-token-xyz", 3600)]);
    let (delegated, _) = device_credential(&login);
    block_on(delegated.sign_in()).expect("signed in");
    let app = ClientCredential::secret(TENANT, CLIENT_ID, SECRET).with_authority(authority(&login));
    block_on(app.access_token()).expect("a token");
    let refused = Server::start(|_, _| oauth_error(401, "invalid_client", 7000215, "Invalid client secret provided."));
    let certificate = Certificate::from_pem(TEST_PEM).expect("certificate");
    let with_certificate = ClientCredential::certificate(TENANT, CLIENT_ID, certificate.clone()).with_authority(authority(&refused));
    let errors = [
        block_on(ClientCredential::secret(TENANT, CLIENT_ID, SECRET).with_authority(authority(&refused)).access_token())
            .expect_err("refused"),
        block_on(with_certificate.access_token()).expect_err("refused"),
        block_on(ClientCredential::secret(TENANT, CLIENT_ID, SECRET).with_authority("http://127.0.0.1:1").access_token())
            .expect_err("unreachable"),
    ];
    let assertion = form(&refused.received()[1]).remove("client_assertion").expect("an assertion");
    let mut printed = vec![format!("{app:?}"), format!("{delegated:?}"), format!("{certificate:?}"), format!("{with_certificate:?}")];
    for e in &errors {
        printed.push(format!("{e}"));
        printed.push(format!("{e:?}"));
    }
    let key_line = TEST_PEM.lines().skip_while(|l| !l.contains("PRIVATE KEY")).nth(1).expect("key material");
    for text in &printed {
        for secret in [SECRET, "user-access-token-xyz", "user-refresh-token-xyz", assertion.as_str(), key_line, "dc-123"] {
            assert!(!text.contains(secret), "{secret:?} printed in {text}");
        }
    }
    assert!(printed[0].contains(CLIENT_ID) && printed[2].contains(certificate.thumbprint()), "{printed:?}");
}

#[test]
fn from_env_reads_the_azure_names_and_says_what_is_missing() {
    let vars = |pairs: &[(&str, &str)]| {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |name: &str| map.get(name).cloned()
    };
    let err = ClientCredential::from_vars(vars(&[])).expect_err("nothing set");
    for name in ["AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH"] {
        assert!(err.to_string().contains(name), "{err}");
    }
    let err = ClientCredential::from_vars(vars(&[("AZURE_TENANT_ID", TENANT), ("AZURE_CLIENT_ID", CLIENT_ID)])).expect_err("no proof");
    assert!(err.to_string().contains("AZURE_CLIENT_SECRET") && !err.to_string().contains("AZURE_TENANT_ID"), "{err}");

    let path = std::env::temp_dir().join(format!("msgraph-auth-test-{}.pem", std::process::id()));
    std::fs::write(&path, TEST_PEM).expect("write the test PEM");
    let login = Server::start(|_, _| token("env-token", 3600));
    let set = [
        ("AZURE_TENANT_ID", TENANT),
        ("AZURE_CLIENT_ID", CLIENT_ID),
        ("AZURE_CLIENT_CERTIFICATE_PATH", path.to_str().expect("a UTF-8 path")),
        ("AZURE_AUTHORITY_HOST", &authority(&login)),
    ];
    let credential = ClientCredential::from_vars(vars(&set)).expect("from the environment");
    assert_eq!(block_on(credential.access_token()).expect("a token"), "env-token");
    let _ = std::fs::remove_file(&path);
    let form = form(&login.received()[0]);
    assert!(form.contains_key("client_assertion") && !form.contains_key("client_secret"), "{form:?}");
    assert_eq!(form.get("scope").map(String::as_str), Some(GRAPH_SCOPE));
    assert_eq!(login.received()[0].raw_path(), format!("/{TENANT}/oauth2/v2.0/token"));
}

#[test]
fn a_pfx_or_a_key_without_its_certificate_is_refused_up_front() {
    let err = Certificate::from_pem(b"\x30\x82\x0a\x00binary pkcs12").expect_err("not PEM");
    assert!(err.to_string().contains("openssl pkcs12"), "{err}");
    let key_only: String = TEST_PEM.lines().skip_while(|l| !l.contains("BEGIN PRIVATE KEY")).collect::<Vec<_>>().join("\n");
    let err = Certificate::from_pem(key_only).expect_err("no certificate");
    assert!(err.to_string().contains("CERTIFICATE"), "{err}");
}

#[test]
fn a_closure_provider_still_declines_challenges() {
    // Providers written before sign-in existed keep compiling and keep their behaviour.
    let provider = || async { Ok::<_, BoxError>("t".to_string()) };
    assert!(!provider.on_unauthorized(&challenge()));
}

#[cfg(feature = "azure-identity")]
mod azure {
    use super::*;
    use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
    use azure_core::time::{Duration as Span, OffsetDateTime};
    use std::future::Future;
    use std::pin::Pin;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use CRATE::runtime::auth::AzureCredential;

    /// Stands in for a managed identity: counts its calls and checks the scope.
    #[derive(Debug, Default)]
    struct Fake(AtomicUsize);

    // What `#[async_trait]` writes, by hand: the test needs no async-trait dependency.
    impl TokenCredential for Fake {
        fn get_token<'a, 'b, 'c, 'd, 'f>(
            &'a self,
            scopes: &'b [&'c str],
            _options: Option<TokenRequestOptions<'d>>,
        ) -> Pin<Box<dyn Future<Output = azure_core::Result<AccessToken>> + Send + 'f>>
        where
            'a: 'f,
            'b: 'f,
            'c: 'f,
            'd: 'f,
        {
            Box::pin(async move {
                assert_eq!(scopes, [GRAPH_SCOPE]);
                let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
                Ok(AccessToken::new(format!("azure-token-{n}"), OffsetDateTime::now_utc() + Span::hours(1)))
            })
        }
    }

    #[test]
    fn an_azure_core_credential_is_a_provider_behind_the_same_cache() {
        let graph = graph();
        let fake = Arc::new(Fake::default());
        let client = Client::new(AzureCredential::new(fake.clone())).with_root(graph.root());
        block_on(async {
            let mut set = tokio::task::JoinSet::new();
            for _ in 0..5 {
                let client = client.clone();
                set.spawn(async move { client.send(&me()).await.map(drop) });
            }
            while let Some(done) = set.join_next().await {
                done.expect("task").expect("answer");
            }
        });
        assert_eq!(fake.0.load(Ordering::SeqCst), 1);
        assert_eq!(bearers(&graph), vec!["Bearer azure-token-1"; 5]);
    }
}
