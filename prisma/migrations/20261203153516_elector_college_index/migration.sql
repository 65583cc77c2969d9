-- Issue 15 (closing 100 000 ballots): the close counts the frozen electorate per college
-- (`SELECT college, count(*) … GROUP BY college`) from this index alone, an index-only scan of the
-- proposal's entries instead of a scan of every proposal's electors.
-- CreateIndex
CREATE INDEX "ElectorMember_proposalId_college_idx" ON "ElectorMember"("proposalId", "college");
