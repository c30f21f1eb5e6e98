//! Sign-in with the organisation's own accounts (OpenID Connect), see
//! `docs/operations.md`, "Inloggen met de organisatie":
//!
//! - `users.sso_subject`: the provider's stable identifier (`sub`) of the
//!   person, set at their first sign-in through the provider. Unique: one
//!   provider account belongs to one platform account.
//! - `sessions.via_organisation`: the session began at the provider, so
//!   signing out can offer to sign out there too.
//! - `sso_logins`: sign-ins under way (between leaving for the provider and
//!   coming back): the hash of the `state` sent along, the hash of the
//!   browser's own cookie, the nonce, the PKCE verifier and where to go
//!   afterwards. A row is taken (deleted) by the one callback that uses it,
//!   so a `state` works once, on any node.
//! - `platform_settings`: settings admins change on the admin page (the
//!   first: whether local passwords may be used).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    SsoSubject,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    ViaOrganisation,
}

#[derive(DeriveIden)]
enum SsoLogins {
    Table,
    Id,
    BrowserHash,
    Nonce,
    PkceVerifier,
    NextPath,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PlatformSettings {
    Table,
    Name,
    Value,
    UpdatedAt,
}

const SUBJECT_INDEX: &str = "idx_users_sso_subject";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(string_null(Users::SsoSubject))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(SUBJECT_INDEX)
                    .table(Users::Table)
                    .col(Users::SsoSubject)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Sessions::Table)
                    .add_column(boolean(Sessions::ViaOrganisation).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SsoLogins::Table)
                    .col(string(SsoLogins::Id).primary_key())
                    .col(string(SsoLogins::BrowserHash))
                    .col(string(SsoLogins::Nonce))
                    .col(string(SsoLogins::PkceVerifier))
                    .col(string(SsoLogins::NextPath))
                    .col(timestamp_with_time_zone(SsoLogins::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PlatformSettings::Table)
                    .col(string(PlatformSettings::Name).primary_key())
                    .col(string(PlatformSettings::Value))
                    .col(timestamp_with_time_zone(PlatformSettings::UpdatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PlatformSettings::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(SsoLogins::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Sessions::Table)
                    .drop_column(Sessions::ViaOrganisation)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(SUBJECT_INDEX)
                    .table(Users::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::SsoSubject)
                    .to_owned(),
            )
            .await
    }
}
