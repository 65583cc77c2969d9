-- CreateTable
CREATE TABLE "MembershipHeadcount" (
    "communityId" TEXT NOT NULL,
    "college" "ActorKind" NOT NULL,
    "status" "MembershipStatus" NOT NULL,
    "members" INTEGER NOT NULL,

    CONSTRAINT "MembershipHeadcount_pkey" PRIMARY KEY ("communityId","college","status")
);

-- CreateIndex
CREATE INDEX "Proposal_communityId_createdAt_id_idx" ON "Proposal"("communityId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Commons_communityId_createdAt_id_idx" ON "Commons"("communityId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Commons_createdAt_id_idx" ON "Commons"("createdAt", "id");

-- AddForeignKey
ALTER TABLE "MembershipHeadcount" ADD CONSTRAINT "MembershipHeadcount_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (issue 15, national scale) ------------------------------------------------------------

-- MembershipHeadcount stays exact: statement-level triggers apply the net change of each statement on
-- Membership (one row per community, college and status touched, in key order), so a bulk insert of
-- 25 000 members updates four rows once. A removed community's rows go with it (ON DELETE CASCADE): the
-- delete branch only updates rows still there, never inserts.
CREATE FUNCTION membership_headcount_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "MembershipHeadcount" ("communityId", "college", "status", "members")
    SELECT "communityId", "college", "status", count(*)::int FROM new_rows
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("communityId", "college", "status")
      DO UPDATE SET "members" = "MembershipHeadcount"."members" + EXCLUDED."members";
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "MembershipHeadcount" h SET "members" = h."members" - d.n
    FROM (SELECT "communityId", "college", "status", count(*)::int AS n FROM old_rows GROUP BY 1, 2, 3) d
    WHERE h."communityId" = d."communityId" AND h."college" = d."college" AND h."status" = d."status";
  ELSE
    INSERT INTO "MembershipHeadcount" ("communityId", "college", "status", "members")
    SELECT "communityId", "college", "status", sum(n)::int FROM (
      SELECT "communityId", "college", "status", 1 AS n FROM new_rows
      UNION ALL
      SELECT "communityId", "college", "status", -1 AS n FROM old_rows
    ) c
    GROUP BY 1, 2, 3 HAVING sum(n) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("communityId", "college", "status")
      DO UPDATE SET "members" = "MembershipHeadcount"."members" + EXCLUDED."members";
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Membership_headcount_insert" AFTER INSERT ON "Membership"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION membership_headcount_apply();
CREATE TRIGGER "Membership_headcount_update" AFTER UPDATE ON "Membership"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION membership_headcount_apply();
CREATE TRIGGER "Membership_headcount_delete" AFTER DELETE ON "Membership"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION membership_headcount_apply();

CREATE FUNCTION membership_headcount_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "MembershipHeadcount";
  RETURN NULL;
END;
$$;
CREATE TRIGGER "Membership_headcount_truncate" AFTER TRUNCATE ON "Membership"
  FOR EACH STATEMENT EXECUTE FUNCTION membership_headcount_truncate();

INSERT INTO "MembershipHeadcount" ("communityId", "college", "status", "members")
SELECT "communityId", "college", "status", count(*)::int FROM "Membership" GROUP BY 1, 2, 3;

-- The turnout of a vote (ballots not withdrawn) counted from the index alone, without reading 50 000 ballots.
CREATE INDEX "Ballot_counted_proposalId_idx" ON "Ballot" ("proposalId") WHERE "withdrawnAt" IS NULL;
