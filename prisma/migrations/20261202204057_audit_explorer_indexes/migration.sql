-- CreateIndex
CREATE INDEX "AuditEvent_organisationId_seq_idx" ON "AuditEvent"("organisationId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_serviceId_seq_idx" ON "AuditEvent"("serviceId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_purposeId_seq_idx" ON "AuditEvent"("purposeId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_outcome_seq_idx" ON "AuditEvent"("outcome", "seq");
