-- CreateEnum
CREATE TYPE "HiddenBy" AS ENUM ('AUTOMATIC', 'MODERATOR');

-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "hiddenBy" "HiddenBy",
ADD COLUMN     "hiddenById" TEXT;

-- AlterTable
ALTER TABLE "ProposalComment" ADD COLUMN     "hiddenBy" "HiddenBy";

-- AlterTable
ALTER TABLE "Commons" ADD COLUMN     "hiddenBy" "HiddenBy",
ADD COLUMN     "hiddenById" TEXT;

-- AlterTable
ALTER TABLE "Contribution" ADD COLUMN     "hiddenBy" "HiddenBy",
ADD COLUMN     "hiddenById" TEXT;

-- Backfill: until now "hidden automatically" was inferred, not stored. The charter's automatic
-- hiding after N reports wrote no reason (and, on comments, no moderator); a moderator's hiding
-- always wrote a reason (lib/moderation/hide.ts), and a comment hidden from its thread named its
-- moderator in hiddenById. Hidden rows are classified by that same rule, once, here.
UPDATE "Proposal" SET "hiddenBy" = (CASE WHEN "hiddenReason" IS NULL THEN 'AUTOMATIC' ELSE 'MODERATOR' END)::"HiddenBy"
WHERE "hiddenAt" IS NOT NULL;
UPDATE "Commons" SET "hiddenBy" = (CASE WHEN "hiddenReason" IS NULL THEN 'AUTOMATIC' ELSE 'MODERATOR' END)::"HiddenBy"
WHERE "hiddenAt" IS NOT NULL;
UPDATE "Contribution" SET "hiddenBy" = (CASE WHEN "hiddenReason" IS NULL THEN 'AUTOMATIC' ELSE 'MODERATOR' END)::"HiddenBy"
WHERE "hiddenAt" IS NOT NULL;
UPDATE "ProposalComment"
SET "hiddenBy" = (CASE WHEN "hiddenReason" IS NULL AND "hiddenById" IS NULL THEN 'AUTOMATIC' ELSE 'MODERATOR' END)::"HiddenBy"
WHERE "hiddenAt" IS NOT NULL;

-- ProposalComment."hiddenById" had no foreign key: drop values that name no person (the moderator
-- is then unknown, the hiding still counts as a moderator's), and any left on a visible comment.
UPDATE "ProposalComment" c SET "hiddenById" = NULL
WHERE c."hiddenById" IS NOT NULL
  AND (c."hiddenAt" IS NULL OR NOT EXISTS (SELECT 1 FROM "User" u WHERE u."id" = c."hiddenById"));

-- The moderator who hid a proposal, commons or contribution was only written in the audit log: take
-- the latest "moderation.hidden" entry naming an actor for that item (automatic entries name none).
UPDATE "Proposal" p SET "hiddenById" = (
  SELECT a."actorId" FROM "AuditEntry" a
  WHERE a."communityId" = p."communityId" AND a."action" = 'moderation.hidden' AND a."actorId" IS NOT NULL
    AND a."details"->>'targetKind' = 'PROPOSAL' AND a."details"->>'targetId' = p."id"
  ORDER BY a."at" DESC, a."id" DESC LIMIT 1)
WHERE p."hiddenBy" = 'MODERATOR';
UPDATE "Commons" m SET "hiddenById" = (
  SELECT a."actorId" FROM "AuditEntry" a
  WHERE a."communityId" = m."communityId" AND a."action" = 'moderation.hidden' AND a."actorId" IS NOT NULL
    AND a."details"->>'targetKind' = 'COMMONS' AND a."details"->>'targetId' = m."id"
  ORDER BY a."at" DESC, a."id" DESC LIMIT 1)
WHERE m."hiddenBy" = 'MODERATOR';
UPDATE "Contribution" k SET "hiddenById" = (
  SELECT a."actorId" FROM "AuditEntry" a
  WHERE a."action" = 'moderation.hidden' AND a."actorId" IS NOT NULL
    AND a."details"->>'targetKind' = 'CONTRIBUTION' AND a."details"->>'targetId' = k."id"
  ORDER BY a."at" DESC, a."id" DESC LIMIT 1)
WHERE k."hiddenBy" = 'MODERATOR';
UPDATE "ProposalComment" c SET "hiddenById" = (
  SELECT a."actorId" FROM "AuditEntry" a
  WHERE a."action" = 'moderation.hidden' AND a."actorId" IS NOT NULL
    AND a."details"->>'targetKind' = 'COMMENT' AND a."details"->>'targetId' = c."id"
  ORDER BY a."at" DESC, a."id" DESC LIMIT 1)
WHERE c."hiddenBy" = 'MODERATOR' AND c."hiddenById" IS NULL;

-- "Hidden" stays "hiddenAt IS NOT NULL" (read everywhere). The marker follows it: a visible item
-- carries none, and an automatic hiding names no moderator.
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_hiddenBy_consistent"
  CHECK (("hiddenAt" IS NOT NULL OR ("hiddenBy" IS NULL AND "hiddenById" IS NULL))
     AND ("hiddenBy" IS DISTINCT FROM 'AUTOMATIC' OR "hiddenById" IS NULL));
ALTER TABLE "ProposalComment" ADD CONSTRAINT "ProposalComment_hiddenBy_consistent"
  CHECK (("hiddenAt" IS NOT NULL OR ("hiddenBy" IS NULL AND "hiddenById" IS NULL))
     AND ("hiddenBy" IS DISTINCT FROM 'AUTOMATIC' OR "hiddenById" IS NULL));
ALTER TABLE "Commons" ADD CONSTRAINT "Commons_hiddenBy_consistent"
  CHECK (("hiddenAt" IS NOT NULL OR ("hiddenBy" IS NULL AND "hiddenById" IS NULL))
     AND ("hiddenBy" IS DISTINCT FROM 'AUTOMATIC' OR "hiddenById" IS NULL));
ALTER TABLE "Contribution" ADD CONSTRAINT "Contribution_hiddenBy_consistent"
  CHECK (("hiddenAt" IS NOT NULL OR ("hiddenBy" IS NULL AND "hiddenById" IS NULL))
     AND ("hiddenBy" IS DISTINCT FROM 'AUTOMATIC' OR "hiddenById" IS NULL));

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_hiddenById_fkey" FOREIGN KEY ("hiddenById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalComment" ADD CONSTRAINT "ProposalComment_hiddenById_fkey" FOREIGN KEY ("hiddenById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commons" ADD CONSTRAINT "Commons_hiddenById_fkey" FOREIGN KEY ("hiddenById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contribution" ADD CONSTRAINT "Contribution_hiddenById_fkey" FOREIGN KEY ("hiddenById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
