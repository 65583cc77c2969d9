-- Hand-written (issue 15, national scale): the proposals list's word search (each word in the title or the text,
-- case-insensitive, `ILIKE '%word%'`) read all 30 000 proposals of a national community (34 ms for a word found
-- nowhere); trigram indexes let PostgreSQL find the few matching rows instead. No schema change: plain indexes.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Proposal_title_trgm_idx" ON "Proposal" USING gin ("title" gin_trgm_ops);
CREATE INDEX "Proposal_body_trgm_idx" ON "Proposal" USING gin ("body" gin_trgm_ops);
