//! The mail server (SMTP through `lettre`, TLS with rustls) and the
//! messages: plain text and HTML as alternatives.

use super::words::Worded;
use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// The settings of the mail server.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// `smtps://host:465`, `smtp://host:587?tls=required`, or for tests
    /// `smtp://127.0.0.1:2525` (no TLS); see docs/operations.md.
    pub url: String,
    /// User and password, when not in the URL (the password from a file).
    pub credentials: Option<(String, String)>,
    /// The sender: `Leerplatform <leerplatform@gemeente.nl>`.
    pub from: String,
}

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    pub fn new(config: &MailConfig) -> Result<Mailer, String> {
        let from: Mailbox = config
            .from
            .parse()
            .map_err(|e| format!("MAIL_FROM '{}' is not a mail address: {e}", config.from))?;
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(&config.url)
            .map_err(|e| format!("SMTP_URL is not usable: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(30)));
        if let Some((user, password)) = &config.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Mailer {
            transport: builder.build(),
            from,
        })
    }

    /// Build the message to `name <email>`.
    pub fn message(&self, email: &str, name: &str, worded: &Worded) -> Result<Message, String> {
        let to = Mailbox::new(
            Some(name.to_string()),
            email
                .parse()
                .map_err(|e| format!("not a mail address: {e}"))?,
        );
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(worded.subject.clone())
            .multipart(
                MultiPart::alternative()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body(worded.text.clone()),
                    )
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_HTML)
                            .body(worded.html.clone()),
                    ),
            )
            .map_err(|e| format!("cannot build the message: {e}"))
    }

    pub async fn send(&self, message: Message) -> Result<(), String> {
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}
