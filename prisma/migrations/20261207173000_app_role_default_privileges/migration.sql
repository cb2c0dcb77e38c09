-- Least privilege that holds for every table (SECURITY.md "Least privilege"). The first
-- grants to lupa_app were given once, ON ALL TABLES, so tables added later (Campaign,
-- CampaignSend, CampaignResponse) had none, and lupa_app could write _prisma_migrations.
--
-- Default privileges belong to the role that creates the objects: every later migration
-- run by the same migrating role gives lupa_app SELECT, INSERT, UPDATE and DELETE on its
-- new tables without a word. A new append-only table must still REVOKE UPDATE, DELETE and
-- TRUNCATE in its own migration, as 20261122231500_audit_append_only does.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lupa_app') THEN
    CREATE ROLE lupa_app NOLOGIN;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO lupa_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO lupa_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO lupa_app;

-- Today's tables, including those the default privileges came too late for.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO lupa_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO lupa_app;

-- The append-only tables stay INSERT and SELECT only.
REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvent", "AuditCheckpoint", "ConsentEvent" FROM lupa_app;

-- The migration history is the migrating role's: the API may read it (/readyz, and the
-- start-up check that nothing is pending) but never write it. (The schema engine's shadow
-- database replays migrations without a history table, hence the check.)
DO $$
BEGIN
  IF to_regclass('public."_prisma_migrations"') IS NOT NULL THEN
    REVOKE ALL ON "_prisma_migrations" FROM lupa_app;
    GRANT SELECT ON "_prisma_migrations" TO lupa_app;
  END IF;
END
$$;
