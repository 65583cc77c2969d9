-- A commons adoption proposal's title is now data (the commons' title); pages, emails and digests
-- render "Adoption du commun « X »" from the kind through the catalogue (lib/proposals/title.ts).
-- Titles stored before as the French sentence "Adoption : X" keep only the commons' title.
UPDATE "Proposal"
SET "title" = substring("title" from 12)
WHERE "kind" = 'COMMONS_ADOPTION' AND "title" LIKE 'Adoption : %';
