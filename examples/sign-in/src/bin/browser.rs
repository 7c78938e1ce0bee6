//! A desktop tool that signs its user in through their browser (the authorization code flow
//! with PKCE) and receives the redirect on a loopback address. The app registration needs the
//! "Mobile and desktop applications" platform with the redirect URI `http://localhost:8400`
//! and the delegated permission `User.Read`. A web app does the same with `.with_secret(..)`
//! and its own routes (docs/sign-in.md).
//!
//! GRAPH_CLIENT_ID=<app id> cargo run --manifest-path examples/sign-in/Cargo.toml --bin browser
//! (GRAPH_TENANT: a tenant id or domain; `organizations` when unset.)

use msgraph::runtime::auth::AuthorizationCodeFlow;
use msgraph::runtime::client::Client;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

const REDIRECT: &str = "http://localhost:8400";

/// Waits for the browser's one request to the redirect URI and answers it with a page the
/// user can close; the request's target (`/?code=...&state=...`).
fn receive_redirect(listener: &TcpListener) -> std::io::Result<String> {
    let (mut stream, _) = listener.accept()?;
    let mut line = String::new();
    BufReader::new(&stream).read_line(&mut line)?;
    let page = "Signed in: you can close this tab.";
    write!(stream, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}", page.len())?;
    // "GET /?code=...&state=... HTTP/1.1"
    Ok(line.split_whitespace().nth(1).unwrap_or("").to_string())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let client_id = std::env::var("GRAPH_CLIENT_ID").map_err(|_| "set GRAPH_CLIENT_ID to the app registration's id")?;
    let tenant = std::env::var("GRAPH_TENANT").unwrap_or_else(|_| "organizations".into());
    // Listen before the browser is sent anywhere, so the redirect cannot arrive first.
    let listener = TcpListener::bind("127.0.0.1:8400")?;

    let flow = AuthorizationCodeFlow::new(tenant, client_id, REDIRECT, ["User.Read"]);
    let pending = flow.start()?;
    eprintln!("Open this page to sign in:\n{}", pending.url());
    let redirect = receive_redirect(&listener)?;
    let credential = flow.redeem(&pending, &redirect).await?;

    let client = Client::new(credential);
    for phone in client.all(msgraph::me().profile().phones().list()).await? {
        println!("{}", phone.number.as_deref().unwrap_or("(no number)"));
    }
    Ok(())
}
