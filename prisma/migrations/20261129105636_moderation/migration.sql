-- CreateEnum
CREATE TYPE "ReportTargetKind" AS ENUM ('PROPOSAL', 'COMMENT', 'PROFILE', 'CONTRIBUTION', 'COMMONS');

-- CreateEnum
CREATE TYPE "ReportReason" AS ENUM ('SPAM', 'ABUSE', 'OFF_TOPIC', 'ILLEGAL', 'PERSONAL_DATA', 'OTHER');

-- CreateEnum
CREATE TYPE "ReportState" AS ENUM ('OPEN', 'DISMISSED', 'ACTIONED');

-- CreateEnum
CREATE TYPE "SanctionKind" AS ENUM ('WARNING', 'SUSPENSION', 'BAN');

-- CreateEnum
CREATE TYPE "AppealState" AS ENUM ('PENDING', 'UPHELD', 'OVERTURNED');

-- CreateTable
CREATE TABLE "Report" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "reporterId" TEXT NOT NULL,
    "targetKind" "ReportTargetKind" NOT NULL,
    "targetId" TEXT NOT NULL,
    "targetAuthorId" TEXT NOT NULL,
    "reason" "ReportReason" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "state" "ReportState" NOT NULL DEFAULT 'OPEN',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "sanctionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Sanction" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "SanctionKind" NOT NULL,
    "until" TIMESTAMP(3),
    "reason" TEXT NOT NULL,
    "ruleReference" TEXT,
    "suggestedKind" "SanctionKind" NOT NULL,
    "suggestedDays" INTEGER,
    "departedFromLadder" BOOLEAN NOT NULL DEFAULT false,
    "departureReason" TEXT,
    "byId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Sanction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Appeal" (
    "id" TEXT NOT NULL,
    "sanctionId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "state" "AppealState" NOT NULL DEFAULT 'PENDING',
    "decidedById" TEXT,
    "decision" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Appeal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Report_communityId_state_createdAt_idx" ON "Report"("communityId", "state", "createdAt");

-- CreateIndex
CREATE INDEX "Report_communityId_targetAuthorId_idx" ON "Report"("communityId", "targetAuthorId");

-- CreateIndex
CREATE INDEX "Report_targetKind_targetId_state_idx" ON "Report"("targetKind", "targetId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "Report_reporterId_targetKind_targetId_key" ON "Report"("reporterId", "targetKind", "targetId");

-- CreateIndex
CREATE INDEX "Sanction_communityId_userId_expiresAt_idx" ON "Sanction"("communityId", "userId", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Appeal_sanctionId_key" ON "Appeal"("sanctionId");

-- CreateIndex
CREATE INDEX "Appeal_state_createdAt_idx" ON "Appeal"("state", "createdAt");

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sanction" ADD CONSTRAINT "Sanction_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appeal" ADD CONSTRAINT "Appeal_sanctionId_fkey" FOREIGN KEY ("sanctionId") REFERENCES "Sanction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Sanctions are history: an appeal overturns one through its Appeal row, never by rewriting it.
CREATE FUNCTION "sanction_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Sanction is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER "Sanction_append_only" BEFORE UPDATE OR DELETE ON "Sanction"
  FOR EACH ROW EXECUTE FUNCTION "sanction_append_only"();
