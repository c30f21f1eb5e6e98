//! The OpenID Connect protocol with the organisation's identity provider:
//! discovery, the authorization request (code flow with PKCE, `state` and
//! `nonce`), the token exchange, checking the ID token (signature with the
//! provider's published keys, issuer, audience, expiry, nonce, access-token
//! hash) and reading the person's claims (ID token and userinfo).
//!
//! No database here: [`super::routes`] keeps the sign-ins under way and the
//! accounts ([`super::queries`]). The provider's metadata and keys are
//! fetched on first use and kept for an hour; an ID token signed with a key
//! we do not know yet (the provider rotated its keys) fetches them again,
//! at most once a second.

use super::types::Refusal;
use domain::sso::{claim_list, claim_text, ProviderPerson, RoleMap};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreIdToken};
use openidconnect::{
    AccessTokenHash, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken,
    EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl, LogoutRequest, Nonce,
    OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl,
    ProviderMetadataWithLogout, RedirectUrl, Scope, SignatureVerificationError, TokenResponse,
};
use serde_json::{Map, Value};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The path the provider sends people back to (register it there).
pub const CALLBACK_PATH: &str = "/inloggen/organisatie/terug";
/// Where sign-in through the organisation starts (`?next=` optional).
pub const START_PATH: &str = "/inloggen/organisatie";
/// Where the provider sends people after signing out there.
pub const SIGNED_OUT_PATH: &str = "/uitgelogd";

/// Metadata and keys are fetched again after this long.
const METADATA_MAX_AGE: Duration = Duration::from_secs(3600);
/// An unknown signing key fetches the keys again, at most this often.
const KEY_REFRESH_MIN_INTERVAL: Duration = Duration::from_secs(1);

/// The settings of sign-in through the organisation (`OIDC_*` settings).
#[derive(Debug, Clone)]
pub struct SsoConfig {
    /// The provider's issuer URL, exactly as in its discovery document.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    pub scopes: Vec<String>,
    /// The claim that holds the employee number (as in the HR import).
    pub employee_number_claim: String,
    /// The claim whose values [`SsoConfig::role_map`] maps to roles.
    pub role_claim: String,
    pub role_map: RoleMap,
    /// Create an account for a person no account matches.
    pub create_accounts: bool,
    /// The organisation's name on the sign-in button.
    pub organisation: String,
    /// The platform's address as people's browsers reach it, without a
    /// trailing slash (`https://leren.gemeente.nl`).
    pub public_url: String,
}

type ProviderClient = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

struct Cached {
    metadata: ProviderMetadataWithLogout,
    fetched: Instant,
}

/// Sign-in through the organisation's provider: its settings, an HTTP
/// client that never follows redirects (SSRF), and the provider's metadata.
pub struct Sso {
    pub config: SsoConfig,
    issuer: IssuerUrl,
    redirect: RedirectUrl,
    http: reqwest::Client,
    cached: tokio::sync::RwLock<Option<Arc<Cached>>>,
}

/// A sign-in about to leave for the provider: where to send the browser,
/// and what the callback must find again.
pub struct Begun {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

impl Sso {
    /// Check the settings (addresses that parse) and build the HTTP client;
    /// the provider is first asked at the first sign-in.
    pub fn new(config: SsoConfig) -> Result<Sso, String> {
        let issuer = IssuerUrl::new(config.issuer.trim_end_matches('/').to_string())
            .map_err(|e| format!("OIDC_ISSUER '{}' is not a URL: {e}", config.issuer))?;
        let public = config.public_url.trim_end_matches('/').to_string();
        let redirect = RedirectUrl::new(format!("{public}{CALLBACK_PATH}"))
            .map_err(|e| format!("PUBLIC_URL '{}' is not a URL: {e}", config.public_url))?;
        if config.client_id.trim().is_empty() {
            return Err("OIDC_CLIENT_ID is empty".into());
        }
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        Ok(Sso {
            config: SsoConfig {
                public_url: public,
                ..config
            },
            issuer,
            redirect,
            http,
            cached: Default::default(),
        })
    }

