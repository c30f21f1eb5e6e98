//! E-mail reminders for mandatory training, see `docs/operations.md`,
//! "Herinneringen per e-mail":
//!
//! - `reminders_sent`: every reminder mail that went out, by person and key
//!   (course, due date and threshold; or a manager's weekly digest). The
//!   primary key is the claim: the job inserts the row and sends the mail
//!   in one transaction, so a reminder goes out once, also when the job
//!   runs twice, on two nodes at once, or again after a crash.
//! - `users.mail_choice`: `alles` (default) or `minder` (no early reminder;
//!   the due date and being late are always mailed).
//! - `scheduled_jobs`: the server's own jobs, run once per cluster: the next
//!   run, and a lease (`lease_until`, `leased_by`) that one node takes
//!   before running.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RemindersSent {
    Table,
    UserId,
    Key,
    SentAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    MailChoice,
}

#[derive(DeriveIden)]
enum ScheduledJobs {
    Table,
    Name,
    NextRunAt,
    LeaseUntil,
    LeasedBy,
    LastRunAt,
    LastOutcome,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RemindersSent::Table)
                    .col(integer(RemindersSent::UserId))
                    .col(string_len(RemindersSent::Key, 300))
                    .col(timestamp_with_time_zone(RemindersSent::SentAt))
                    .primary_key(
                        Index::create()
                            .col(RemindersSent::UserId)
                            .col(RemindersSent::Key),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RemindersSent::Table, RemindersSent::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(string_len(Users::MailChoice, 20).default("alles"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ScheduledJobs::Table)
                    .col(string_len(ScheduledJobs::Name, 50).primary_key())
                    .col(timestamp_with_time_zone(ScheduledJobs::NextRunAt))
                    .col(timestamp_with_time_zone_null(ScheduledJobs::LeaseUntil))
                    .col(string_len_null(ScheduledJobs::LeasedBy, 100))
                    .col(timestamp_with_time_zone_null(ScheduledJobs::LastRunAt))
                    .col(string_len_null(ScheduledJobs::LastOutcome, 500))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ScheduledJobs::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::MailChoice)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(RemindersSent::Table).to_owned())
            .await
    }
}
