-- CreateEnum
CREATE TYPE "OrganisationKind" AS ENUM ('MUNICIPAL', 'THIRD_SECTOR');

-- CreateEnum
CREATE TYPE "ServiceStatus" AS ENUM ('ACTIVE', 'DISABLED');

-- CreateEnum
CREATE TYPE "OfficerRole" AS ENUM ('ADMIN', 'OFFICER', 'AUDITOR');

-- CreateEnum
CREATE TYPE "Language" AS ENUM ('FI', 'SV', 'EN');

-- CreateEnum
CREATE TYPE "HouseholdType" AS ENUM ('SINGLE', 'COUPLE', 'FAMILY', 'SINGLE_PARENT', 'SHARED');

-- CreateEnum
CREATE TYPE "ServiceUsageKind" AS ENUM ('ENROLMENT', 'APPLICATION');

-- CreateEnum
CREATE TYPE "AccessibilityNeedKind" AS ENUM ('MOBILITY', 'HEARING', 'VISION', 'EASY_LANGUAGE', 'COGNITIVE');

-- CreateEnum
CREATE TYPE "Sensitivity" AS ENUM ('NORMAL', 'HIGH', 'SPECIAL');

-- CreateEnum
CREATE TYPE "LegalBasis" AS ENUM ('CONSENT', 'CONTRACT', 'LEGAL_OBLIGATION', 'VITAL_INTEREST', 'PUBLIC_TASK', 'LEGITIMATE_INTEREST');

-- CreateEnum
CREATE TYPE "SpecialCategoryBasis" AS ENUM ('EXPLICIT_CONSENT', 'EMPLOYMENT_SOCIAL_SECURITY', 'VITAL_INTERESTS', 'SUBSTANTIAL_PUBLIC_INTEREST', 'HEALTH_SOCIAL_CARE');

-- CreateEnum
CREATE TYPE "AccessLevel" AS ENUM ('FULL', 'MASKED', 'GENERALISED');

-- CreateEnum
CREATE TYPE "PurposeVersionStatus" AS ENUM ('DRAFT', 'PENDING_APPROVAL', 'PUBLISHED', 'RETIRED');

-- CreateEnum
CREATE TYPE "ConsentChannel" AS ENUM ('RESIDENT_PAGE', 'SERVICE', 'OFFICER');

-- CreateEnum
CREATE TYPE "ConsentEventType" AS ENUM ('GRANTED', 'CONFIRMED', 'WITHDRAWN', 'EXPIRED');

-- CreateEnum
CREATE TYPE "ActorKind" AS ENUM ('SERVICE', 'OFFICER', 'RESIDENT', 'SYSTEM');

-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('ALLOWED', 'PARTIAL', 'DENIED');

-- CreateEnum
CREATE TYPE "NoticeKind" AS ENUM ('CONSENT_WITHDRAWN', 'CONSENT_EXPIRED');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'DELIVERED', 'DEAD');

-- CreateTable
CREATE TABLE "Organisation" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "businessId" TEXT NOT NULL,
    "kind" "OrganisationKind" NOT NULL,
    "nameFi" TEXT NOT NULL,
    "nameSv" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Service" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "clientId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" "ServiceStatus" NOT NULL DEFAULT 'ACTIVE',
    "webhookUrl" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceKey" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "kid" TEXT NOT NULL,
    "publicJwk" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ServiceKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClientAssertionJti" (
    "jti" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ClientAssertionJti_pkey" PRIMARY KEY ("jti")
);

