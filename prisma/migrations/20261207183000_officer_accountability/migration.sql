-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "kind" TEXT,
ADD COLUMN     "payload" JSONB;

-- AlterTable
ALTER TABLE "Officer" ADD COLUMN     "pendingRoles" "OfficerRole"[] DEFAULT ARRAY[]::"OfficerRole"[],
ADD COLUMN     "pendingRolesById" UUID,
ALTER COLUMN "passwordHash" DROP NOT NULL;

-- AlterTable
ALTER TABLE "PurposeVersion" ADD COLUMN     "editorIds" UUID[] DEFAULT ARRAY[]::UUID[];

-- CreateTable
CREATE TABLE "OfficerInvitation" (
    "id" UUID NOT NULL,
    "officerId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfficerInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OfficerInvitation_tokenHash_key" ON "OfficerInvitation"("tokenHash");

-- CreateIndex
CREATE INDEX "OfficerInvitation_officerId_idx" ON "OfficerInvitation"("officerId");

-- CreateIndex
CREATE INDEX "AuditEvent_kind_occurredAt_seq_idx" ON "AuditEvent"("kind", "occurredAt", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_occurredAt_seq_idx" ON "AuditEvent"("actorId", "occurredAt", "seq");

-- AddForeignKey
ALTER TABLE "OfficerInvitation" ADD CONSTRAINT "OfficerInvitation_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Officer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
