//! App-only sign-in, as a daemon or a scheduled job does it: the app's own identity from the
//! environment (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, and `AZURE_CLIENT_SECRET` or
//! `AZURE_CLIENT_CERTIFICATE_PATH`), then a user's phone numbers (application permission
//! `User.Read.All`).
//!
//! cargo run --manifest-path examples/sign-in/Cargo.toml --bin app-only -- ada@contoso.com

use msgraph::runtime::auth::ClientCredential;
use msgraph::runtime::client::Client;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let user = std::env::args().nth(1).ok_or("usage: app-only <user id or userPrincipalName>")?;
    let client = Client::new(ClientCredential::from_env()?);
    let phones = client.all(msgraph::users().id(&user).profile().phones().list()).await?;
    for phone in phones {
        println!("{}", phone.number.as_deref().unwrap_or("(no number)"));
    }
    Ok(())
}