-- CreateTable
CREATE TABLE "Officer" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "roles" "OfficerRole"[],
    "organisationId" UUID,
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMPTZ(3),
    "disabledAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Officer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfficerSession" (
    "id" UUID NOT NULL,
    "officerId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfficerSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Resident" (
    "id" UUID NOT NULL,
    "picCiphertext" TEXT NOT NULL,
    "picBlindIndex" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "birthDate" DATE NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "streetAddress" TEXT NOT NULL,
    "postalCode" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "district" TEXT NOT NULL,
    "language" "Language" NOT NULL,
    "householdType" "HouseholdType" NOT NULL,
    "restricted" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Resident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Topic" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "nameFi" TEXT NOT NULL,
    "nameSv" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,

    CONSTRAINT "Topic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResidentInterest" (
    "residentId" UUID NOT NULL,
    "topicId" UUID NOT NULL,
    "declaredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ResidentInterest_pkey" PRIMARY KEY ("residentId","topicId")
);

-- CreateTable
CREATE TABLE "ServiceUsage" (
    "id" UUID NOT NULL,
    "residentId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "serviceId" UUID,
    "kind" "ServiceUsageKind" NOT NULL,
    "offeringCode" TEXT NOT NULL,
    "offeringName" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceUsage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessibilityNeed" (
    "id" UUID NOT NULL,
    "residentId" UUID NOT NULL,
    "kind" "AccessibilityNeedKind" NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccessibilityNeed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataCategory" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "sensitivity" "Sensitivity" NOT NULL,
    "nameFi" TEXT NOT NULL,
    "nameSv" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "descriptionFi" TEXT NOT NULL,
    "descriptionSv" TEXT NOT NULL,
    "descriptionEn" TEXT NOT NULL,

    CONSTRAINT "DataCategory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Purpose" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "controllerId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Purpose_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PurposeVersion" (
    "id" UUID NOT NULL,
    "purposeId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "PurposeVersionStatus" NOT NULL DEFAULT 'DRAFT',
    "legalBasis" "LegalBasis" NOT NULL,
    "specialCategoryBasis" "SpecialCategoryBasis",
    "retentionDays" INTEGER NOT NULL,
    "consentValidityDays" INTEGER,
    "titleFi" TEXT NOT NULL,
    "titleSv" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "descriptionFi" TEXT NOT NULL,
    "descriptionSv" TEXT NOT NULL,
    "descriptionEn" TEXT NOT NULL,
    "createdById" UUID,
    "submittedById" UUID,
    "approvedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMPTZ(3),
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "PurposeVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PurposeVersionCategory" (
    "purposeVersionId" UUID NOT NULL,
    "categoryId" UUID NOT NULL,
    "accessLevel" "AccessLevel" NOT NULL,

    CONSTRAINT "PurposeVersionCategory_pkey" PRIMARY KEY ("purposeVersionId","categoryId")
);

-- CreateTable
CREATE TABLE "PurposeVersionRecipient" (
    "purposeVersionId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,

    CONSTRAINT "PurposeVersionRecipient_pkey" PRIMARY KEY ("purposeVersionId","organisationId")
);

-- CreateTable
CREATE TABLE "Consent" (
    "id" UUID NOT NULL,
    "residentId" UUID NOT NULL,
    "purposeId" UUID NOT NULL,
    "purposeVersionId" UUID NOT NULL,
    "channel" "ConsentChannel" NOT NULL,
    "grantedAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3),
    "needsConfirmation" BOOLEAN NOT NULL DEFAULT false,
    "wordingShown" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentEvent" (
    "id" UUID NOT NULL,
    "consentId" UUID NOT NULL,
    "residentId" UUID NOT NULL,
    "type" "ConsentEventType" NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "channel" "ConsentChannel" NOT NULL,
    "actorKind" "ActorKind" NOT NULL,
    "actorId" TEXT,
    "evidence" JSONB,
    "receiptJws" TEXT,

    CONSTRAINT "ConsentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "seq" BIGINT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "actorKind" "ActorKind" NOT NULL,
    "actorId" TEXT,
    "organisationId" UUID,
    "serviceId" UUID,
    "purposeId" UUID,
    "purposeVersionId" UUID,
    "residentId" UUID,
    "operation" TEXT NOT NULL,
    "outcome" "AuditOutcome" NOT NULL,
    "fieldsReturned" TEXT[],
    "fieldsDenied" JSONB NOT NULL,
    "reason" TEXT,
    "requestId" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "AuditRestriction" (
    "id" UUID NOT NULL,
    "auditSeq" BIGINT NOT NULL,
    "restrictedUntil" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditRestriction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "seq" BIGINT NOT NULL,
    "headHash" TEXT NOT NULL,
    "signedAt" TIMESTAMPTZ(3) NOT NULL,
    "jws" TEXT NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "WebhookOutbox" (
    "id" UUID NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "kind" "NoticeKind" NOT NULL,
    "serviceId" UUID NOT NULL,
    "consentId" UUID NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMPTZ(3),
    "acknowledgedAt" TIMESTAMPTZ(3),

    CONSTRAINT "WebhookOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" UUID NOT NULL,
    "outboxId" UUID NOT NULL,
    "attemptedAt" TIMESTAMPTZ(3) NOT NULL,
    "statusCode" INTEGER,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MagicLink" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "residentId" UUID,
    "emailHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MagicLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResidentSession" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "residentId" UUID NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ResidentSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SystemSetting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SystemSetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "MailOutbox" (
    "id" UUID NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "MailOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_slug_key" ON "Organisation"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_businessId_key" ON "Organisation"("businessId");

-- CreateIndex
CREATE UNIQUE INDEX "Service_clientId_key" ON "Service"("clientId");

-- CreateIndex
CREATE INDEX "Service_organisationId_idx" ON "Service"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceKey_serviceId_kid_key" ON "ServiceKey"("serviceId", "kid");

-- CreateIndex
CREATE INDEX "ClientAssertionJti_expiresAt_idx" ON "ClientAssertionJti"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Officer_email_key" ON "Officer"("email");

-- CreateIndex
CREATE UNIQUE INDEX "OfficerSession_tokenHash_key" ON "OfficerSession"("tokenHash");

-- CreateIndex
CREATE INDEX "OfficerSession_officerId_idx" ON "OfficerSession"("officerId");

-- CreateIndex
CREATE UNIQUE INDEX "Resident_picBlindIndex_key" ON "Resident"("picBlindIndex");

-- CreateIndex
CREATE INDEX "Resident_district_language_idx" ON "Resident"("district", "language");

-- CreateIndex
CREATE INDEX "Resident_streetAddress_postalCode_idx" ON "Resident"("streetAddress", "postalCode");

-- CreateIndex
CREATE UNIQUE INDEX "Topic_slug_key" ON "Topic"("slug");

-- CreateIndex
CREATE INDEX "ResidentInterest_topicId_idx" ON "ResidentInterest"("topicId");

-- CreateIndex
CREATE INDEX "ServiceUsage_residentId_idx" ON "ServiceUsage"("residentId");

-- CreateIndex
CREATE INDEX "ServiceUsage_organisationId_offeringCode_idx" ON "ServiceUsage"("organisationId", "offeringCode");

-- CreateIndex
CREATE INDEX "AccessibilityNeed_residentId_idx" ON "AccessibilityNeed"("residentId");

-- CreateIndex
CREATE UNIQUE INDEX "DataCategory_slug_key" ON "DataCategory"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Purpose_slug_key" ON "Purpose"("slug");

-- CreateIndex
CREATE INDEX "PurposeVersion_status_idx" ON "PurposeVersion"("status");

-- CreateIndex
CREATE UNIQUE INDEX "PurposeVersion_purposeId_version_key" ON "PurposeVersion"("purposeId", "version");

-- CreateIndex
CREATE INDEX "PurposeVersionRecipient_organisationId_idx" ON "PurposeVersionRecipient"("organisationId");

-- CreateIndex
CREATE INDEX "Consent_residentId_purposeId_idx" ON "Consent"("residentId", "purposeId");

-- CreateIndex
CREATE INDEX "Consent_purposeId_residentId_idx" ON "Consent"("purposeId", "residentId");

-- CreateIndex
CREATE INDEX "Consent_purposeVersionId_idx" ON "Consent"("purposeVersionId");

-- CreateIndex
CREATE INDEX "ConsentEvent_consentId_type_idx" ON "ConsentEvent"("consentId", "type");

-- CreateIndex
CREATE INDEX "ConsentEvent_residentId_occurredAt_idx" ON "ConsentEvent"("residentId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_residentId_seq_idx" ON "AuditEvent"("residentId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_organisationId_occurredAt_idx" ON "AuditEvent"("organisationId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_idx" ON "AuditEvent"("occurredAt");

-- CreateIndex
CREATE INDEX "AuditRestriction_auditSeq_idx" ON "AuditRestriction"("auditSeq");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookOutbox_idempotencyKey_key" ON "WebhookOutbox"("idempotencyKey");

-- CreateIndex
CREATE INDEX "WebhookOutbox_status_nextAttemptAt_idx" ON "WebhookOutbox"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookOutbox_serviceId_acknowledgedAt_idx" ON "WebhookOutbox"("serviceId", "acknowledgedAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_outboxId_idx" ON "WebhookDelivery"("outboxId");

-- CreateIndex
CREATE UNIQUE INDEX "MagicLink_tokenHash_key" ON "MagicLink"("tokenHash");

-- CreateIndex
CREATE INDEX "MagicLink_emailHash_createdAt_idx" ON "MagicLink"("emailHash", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ResidentSession_tokenHash_key" ON "ResidentSession"("tokenHash");

-- CreateIndex
CREATE INDEX "ResidentSession_residentId_idx" ON "ResidentSession"("residentId");

-- CreateIndex
CREATE INDEX "MailOutbox_sentAt_idx" ON "MailOutbox"("sentAt");

-- AddForeignKey
ALTER TABLE "Service" ADD CONSTRAINT "Service_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceKey" ADD CONSTRAINT "ServiceKey_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Officer" ADD CONSTRAINT "Officer_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfficerSession" ADD CONSTRAINT "OfficerSession_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Officer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResidentInterest" ADD CONSTRAINT "ResidentInterest_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResidentInterest" ADD CONSTRAINT "ResidentInterest_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceUsage" ADD CONSTRAINT "ServiceUsage_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceUsage" ADD CONSTRAINT "ServiceUsage_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceUsage" ADD CONSTRAINT "ServiceUsage_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessibilityNeed" ADD CONSTRAINT "AccessibilityNeed_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Purpose" ADD CONSTRAINT "Purpose_controllerId_fkey" FOREIGN KEY ("controllerId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurposeVersion" ADD CONSTRAINT "PurposeVersion_purposeId_fkey" FOREIGN KEY ("purposeId") REFERENCES "Purpose"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurposeVersionCategory" ADD CONSTRAINT "PurposeVersionCategory_purposeVersionId_fkey" FOREIGN KEY ("purposeVersionId") REFERENCES "PurposeVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurposeVersionCategory" ADD CONSTRAINT "PurposeVersionCategory_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "DataCategory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurposeVersionRecipient" ADD CONSTRAINT "PurposeVersionRecipient_purposeVersionId_fkey" FOREIGN KEY ("purposeVersionId") REFERENCES "PurposeVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurposeVersionRecipient" ADD CONSTRAINT "PurposeVersionRecipient_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_purposeId_fkey" FOREIGN KEY ("purposeId") REFERENCES "Purpose"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_purposeVersionId_fkey" FOREIGN KEY ("purposeVersionId") REFERENCES "PurposeVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentEvent" ADD CONSTRAINT "ConsentEvent_consentId_fkey" FOREIGN KEY ("consentId") REFERENCES "Consent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentEvent" ADD CONSTRAINT "ConsentEvent_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookOutbox" ADD CONSTRAINT "WebhookOutbox_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookOutbox" ADD CONSTRAINT "WebhookOutbox_consentId_fkey" FOREIGN KEY ("consentId") REFERENCES "Consent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_outboxId_fkey" FOREIGN KEY ("outboxId") REFERENCES "WebhookOutbox"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResidentSession" ADD CONSTRAINT "ResidentSession_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
