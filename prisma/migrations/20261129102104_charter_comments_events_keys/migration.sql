-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "amendment" JSONB,
ADD COLUMN     "discussionEndsAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Charter" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "currentVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Charter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CharterVersion" (
    "id" TEXT NOT NULL,
    "charterId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "rules" JSONB NOT NULL,
    "parameters" JSONB NOT NULL,
    "changes" JSONB NOT NULL DEFAULT '[]',
    "proposalId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CharterVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalComment" (
    "id" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "parentId" TEXT,
    "body" TEXT NOT NULL,
    "editedAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),
    "hiddenAt" TIMESTAMP(3),
    "hiddenById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DomainEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "communityId" TEXT,
    "proposalId" TEXT,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "DomainEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SigningKey" (
    "id" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "privateKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Charter_communityId_key" ON "Charter"("communityId");

-- CreateIndex
CREATE UNIQUE INDEX "CharterVersion_proposalId_key" ON "CharterVersion"("proposalId");

-- CreateIndex
CREATE UNIQUE INDEX "CharterVersion_charterId_number_key" ON "CharterVersion"("charterId", "number");

-- CreateIndex
CREATE INDEX "ProposalComment_proposalId_createdAt_idx" ON "ProposalComment"("proposalId", "createdAt");

-- CreateIndex
CREATE INDEX "DomainEvent_deliveredAt_createdAt_idx" ON "DomainEvent"("deliveredAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "DomainEvent_type_proposalId_key" ON "DomainEvent"("type", "proposalId");

-- AddForeignKey
ALTER TABLE "Charter" ADD CONSTRAINT "Charter_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CharterVersion" ADD CONSTRAINT "CharterVersion_charterId_fkey" FOREIGN KEY ("charterId") REFERENCES "Charter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Charter versions are history: never rewritten.
CREATE FUNCTION "charter_version_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'CharterVersion is immutable (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER "CharterVersion_immutable" BEFORE UPDATE OR DELETE ON "CharterVersion"
  FOR EACH ROW EXECUTE FUNCTION "charter_version_immutable"();
