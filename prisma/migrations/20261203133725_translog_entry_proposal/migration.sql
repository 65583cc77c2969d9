-- AlterTable
ALTER TABLE "LogEntry" ADD COLUMN     "proposalId" TEXT;

-- CreateIndex
CREATE INDEX "LogEntry_proposalId_kind_idx" ON "LogEntry"("proposalId", "kind");

-- Entries written before this column: the same id, read from their payload. The column is not part
-- of the leaf (its hash covers the payload only), so filling it rewrites nothing the log proves; the
-- append-only trigger is set aside for this one statement only.
ALTER TABLE "LogEntry" DISABLE TRIGGER "LogEntry_append_only";
UPDATE "LogEntry" SET "proposalId" = ("payload"::jsonb -> 'payload' ->> 'proposalId') WHERE "payload"::jsonb -> 'payload' ? 'proposalId';
ALTER TABLE "LogEntry" ENABLE TRIGGER "LogEntry_append_only";
