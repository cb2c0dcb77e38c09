-- The audit log and consent history are append-only at the database (SECURITY.md "Audit
-- log"): rows can be inserted and read, never changed or removed, whoever asks — the table
-- owner included. ENABLE ALWAYS keeps the triggers firing in replication mode too
-- (session_replication_role = replica), a known way around ordinary triggers.
CREATE FUNCTION lupa_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION lupa_refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION lupa_refuse_change();
ALTER TABLE "AuditEvent" ENABLE ALWAYS TRIGGER audit_event_append_only;
ALTER TABLE "AuditEvent" ENABLE ALWAYS TRIGGER audit_event_no_truncate;

CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON "AuditCheckpoint"
  FOR EACH ROW EXECUTE FUNCTION lupa_refuse_change();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON "AuditCheckpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION lupa_refuse_change();
ALTER TABLE "AuditCheckpoint" ENABLE ALWAYS TRIGGER audit_checkpoint_append_only;
ALTER TABLE "AuditCheckpoint" ENABLE ALWAYS TRIGGER audit_checkpoint_no_truncate;

CREATE TRIGGER consent_event_append_only BEFORE UPDATE OR DELETE ON "ConsentEvent"
  FOR EACH ROW EXECUTE FUNCTION lupa_refuse_change();
CREATE TRIGGER consent_event_no_truncate BEFORE TRUNCATE ON "ConsentEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION lupa_refuse_change();
ALTER TABLE "ConsentEvent" ENABLE ALWAYS TRIGGER consent_event_append_only;
ALTER TABLE "ConsentEvent" ENABLE ALWAYS TRIGGER consent_event_no_truncate;

-- The role the API serves requests as (grant it to the login role the API uses; the
-- migrating role stays the owner). It may read and write the application's tables but
-- only INSERT and SELECT the append-only ones.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lupa_app') THEN
    CREATE ROLE lupa_app NOLOGIN;
  END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO lupa_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO lupa_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvent", "AuditCheckpoint", "ConsentEvent" FROM lupa_app;
