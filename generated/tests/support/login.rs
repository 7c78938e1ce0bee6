//! What the sign-in tests share: the test app's names, a token endpoint's form as read, a
//! Graph root that records the bearer tokens it gets, and a refresh token store in memory.
//!
//! Hand-written: the generator copies this file from `templates/tests/support/login.rs`.

use super::{Received, Reply, Server};
use msgraph::runtime::auth::RefreshTokenStore;
use msgraph::runtime::{BoxError, Json, Request};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// TEST-ONLY certificate and key (self-signed, trusted by nothing): see the file's header.
pub const TEST_PEM: &str = include_str!("test_only_cert.pem");
pub const TENANT: &str = "contoso.example";
pub const CLIENT_ID: &str = "00000000-1111-2222-3333-444444444444";
pub const SECRET: &str = "s3cret~value-that-must-never-print";

/// `http://127.0.0.1:port`: the server as an authority host.
pub fn authority(server: &Server) -> String {
    server.root().trim_end_matches(&format!("/{}", msgraph::API_VERSION)).to_string()
}

/// The form a token endpoint received.
pub fn form(r: &Received) -> HashMap<String, String> {
    form_urlencoded::parse(&r.body).into_owned().collect()
}

/// A Graph root that answers every request, recording the bearer tokens it was sent.
pub fn graph() -> Server {
    Server::start(|_, _| Reply::json(200, r#"{"id":"me"}"#))
}

pub fn me() -> Request<Json<Value>> {
    Request::new(http::Method::GET, "/me")
}

pub fn bearers(graph: &Server) -> Vec<String> {
    graph.received().iter().map(|r| r.header("authorization").unwrap_or("").to_string()).collect()
}

/// Refresh tokens as saved, oldest first; `clear` empties it.
#[derive(Clone, Default)]
pub struct MemoryStore(pub Arc<Mutex<Vec<String>>>);

impl RefreshTokenStore for MemoryStore {
    fn load(&self) -> Result<Option<String>, BoxError> {
        Ok(self.0.lock().unwrap().last().cloned())
    }

    fn save(&self, refresh_token: &str) -> Result<(), BoxError> {
        self.0.lock().unwrap().push(refresh_token.to_string());
        Ok(())
    }

    fn clear(&self) -> Result<(), BoxError> {
        self.0.lock().unwrap().clear();
        Ok(())
    }
}
