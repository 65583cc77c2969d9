-- CreateEnum
CREATE TYPE "ProposalKind" AS ENUM ('GENERAL', 'COMMONS_ADOPTION', 'CHARTER_AMENDMENT');

-- CreateEnum
CREATE TYPE "ProposalStatus" AS ENUM ('DRAFT', 'DISCUSSION', 'VOTING', 'CLOSED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ProposalOutcome" AS ENUM ('ADOPTED', 'REJECTED', 'VOID');

-- CreateEnum
CREATE TYPE "VotingMethod" AS ENUM ('THRESHOLD', 'CONSENT', 'APPROVAL', 'MAJORITY_JUDGMENT');

-- CreateTable
CREATE TABLE "Proposal" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "kind" "ProposalKind" NOT NULL DEFAULT 'GENERAL',
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "status" "ProposalStatus" NOT NULL DEFAULT 'DRAFT',
    "method" "VotingMethod" NOT NULL DEFAULT 'THRESHOLD',
    "threshold" TEXT,
    "quorumPercent" INTEGER NOT NULL DEFAULT 0,
    "collegeQuorumPercent" INTEGER NOT NULL DEFAULT 0,
    "secret" BOOLEAN NOT NULL DEFAULT true,
    "liveResults" BOOLEAN NOT NULL DEFAULT false,
    "weighted" BOOLEAN NOT NULL DEFAULT false,
    "collegeWeights" JSONB NOT NULL DEFAULT '{}',
    "votingOpensAt" TIMESTAMP(3),
    "votingClosesAt" TIMESTAMP(3),
    "openedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "outcome" "ProposalOutcome",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Proposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalOption" (
    "id" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "label" TEXT NOT NULL,

    CONSTRAINT "ProposalOption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ElectorMember" (
    "proposalId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "college" "ActorKind" NOT NULL,

    CONSTRAINT "ElectorMember_pkey" PRIMARY KEY ("proposalId","userId")
);

-- CreateTable
CREATE TABLE "Ballot" (
    "id" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "college" "ActorKind" NOT NULL,
    "choice" JSONB NOT NULL,
    "receipt" TEXT NOT NULL,
    "castAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" TIMESTAMP(3),

    CONSTRAINT "Ballot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BallotChange" (
    "id" TEXT NOT NULL,
    "ballotId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,

    CONSTRAINT "BallotChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "method" "VotingMethod" NOT NULL,
    "electorateSize" INTEGER NOT NULL,
    "turnout" INTEGER NOT NULL,
    "outcome" "ProposalOutcome" NOT NULL,
    "result" JSONB NOT NULL,
    "ballots" JSONB NOT NULL,
    "digest" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Proposal_communityId_status_idx" ON "Proposal"("communityId", "status");

-- CreateIndex
CREATE INDEX "Proposal_status_votingClosesAt_idx" ON "Proposal"("status", "votingClosesAt");

-- CreateIndex
CREATE UNIQUE INDEX "ProposalOption_proposalId_position_key" ON "ProposalOption"("proposalId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Ballot_receipt_key" ON "Ballot"("receipt");

-- CreateIndex
CREATE UNIQUE INDEX "Ballot_proposalId_userId_key" ON "Ballot"("proposalId", "userId");

-- CreateIndex
CREATE INDEX "BallotChange_ballotId_idx" ON "BallotChange"("ballotId");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_proposalId_key" ON "Decision"("proposalId");

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalOption" ADD CONSTRAINT "ProposalOption_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ElectorMember" ADD CONSTRAINT "ElectorMember_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ballot" ADD CONSTRAINT "Ballot_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BallotChange" ADD CONSTRAINT "BallotChange_ballotId_fkey" FOREIGN KEY ("ballotId") REFERENCES "Ballot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Decisions are immutable once written.
CREATE FUNCTION "decision_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Decision is immutable (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER "Decision_immutable" BEFORE UPDATE OR DELETE ON "Decision"
  FOR EACH ROW EXECUTE FUNCTION "decision_immutable"();

ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_quorum_range"
  CHECK ("quorumPercent" BETWEEN 0 AND 100 AND "collegeQuorumPercent" BETWEEN 0 AND 100);
