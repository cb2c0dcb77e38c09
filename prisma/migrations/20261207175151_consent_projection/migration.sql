-- CreateTable
CREATE TABLE "ConsentProjection" (
    "consentId" UUID NOT NULL,
    "residentId" UUID NOT NULL,
    "purposeId" UUID NOT NULL,
    "purposeVersionId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "grantedAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3),
    "needsConfirmation" BOOLEAN NOT NULL,
    "confirmedAt" TIMESTAMPTZ(3),
    "withdrawnAt" TIMESTAMPTZ(3),
    "expiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "ConsentProjection_pkey" PRIMARY KEY ("consentId")
);

-- CreateIndex
CREATE INDEX "ConsentProjection_purposeId_residentId_idx" ON "ConsentProjection"("purposeId", "residentId");

-- AddForeignKey
ALTER TABLE "ConsentProjection" ADD CONSTRAINT "ConsentProjection_consentId_fkey" FOREIGN KEY ("consentId") REFERENCES "Consent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The projection is kept by the database itself: a trigger on every insert into Consent and
-- ConsentEvent (and on a change to a Consent row) refreshes the rows that insert can change,
-- in the same transaction, whichever code path wrote it (grant, confirmation, withdrawal,
-- the expiry sweep, seeds, COPY). Each refresh recomputes a row from its Consent and events
-- with deriveConsentState's rules rather than patching it, so a row is right whatever order
-- the events arrived in:
--   confirmedAt  the earliest CONFIRMED event of the consent;
--   withdrawnAt  the earliest WITHDRAWN event on any of the resident's consents to the same
--                purpose at or after this grant (withdrawal ends consent to the purpose);
--   expiredAt    the earliest EXPIRED event of the consent.
CREATE FUNCTION lupa_refresh_consent_projection(consent_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "ConsentProjection" ("consentId", "residentId", "purposeId", "purposeVersionId", version,
    "grantedAt", "expiresAt", "needsConfirmation", "confirmedAt", "withdrawnAt", "expiredAt")
  SELECT c.id, c."residentId", c."purposeId", c."purposeVersionId", pv.version,
    c."grantedAt", c."expiresAt", c."needsConfirmation",
    (SELECT min(e."occurredAt") FROM "ConsentEvent" e WHERE e."consentId" = c.id AND e.type = 'CONFIRMED'),
    (SELECT min(w."occurredAt") FROM "ConsentEvent" w JOIN "Consent" wc ON wc.id = w."consentId"
      WHERE wc."residentId" = c."residentId" AND wc."purposeId" = c."purposeId"
        AND w.type = 'WITHDRAWN' AND w."occurredAt" >= c."grantedAt"),
    (SELECT min(x."occurredAt") FROM "ConsentEvent" x WHERE x."consentId" = c.id AND x.type = 'EXPIRED')
  FROM "Consent" c JOIN "PurposeVersion" pv ON pv.id = c."purposeVersionId"
  WHERE c.id = ANY (consent_ids)
  ON CONFLICT ("consentId") DO UPDATE SET
    "residentId" = EXCLUDED."residentId", "purposeId" = EXCLUDED."purposeId",
    "purposeVersionId" = EXCLUDED."purposeVersionId", version = EXCLUDED.version,
    "grantedAt" = EXCLUDED."grantedAt", "expiresAt" = EXCLUDED."expiresAt",
    "needsConfirmation" = EXCLUDED."needsConfirmation", "confirmedAt" = EXCLUDED."confirmedAt",
    "withdrawnAt" = EXCLUDED."withdrawnAt", "expiredAt" = EXCLUDED."expiredAt";
$$;

CREATE FUNCTION lupa_project_consent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lupa_refresh_consent_projection(ARRAY[NEW.id]);
  RETURN NULL;
END
$$;

CREATE FUNCTION lupa_project_consent_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.type = 'WITHDRAWN' THEN
    -- Every consent of the resident to the purpose may end with it.
    PERFORM lupa_refresh_consent_projection(ARRAY(
      SELECT o.id FROM "Consent" c JOIN "Consent" o ON o."residentId" = c."residentId" AND o."purposeId" = c."purposeId"
      WHERE c.id = NEW."consentId"));
  ELSIF NEW.type IN ('CONFIRMED', 'EXPIRED') THEN
    PERFORM lupa_refresh_consent_projection(ARRAY[NEW."consentId"]);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER consent_projection_on_consent AFTER INSERT OR UPDATE ON "Consent"
  FOR EACH ROW EXECUTE FUNCTION lupa_project_consent();
CREATE TRIGGER consent_projection_on_event AFTER INSERT ON "ConsentEvent"
  FOR EACH ROW EXECUTE FUNCTION lupa_project_consent_event();
-- Also in replication mode (session_replication_role = replica), as the append-only triggers.
ALTER TABLE "Consent" ENABLE ALWAYS TRIGGER consent_projection_on_consent;
ALTER TABLE "ConsentEvent" ENABLE ALWAYS TRIGGER consent_projection_on_event;

-- The consents already recorded.
SELECT lupa_refresh_consent_projection(ARRAY(SELECT id FROM "Consent"));

-- The API's role reads it; the triggers, running as the role that inserts the event, write it.
GRANT SELECT, INSERT, UPDATE ON "ConsentProjection" TO lupa_app;
