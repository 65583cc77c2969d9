"use server";
/** Recording and reviewing contributions from the ledger forms (the same schemas as the API's). */
import { z } from "zod";
import { recordContribution, validateContribution } from "@/lib/commons/contributions";
import { recordContributionInputSchema, reviewContributionSchema } from "@/lib/commons/ledger-schemas";
import { defineAction } from "@/lib/web/action";

const slug = z.string().min(1).max(100);

function ledgerPages({ slug, commonsSlug }: { slug: string; commonsSlug: string }) {
  const base = `/communities/${slug}/commons/${commonsSlug}`;
  return [base, `${base}/ledger`, `${base}/dashboard`, `/communities/${slug}/dashboard`];
}

export const recordContributionAction = defineAction({
  name: "contribution.record",
  input: recordContributionInputSchema.safeExtend({ slug, commonsSlug: slug }),
  handle: async ({ db, actor, input: { slug, commonsSlug, ...contribution } }) => {
    const { id } = await recordContribution.run(db, { actor, slug, commonsSlug, input: contribution });
    return { id };
  },
  revalidate: ledgerPages,
});

export const reviewContributionAction = defineAction({
  name: "contribution.review",
  input: reviewContributionSchema.safeExtend({ slug, commonsSlug: slug, contributionId: slug }),
  handle: async ({ db, actor, input: { slug, contributionId, ...review } }) => {
    const { state } = await validateContribution.run(db, { actor, slug, contributionId, input: review });
    return { state };
  },
  revalidate: ledgerPages,
});
