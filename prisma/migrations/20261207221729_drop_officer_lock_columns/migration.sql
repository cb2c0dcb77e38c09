-- AlterTable
ALTER TABLE "Officer" DROP COLUMN "failedLogins",
DROP COLUMN "lockedUntil";
