-- DropIndex
DROP INDEX "AuditEvent_occurredAt_idx";

-- DropIndex
DROP INDEX "AuditEvent_organisationId_occurredAt_idx";

-- DropIndex
DROP INDEX "AuditEvent_organisationId_seq_idx";

-- DropIndex
DROP INDEX "AuditEvent_outcome_seq_idx";

-- DropIndex
DROP INDEX "AuditEvent_purposeId_seq_idx";

-- DropIndex
DROP INDEX "AuditEvent_serviceId_seq_idx";

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_seq_idx" ON "AuditEvent"("occurredAt", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_residentId_occurredAt_seq_idx" ON "AuditEvent"("residentId", "occurredAt", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_organisationId_occurredAt_seq_idx" ON "AuditEvent"("organisationId", "occurredAt", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_serviceId_occurredAt_seq_idx" ON "AuditEvent"("serviceId", "occurredAt", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_purposeId_occurredAt_seq_idx" ON "AuditEvent"("purposeId", "occurredAt", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_outcome_occurredAt_seq_idx" ON "AuditEvent"("outcome", "occurredAt", "seq");
