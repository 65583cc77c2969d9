-- CreateEnum
CREATE TYPE "ContributionSourceKind" AS ENUM ('GITHUB', 'GITLAB', 'GITEA', 'GENERIC', 'OSM', 'STAC');

-- CreateEnum
CREATE TYPE "IdentityProvider" AS ENUM ('GITHUB', 'GITLAB', 'GITEA', 'OSM', 'STAC', 'GENERIC');

-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "eligibilityRule" JSONB;

-- AlterTable
ALTER TABLE "Contribution" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "sourceId" TEXT;

-- CreateTable
CREATE TABLE "ContributionSource" (
    "id" TEXT NOT NULL,
    "commonsId" TEXT NOT NULL,
    "kind" "ContributionSourceKind" NOT NULL,
    "label" TEXT NOT NULL,
    "secretCiphertext" TEXT,
    "secretHint" TEXT,
    "secretRotatedAt" TIMESTAMP(3),
    "autoValidate" BOOLEAN NOT NULL DEFAULT false,
    "contributionType" "ContributionType" NOT NULL DEFAULT 'CODE',
    "config" JSONB NOT NULL DEFAULT '{}',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "ignoredCount" INTEGER NOT NULL DEFAULT 0,
    "lastDeliveryAt" TIMESTAMP(3),
    "lastImportAt" TIMESTAMP(3),
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContributionSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceDelivery" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "contributionId" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SourceDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExternalIdentity" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "provider" "IdentityProvider" NOT NULL,
    "externalUsername" TEXT NOT NULL,
    "externalKey" TEXT NOT NULL,
    "externalId" TEXT,
    "challenge" TEXT NOT NULL,
    "verifiedAt" TIMESTAMP(3),
    "verifiedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExternalIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnmatchedEvent" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "provider" "IdentityProvider" NOT NULL,
    "externalUsername" TEXT NOT NULL,
    "externalKey" TEXT NOT NULL,
    "type" "ContributionType" NOT NULL,
    "description" TEXT NOT NULL,
    "date" TIMESTAMP(3) NOT NULL,
    "quantity" DOUBLE PRECISION,
    "unit" TEXT,
    "link" TEXT,
    "claimedAt" TIMESTAMP(3),
    "claimedById" TEXT,
    "contributionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnmatchedEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaptureAlert" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "commonsId" TEXT NOT NULL DEFAULT '',
    "metric" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "raisedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clearedAt" TIMESTAMP(3),

    CONSTRAINT "CaptureAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ContributionSource_commonsId_idx" ON "ContributionSource"("commonsId");

-- CreateIndex
CREATE INDEX "ContributionSource_kind_active_idx" ON "ContributionSource"("kind", "active");

-- CreateIndex
CREATE INDEX "SourceDelivery_sourceId_receivedAt_idx" ON "SourceDelivery"("sourceId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SourceDelivery_sourceId_externalId_key" ON "SourceDelivery"("sourceId", "externalId");

-- CreateIndex
CREATE INDEX "ExternalIdentity_provider_externalKey_idx" ON "ExternalIdentity"("provider", "externalKey");

-- CreateIndex
CREATE UNIQUE INDEX "ExternalIdentity_userId_provider_externalKey_key" ON "ExternalIdentity"("userId", "provider", "externalKey");

-- CreateIndex
CREATE INDEX "UnmatchedEvent_provider_externalKey_claimedAt_idx" ON "UnmatchedEvent"("provider", "externalKey", "claimedAt");

-- CreateIndex
CREATE UNIQUE INDEX "UnmatchedEvent_sourceId_externalId_key" ON "UnmatchedEvent"("sourceId", "externalId");

-- CreateIndex
CREATE INDEX "CaptureAlert_communityId_clearedAt_idx" ON "CaptureAlert"("communityId", "clearedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Contribution_sourceId_externalId_key" ON "Contribution"("sourceId", "externalId");

-- AddForeignKey
ALTER TABLE "Contribution" ADD CONSTRAINT "Contribution_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "ContributionSource"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContributionSource" ADD CONSTRAINT "ContributionSource_commonsId_fkey" FOREIGN KEY ("commonsId") REFERENCES "Commons"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceDelivery" ADD CONSTRAINT "SourceDelivery_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "ContributionSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExternalIdentity" ADD CONSTRAINT "ExternalIdentity_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnmatchedEvent" ADD CONSTRAINT "UnmatchedEvent_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "ContributionSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaptureAlert" ADD CONSTRAINT "CaptureAlert_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A verified identity belongs to one person only: linking one another member verified is refused (issue 16).
CREATE UNIQUE INDEX "ExternalIdentity_verified_key" ON "ExternalIdentity"("provider", "externalKey") WHERE "verifiedAt" IS NOT NULL;

-- At most one open capture alert per community, commons ('' for the community as a whole) and metric: it fires once.
CREATE UNIQUE INDEX "CaptureAlert_open_key" ON "CaptureAlert"("communityId", "commonsId", "metric") WHERE "clearedAt" IS NULL;
