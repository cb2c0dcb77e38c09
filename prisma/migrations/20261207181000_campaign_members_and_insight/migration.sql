-- CreateTable
CREATE TABLE "CampaignMember" (
    "campaignId" UUID NOT NULL,
    "residentId" UUID NOT NULL,

    CONSTRAINT "CampaignMember_pkey" PRIMARY KEY ("campaignId","residentId")
);

-- CreateTable
CREATE TABLE "CampaignInsight" (
    "id" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "purposeId" UUID NOT NULL,
    "k" INTEGER NOT NULL,
    "population" INTEGER NOT NULL,
    "tables" JSONB NOT NULL,
    "releasedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CampaignInsight_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignInsightResident" (
    "insightId" UUID NOT NULL,
    "residentId" UUID NOT NULL,

    CONSTRAINT "CampaignInsightResident_pkey" PRIMARY KEY ("insightId","residentId")
);

-- CreateIndex
CREATE INDEX "CampaignMember_residentId_idx" ON "CampaignMember"("residentId");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignInsight_campaignId_purposeId_k_key" ON "CampaignInsight"("campaignId", "purposeId", "k");

-- CreateIndex
CREATE INDEX "CampaignInsightResident_residentId_idx" ON "CampaignInsightResident"("residentId");

-- AddForeignKey
ALTER TABLE "CampaignMember" ADD CONSTRAINT "CampaignMember_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignMember" ADD CONSTRAINT "CampaignMember_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignInsight" ADD CONSTRAINT "CampaignInsight_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignInsightResident" ADD CONSTRAINT "CampaignInsightResident_insightId_fkey" FOREIGN KEY ("insightId") REFERENCES "CampaignInsight"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Frozen membership and released tables are written once and never changed: the API role
-- may insert and read them, not alter them.
DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'lupa_app') THEN
    GRANT SELECT, INSERT ON "CampaignMember", "CampaignInsight", "CampaignInsightResident" TO lupa_app;
  END IF;
END
$$;