    /// The callback address to register at the provider.
    pub fn redirect_uri(&self) -> &str {
        self.redirect.as_str()
    }

    /// The provider's metadata and keys: kept, or fetched when missing, old,
    /// or (`refresh`) when a token names a key we do not have.
    async fn metadata(&self, refresh: bool) -> Result<Arc<Cached>, Refusal> {
        if let Some(c) = self.cached.read().await.as_ref() {
            let age = c.fetched.elapsed();
            if age < METADATA_MAX_AGE && !(refresh && age >= KEY_REFRESH_MIN_INTERVAL) {
                return Ok(c.clone());
            }
        }
        let mut slot = self.cached.write().await;
        // Another request may have fetched them while this one waited.
        if let Some(c) = slot.as_ref() {
            if c.fetched.elapsed() < KEY_REFRESH_MIN_INTERVAL {
                return Ok(c.clone());
            }
        }
        let metadata = ProviderMetadataWithLogout::discover_async(self.issuer.clone(), &self.http)
            .await
            .map_err(|e| {
                tracing::error!(error = %e, issuer = %self.issuer.as_str(), "identity provider discovery failed");
                Refusal::Unavailable
            })?;
        let fresh = Arc::new(Cached {
            metadata,
            fetched: Instant::now(),
        });
        *slot = Some(fresh.clone());
        Ok(fresh)
    }

    fn client(&self, cached: &Cached) -> ProviderClient {
        CoreClient::from_provider_metadata(
            cached.metadata.clone(),
            ClientId::new(self.config.client_id.clone()),
            Some(ClientSecret::new(self.config.client_secret.clone())),
        )
        .set_redirect_uri(self.redirect.clone())
    }

