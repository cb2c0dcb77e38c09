-- One audit record per request instead of one per resident read (docs/performance.md): a
-- request that read several residents lists them in the payload of a ".batch" kind, which
-- the chain hashes like any payload. This column holds the same resident ids, copied out of
-- the payload by the insert statement, so a resident's access log finds such a record
-- through the GIN index. A constant default adds the column without rewriting the table
-- (and so without touching the append-only rows or firing their triggers); older records
-- keep it empty and are found by "residentId" as before. The app role's table grants cover
-- the new column.
-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "residentIds" UUID[] DEFAULT ARRAY[]::UUID[];

-- CreateIndex
CREATE INDEX "AuditEvent_residentIds_idx" ON "AuditEvent" USING GIN ("residentIds");
