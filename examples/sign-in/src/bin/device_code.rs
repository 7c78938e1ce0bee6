//! A command-line tool that signs its user in with a device code and keeps them signed in:
//! the refresh token is saved to a file only the user can read, and the next run starts
//! without a prompt. The app registration needs "Allow public client flows" and the delegated
//! permission `User.Read`.
//!
//! GRAPH_CLIENT_ID=<app id> cargo run --manifest-path examples/sign-in/Cargo.toml --bin device-code
//! (GRAPH_TENANT: a tenant id or domain; `organizations` when unset.)

use msgraph::runtime::auth::{DeviceCodeCredential, RefreshTokenStore};
use msgraph::runtime::client::Client;
use msgraph::runtime::BoxError;
use std::path::PathBuf;

/// The refresh token in `~/.config/graph-sign-in/refresh-token`, readable by the user alone.
struct FileStore(PathBuf);

impl RefreshTokenStore for FileStore {
    fn load(&self) -> Result<Option<String>, BoxError> {
        match std::fs::read_to_string(&self.0) {
            Ok(token) => Ok(Some(token.trim().to_string())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    fn save(&self, refresh_token: &str) -> Result<(), BoxError> {
        if let Some(dir) = self.0.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        std::io::Write::write_all(&mut options.open(&self.0)?, refresh_token.as_bytes())?;
        Ok(())
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let client_id = std::env::var("GRAPH_CLIENT_ID").map_err(|_| "set GRAPH_CLIENT_ID to the app registration's id")?;
    let tenant = std::env::var("GRAPH_TENANT").unwrap_or_else(|_| "organizations".into());
    let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")).ok_or("no home directory")?;
    let store = FileStore(PathBuf::from(home).join(".config/graph-sign-in/refresh-token"));

    let credential =
        DeviceCodeCredential::new(tenant, client_id, ["User.Read"], |prompt| eprintln!("{}", prompt.message)).with_store(store);
    credential.sign_in().await?;
    let client = Client::new(credential);
    for phone in client.all(msgraph::me().profile().phones().list()).await? {
        println!("{}", phone.number.as_deref().unwrap_or("(no number)"));
    }
    Ok(())
}
