-- CreateTable
CREATE TABLE "LogEntry" (
    "index" BIGINT NOT NULL,
    "communityId" TEXT,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "leafHash" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LogEntry_pkey" PRIMARY KEY ("index")
);

-- CreateTable
CREATE TABLE "LogNode" (
    "level" INTEGER NOT NULL,
    "index" BIGINT NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "LogNode_pkey" PRIMARY KEY ("level","index")
);

-- CreateTable
CREATE TABLE "LogState" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "size" BIGINT NOT NULL DEFAULT 0,
    "root" BYTEA NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LogState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LogCheckpoint" (
    "size" BIGINT NOT NULL,
    "root" BYTEA NOT NULL,
    "note" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LogCheckpoint_pkey" PRIMARY KEY ("size")
);

-- CreateTable
CREATE TABLE "LogCosignature" (
    "id" TEXT NOT NULL,
    "checkpointSize" BIGINT NOT NULL,
    "witness" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "line" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LogCosignature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LogSalt" (
    "id" TEXT NOT NULL,
    "salt" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LogSalt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WitnessedLog" (
    "origin" TEXT NOT NULL,
    "verifierKey" TEXT NOT NULL,
    "size" BIGINT NOT NULL DEFAULT 0,
    "root" BYTEA,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WitnessedLog_pkey" PRIMARY KEY ("origin")
);

-- CreateTable
CREATE TABLE "WitnessRefusal" (
    "id" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WitnessRefusal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LogEntry_communityId_index_idx" ON "LogEntry"("communityId", "index");

-- CreateIndex
CREATE INDEX "LogEntry_kind_index_idx" ON "LogEntry"("kind", "index");

-- CreateIndex
CREATE UNIQUE INDEX "LogCosignature_checkpointSize_witness_key" ON "LogCosignature"("checkpointSize", "witness");

-- CreateIndex
CREATE INDEX "WitnessRefusal_origin_at_idx" ON "WitnessRefusal"("origin", "at");

-- AddForeignKey
ALTER TABLE "LogCosignature" ADD CONSTRAINT "LogCosignature_checkpointSize_fkey" FOREIGN KEY ("checkpointSize") REFERENCES "LogCheckpoint"("size") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The log is append-only: entries, the complete subtree hashes and issued checkpoints are never
-- rewritten or removed (TRUNCATE included). Only the head (LogState) moves, under its row lock.
CREATE FUNCTION "transparency_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
END;
$$;
CREATE TRIGGER "LogEntry_append_only" BEFORE UPDATE OR DELETE ON "LogEntry"
  FOR EACH ROW EXECUTE FUNCTION "transparency_log_append_only"();
CREATE TRIGGER "LogEntry_no_truncate" BEFORE TRUNCATE ON "LogEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION "transparency_log_append_only"();
CREATE TRIGGER "LogNode_append_only" BEFORE UPDATE OR DELETE ON "LogNode"
  FOR EACH ROW EXECUTE FUNCTION "transparency_log_append_only"();
CREATE TRIGGER "LogNode_no_truncate" BEFORE TRUNCATE ON "LogNode"
  FOR EACH STATEMENT EXECUTE FUNCTION "transparency_log_append_only"();
CREATE TRIGGER "LogCheckpoint_append_only" BEFORE UPDATE OR DELETE ON "LogCheckpoint"
  FOR EACH ROW EXECUTE FUNCTION "transparency_log_append_only"();
CREATE TRIGGER "LogCheckpoint_no_truncate" BEFORE TRUNCATE ON "LogCheckpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION "transparency_log_append_only"();

-- One head, starting empty (the root of the empty tree is SHA-256 of nothing); sizes never go back.
ALTER TABLE "LogState" ADD CONSTRAINT "LogState_single_row" CHECK ("id" = 1);
ALTER TABLE "LogState" ADD CONSTRAINT "LogState_size_nonnegative" CHECK ("size" >= 0);
INSERT INTO "LogState" ("id", "size", "root")
  VALUES (1, 0, decode('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'hex'));
ALTER TABLE "LogEntry" ADD CONSTRAINT "LogEntry_index_nonnegative" CHECK ("index" >= 0);
