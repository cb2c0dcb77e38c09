-- Indexes that let an audience, its count and the campaign and insight populations read
-- their parts in resident id order from the indexes alone and merge them, instead of one
-- consent lookup per resident in the district (docs/performance.md, 2026-12-08): on
-- 1,000,000 residents that was 125,000 index probes and heap reads per count. The new
-- ConsentProjection and ResidentInterest indexes begin with the columns of the ones they
-- replace, so every lookup those served (by purpose and resident; by topic, as the foreign
-- key's) is served still.
-- DropIndex
DROP INDEX "ConsentProjection_purposeId_residentId_idx";

-- DropIndex
DROP INDEX "ResidentInterest_topicId_idx";

-- CreateIndex
CREATE INDEX "ConsentProjection_decisive_idx" ON "ConsentProjection"("purposeId", "residentId", "grantedAt" DESC, "version" DESC, "purposeVersionId", "withdrawnAt", "expiredAt", "expiresAt", "needsConfirmation", "confirmedAt");

-- CreateIndex
CREATE INDEX "Resident_district_id_restricted_idx" ON "Resident"("district", "id", "restricted");

-- CreateIndex
CREATE INDEX "Resident_id_restricted_idx" ON "Resident"("id", "restricted");

-- CreateIndex
CREATE INDEX "ResidentInterest_topicId_residentId_idx" ON "ResidentInterest"("topicId", "residentId");
