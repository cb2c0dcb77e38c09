-- CreateEnum
CREATE TYPE "CampaignChannel" AS ENUM ('EMAIL', 'SMS', 'LETTER');

-- CreateEnum
CREATE TYPE "CampaignResponseKind" AS ENUM ('OPENED', 'ANSWERED', 'TOOK_PART');

-- CreateTable
CREATE TABLE "Campaign" (
    "id" UUID NOT NULL,
    "purposeId" UUID NOT NULL,
    "purposeVersionId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "audience" JSONB NOT NULL,
    "messageFi" TEXT NOT NULL,
    "messageSv" TEXT NOT NULL,
    "messageEn" TEXT NOT NULL,
    "channel" "CampaignChannel" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignSend" (
    "campaignId" UUID NOT NULL,
    "residentId" UUID NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CampaignSend_pkey" PRIMARY KEY ("campaignId","residentId")
);

-- CreateTable
CREATE TABLE "CampaignResponse" (
    "campaignId" UUID NOT NULL,
    "residentId" UUID NOT NULL,
    "kind" "CampaignResponseKind" NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CampaignResponse_pkey" PRIMARY KEY ("campaignId","residentId","kind")
);

-- CreateIndex
CREATE INDEX "Campaign_purposeId_createdAt_idx" ON "Campaign"("purposeId", "createdAt");

-- CreateIndex
CREATE INDEX "Campaign_organisationId_createdAt_idx" ON "Campaign"("organisationId", "createdAt");

-- CreateIndex
CREATE INDEX "CampaignSend_residentId_idx" ON "CampaignSend"("residentId");

-- CreateIndex
CREATE INDEX "CampaignResponse_residentId_idx" ON "CampaignResponse"("residentId");

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_purposeId_fkey" FOREIGN KEY ("purposeId") REFERENCES "Purpose"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_purposeVersionId_fkey" FOREIGN KEY ("purposeVersionId") REFERENCES "PurposeVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignSend" ADD CONSTRAINT "CampaignSend_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignSend" ADD CONSTRAINT "CampaignSend_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignResponse" ADD CONSTRAINT "CampaignResponse_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignResponse" ADD CONSTRAINT "CampaignResponse_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
