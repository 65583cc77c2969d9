-- AlterTable
ALTER TABLE "Decision" ALTER COLUMN "ballots" DROP NOT NULL;

-- Issue 15: the published [receipt, choice] list of a closed vote is served from its ballots, so
-- they must never change once the proposal is closed (its decision signs the list's digest).
-- Ballots are written only under the proposal's share lock while it is VOTING (lib/votes); this
-- makes the database itself refuse any later insert, change or deletion.
CREATE FUNCTION "gc_ballots_frozen_after_close"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target text := CASE WHEN TG_OP = 'DELETE' THEN OLD."proposalId" ELSE NEW."proposalId" END;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."proposalId" <> NEW."proposalId" THEN
    RAISE EXCEPTION 'a ballot cannot move to another proposal' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM "Proposal" WHERE "id" = target AND "status" = 'CLOSED') THEN
    RAISE EXCEPTION 'the ballots of closed proposal % are frozen', target USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE TRIGGER "Ballot_frozen_after_close"
  BEFORE INSERT OR UPDATE OR DELETE ON "Ballot"
  FOR EACH ROW EXECUTE FUNCTION "gc_ballots_frozen_after_close"();