    /// Start a sign-in: the provider's authorization address with a fresh
    /// `state`, `nonce` and PKCE challenge (S256).
    pub async fn begin(&self) -> Result<Begun, Refusal> {
        let cached = self.metadata(false).await?;
        let client = self.client(&cached);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_pkce_challenge(challenge);
        for scope in self.config.scopes.iter().filter(|s| s.as_str() != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.url();
        Ok(Begun {
            url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// Finish a sign-in: exchange the code, check the ID token and read the
    /// person's claims. `iss` is the callback's RFC 9207 issuer, if sent.
    pub async fn finish(
        &self,
        code: &str,
        iss: Option<&str>,
        pkce_verifier: &str,
        nonce: &str,
    ) -> Result<ProviderPerson, Refusal> {
        if iss.is_some_and(|i| i.trim_end_matches('/') != self.issuer.as_str()) {
            tracing::warn!("identity provider callback names another issuer");
            return Err(Refusal::Issuer);
        }
        let cached = self.metadata(false).await?;
        let client = self.client(&cached);
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .map_err(|e| {
                tracing::error!(error = %e, "identity provider has no token endpoint");
                Refusal::Unavailable
            })?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_string()))
            .request_async(&self.http)
            .await
            .map_err(token_error)?;
        let id_token = response.id_token().ok_or_else(|| {
            tracing::warn!("identity provider answered without an ID token");
            Refusal::Token
        })?;
        let nonce = Nonce::new(nonce.to_string());
        let (claims, cached, client) = match verify(&client, id_token, &nonce) {
            Err(VerifyError::UnknownKey) => {
                // The provider may have rotated its keys: fetch them again, once.
                tracing::info!(
                    "ID token signed with an unknown key; fetching the provider's keys again"
                );
                let cached = self.metadata(true).await?;
                let client = self.client(&cached);
                let claims = verify(&client, id_token, &nonce).map_err(VerifyError::refusal)?;
                (claims, cached, client)
            }
            other => (other.map_err(VerifyError::refusal)?, cached, client),
        };
        // The access token must be the one issued with this ID token.
        if let Some(expected) = claims.access_token_hash {
            let verifier = client.id_token_verifier();
            let actual = id_token
                .signing_alg()
                .ok()
                .zip(id_token.signing_key(&verifier).ok())
                .and_then(|(alg, key)| {
                    AccessTokenHash::from_token(response.access_token(), alg, key).ok()
                });
            if actual.as_ref() != Some(&expected) {
                tracing::warn!("ID token's at_hash does not match the access token");
                return Err(Refusal::Token);
            }
        }
        let mut all = claims.raw;
        if let Some(url) = cached.metadata.userinfo_endpoint() {
            let info = self
                .userinfo(url.as_str(), response.access_token().secret())
                .await?;
            if info.get("sub").and_then(Value::as_str) != Some(claims.subject.as_str()) {
                tracing::warn!("userinfo names another subject than the ID token");
                return Err(Refusal::Token);
            }
            for (k, v) in info {
                all.entry(k).or_insert(v);
            }
        }
        Ok(self.person(claims.subject, &all))
    }

    async fn userinfo(&self, url: &str, access_token: &str) -> Result<Map<String, Value>, Refusal> {
        let answer = self
            .http
            .get(url)
            .bearer_auth(access_token)
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|e| {
                tracing::error!(error = %e, "identity provider userinfo request failed");
                Refusal::Unavailable
            })?;
        answer.json::<Map<String, Value>>().await.map_err(|e| {
            tracing::warn!(error = %e, "identity provider userinfo is not a JSON object");
            Refusal::Token
        })
    }

    fn person(&self, subject: String, claims: &Map<String, Value>) -> ProviderPerson {
        let email = claim_text(claims.get("email"))
            .map(|e| crate::ssr::accounts::normalise_email(&e))
            .filter(|e| crate::ssr::accounts::is_valid_email(e));
        let name = claim_text(claims.get("name")).or_else(|| {
            let given = claim_text(claims.get("given_name"));
            let family = claim_text(claims.get("family_name"));
            match (given, family) {
                (Some(g), Some(f)) => Some(format!("{g} {f}")),
                (g, f) => g.or(f),
            }
        });
        ProviderPerson {
            subject,
            email,
            name,
            employee_number: claim_text(claims.get(&self.config.employee_number_claim)),
            groups: claim_list(claims.get(&self.config.role_claim)),
        }
    }

    /// The provider's sign-out address (RP-initiated logout), when it has
    /// one: the person comes back to [`SIGNED_OUT_PATH`].
    pub async fn logout_url(&self) -> Option<String> {
        let cached = self.metadata(false).await.ok()?;
        let endpoint = cached
            .metadata
            .additional_metadata()
            .end_session_endpoint
            .clone()?;
        let back = PostLogoutRedirectUrl::new(format!(
            "{}{SIGNED_OUT_PATH}?provider=1",
            self.config.public_url
        ))
        .ok()?;
        Some(
            LogoutRequest::from(endpoint)
                .set_client_id(ClientId::new(self.config.client_id.clone()))
                .set_post_logout_redirect_uri(back)
                .http_get_url()
                .to_string(),
        )
    }

    /// The provider supports RP-initiated logout (known once its metadata
    /// was fetched; asks for it otherwise).
    pub async fn has_logout(&self) -> bool {
        self.metadata(false).await.is_ok_and(|c| {
            c.metadata
                .additional_metadata()
                .end_session_endpoint
                .is_some()
        })
    }
}

/// The checked ID token: its subject, its at_hash and all its claims.
struct Checked {
    subject: String,
    access_token_hash: Option<AccessTokenHash>,
    raw: Map<String, Value>,
}

enum VerifyError {
    UnknownKey,
    Refused(Refusal),
}

impl VerifyError {
    fn refusal(self) -> Refusal {
        match self {
            VerifyError::UnknownKey => Refusal::Signature,
            VerifyError::Refused(r) => r,
        }
    }
}

fn verify(
    client: &ProviderClient,
    token: &CoreIdToken,
    nonce: &Nonce,
) -> Result<Checked, VerifyError> {
    let verifier = client.id_token_verifier();
    let claims = token.claims(&verifier, nonce).map_err(|e| {
        tracing::warn!(error = %e, "ID token refused");
        match e {
            ClaimsVerificationError::SignatureVerification(
                SignatureVerificationError::NoMatchingKey,
            ) => VerifyError::UnknownKey,
            ClaimsVerificationError::SignatureVerification(_) => {
                VerifyError::Refused(Refusal::Signature)
            }
            ClaimsVerificationError::InvalidAudience(_) => VerifyError::Refused(Refusal::Audience),
            ClaimsVerificationError::Expired(_) => VerifyError::Refused(Refusal::TokenExpired),
            ClaimsVerificationError::InvalidNonce(_) => VerifyError::Refused(Refusal::Nonce),
            ClaimsVerificationError::InvalidIssuer(_) => VerifyError::Refused(Refusal::Issuer),
            _ => VerifyError::Refused(Refusal::Token),
        }
    })?;
    // The claims the typed view does not carry (employee number, groups):
    // read from the same, now checked, token.
    let raw = payload(&token.to_string()).ok_or(VerifyError::Refused(Refusal::Token))?;
    Ok(Checked {
        subject: claims.subject().as_str().to_string(),
        access_token_hash: claims.access_token_hash().cloned(),
        raw,
    })
}

/// The claims object of a compact JWT (its signature is checked elsewhere).
fn payload(jwt: &str) -> Option<Map<String, Value>> {
    use base64::Engine as _;
    let part = jwt.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .ok()?;
    serde_json::from_slice(&bytes).ok()
}

fn token_error<RE: std::error::Error, T: openidconnect::ErrorResponse>(
    e: openidconnect::RequestTokenError<RE, T>,
) -> Refusal {
    use openidconnect::RequestTokenError as E;
    match e {
        // invalid_grant: the code was used already or has expired.
        E::ServerResponse(answer) => {
            tracing::warn!(answer = %answer, "identity provider refused the code");
            Refusal::Expired
        }
        E::Request(e) => {
            tracing::error!(error = %e, "identity provider token request failed");
            Refusal::Unavailable
        }
        E::Parse(e, _) => {
            tracing::warn!(error = %e, "identity provider token answer unreadable");
            Refusal::Token
        }
        E::Other(e) => {
            tracing::warn!(error = %e, "identity provider token answer unusable");
            Refusal::Token
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_reads_the_claims_of_a_compact_jwt() {
        // {"alg":"none"} . {"sub":"a","employee_number":"E1"} .
        let jwt = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIiwiZW1wbG95ZWVfbnVtYmVyIjoiRTEifQ.";
        let claims = payload(jwt).unwrap();
        assert_eq!(claims["employee_number"], "E1");
        assert!(payload("not a jwt").is_none());
    }

    #[test]
    fn settings_must_be_addresses() {
        let config = SsoConfig {
            issuer: "http://127.0.0.1:4000/".into(),
            client_id: "leerplatform".into(),
            client_secret: "s".into(),
            scopes: vec!["openid".into()],
            employee_number_claim: "employee_number".into(),
            role_claim: "groups".into(),
            role_map: RoleMap::default(),
            create_accounts: false,
            organisation: "Gemeente Voorbeeld".into(),
            public_url: "http://127.0.0.1:3000/".into(),
        };
        let sso = Sso::new(config.clone()).unwrap();
        assert_eq!(
            sso.redirect_uri(),
            "http://127.0.0.1:3000/inloggen/organisatie/terug"
        );
        assert_eq!(sso.issuer.as_str(), "http://127.0.0.1:4000");
        let bad = Sso::new(SsoConfig {
            public_url: "leren".into(),
            ..config
        });
        assert!(bad.err().unwrap().contains("PUBLIC_URL 'leren'"));
    }
}
