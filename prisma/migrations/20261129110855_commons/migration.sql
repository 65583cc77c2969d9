-- CreateEnum
CREATE TYPE "CommonsKind" AS ENUM ('DATASET', 'SOFTWARE', 'SERVICE_API', 'MAP', 'SPECIFICATION', 'OTHER');

-- CreateEnum
CREATE TYPE "CommonsStatus" AS ENUM ('DRAFT', 'PROPOSED', 'ADOPTED', 'REJECTED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "ContributionType" AS ENUM ('DATA_PRODUCTION', 'CORRECTION', 'CODE', 'DOCUMENTATION', 'REVIEW', 'ANIMATION', 'FUNDING', 'OTHER');

-- CreateEnum
CREATE TYPE "ContributionState" AS ENUM ('PENDING', 'VALIDATED', 'REJECTED');

-- CreateTable
CREATE TABLE "Commons" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "kind" "CommonsKind" NOT NULL,
    "licence" TEXT NOT NULL,
    "repositoryUrl" TEXT,
    "dataUrl" TEXT,
    "documentationUrl" TEXT,
    "coverage" JSONB,
    "minLon" DOUBLE PRECISION,
    "minLat" DOUBLE PRECISION,
    "maxLon" DOUBLE PRECISION,
    "maxLat" DOUBLE PRECISION,
    "status" "CommonsStatus" NOT NULL DEFAULT 'DRAFT',
    "proposerId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Commons_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommonsSteward" (
    "id" TEXT NOT NULL,
    "commonsId" TEXT NOT NULL,
    "userId" TEXT,
    "organizationId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommonsSteward_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contribution" (
    "id" TEXT NOT NULL,
    "commonsId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "type" "ContributionType" NOT NULL,
    "description" TEXT NOT NULL,
    "date" TIMESTAMP(3) NOT NULL,
    "hours" DOUBLE PRECISION,
    "quantity" DOUBLE PRECISION,
    "unit" TEXT,
    "link" TEXT,
    "place" JSONB,
    "state" "ContributionState" NOT NULL DEFAULT 'PENDING',
    "validatorId" TEXT,
    "validationComment" TEXT,
    "validatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Contribution_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Commons_status_kind_idx" ON "Commons"("status", "kind");

-- CreateIndex
CREATE INDEX "Commons_minLon_maxLon_minLat_maxLat_idx" ON "Commons"("minLon", "maxLon", "minLat", "maxLat");

-- CreateIndex
CREATE UNIQUE INDEX "Commons_communityId_slug_key" ON "Commons"("communityId", "slug");

-- CreateIndex
CREATE INDEX "CommonsSteward_userId_idx" ON "CommonsSteward"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "CommonsSteward_commonsId_userId_key" ON "CommonsSteward"("commonsId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "CommonsSteward_commonsId_organizationId_key" ON "CommonsSteward"("commonsId", "organizationId");

-- CreateIndex
CREATE INDEX "Contribution_commonsId_state_date_idx" ON "Contribution"("commonsId", "state", "date");

-- CreateIndex
CREATE INDEX "Contribution_authorId_idx" ON "Contribution"("authorId");

-- AddForeignKey
ALTER TABLE "Commons" ADD CONSTRAINT "Commons_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commons" ADD CONSTRAINT "Commons_proposerId_fkey" FOREIGN KEY ("proposerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommonsSteward" ADD CONSTRAINT "CommonsSteward_commonsId_fkey" FOREIGN KEY ("commonsId") REFERENCES "Commons"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommonsSteward" ADD CONSTRAINT "CommonsSteward_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommonsSteward" ADD CONSTRAINT "CommonsSteward_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contribution" ADD CONSTRAINT "Contribution_commonsId_fkey" FOREIGN KEY ("commonsId") REFERENCES "Commons"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contribution" ADD CONSTRAINT "Contribution_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contribution" ADD CONSTRAINT "Contribution_validatorId_fkey" FOREIGN KEY ("validatorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Full-text search on commons (French and English, accents ignored: "reseau" finds "réseau").
-- unaccent() is only STABLE; this wrapper fixes its dictionary so a generated column may use it.
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE OR REPLACE FUNCTION commons_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

ALTER TABLE "Commons" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('french'::regconfig, commons_unaccent(coalesce("title", ''))), 'A') ||
  setweight(to_tsvector('english'::regconfig, commons_unaccent(coalesce("title", ''))), 'A') ||
  setweight(to_tsvector('french'::regconfig, commons_unaccent(coalesce("summary", ''))), 'B') ||
  setweight(to_tsvector('english'::regconfig, commons_unaccent(coalesce("summary", ''))), 'B') ||
  setweight(to_tsvector('french'::regconfig, commons_unaccent(coalesce("description", ''))), 'C') ||
  setweight(to_tsvector('english'::regconfig, commons_unaccent(coalesce("description", ''))), 'C')
) STORED;

CREATE INDEX "Commons_searchVector_idx" ON "Commons" USING GIN ("searchVector");

-- A steward is a person or an organisation, exactly one of the two.
ALTER TABLE "CommonsSteward" ADD CONSTRAINT "CommonsSteward_one_of" CHECK (("userId" IS NULL) <> ("organizationId" IS NULL));
