//! Nodes that agree (PostgreSQL only; SQLite is one process): every change
//! that can end or alter a signed-in session (a session deleted at
//! sign-out, an account or its roles changed, by any node or by a command
//! such as `server import`) notifies channel `leerplatform` with payload
//! `sessions` when its transaction commits. Every serving node listens
//! (`app::ssr::cluster`) and empties its session cache at once.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = "\
CREATE OR REPLACE FUNCTION leerplatform_sessions_changed() RETURNS trigger LANGUAGE plpgsql AS $$ \
BEGIN PERFORM pg_notify('leerplatform', 'sessions'); RETURN NULL; END $$; \
CREATE TRIGGER leerplatform_sessions_deleted AFTER DELETE ON sessions \
  FOR EACH STATEMENT EXECUTE FUNCTION leerplatform_sessions_changed(); \
CREATE TRIGGER leerplatform_users_changed AFTER UPDATE OR DELETE ON users \
  FOR EACH STATEMENT EXECUTE FUNCTION leerplatform_sessions_changed(); \
CREATE TRIGGER leerplatform_user_roles_changed AFTER INSERT OR UPDATE OR DELETE ON user_roles \
  FOR EACH STATEMENT EXECUTE FUNCTION leerplatform_sessions_changed();";

const DOWN: &str = "\
DROP TRIGGER IF EXISTS leerplatform_user_roles_changed ON user_roles; \
DROP TRIGGER IF EXISTS leerplatform_users_changed ON users; \
DROP TRIGGER IF EXISTS leerplatform_sessions_deleted ON sessions; \
DROP FUNCTION IF EXISTS leerplatform_sessions_changed();";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        manager.get_connection().execute_unprepared(UP).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        manager.get_connection().execute_unprepared(DOWN).await?;
        Ok(())
    }
}
