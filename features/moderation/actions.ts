"use server";
/**
 * Moderation from the web pages: reporting, the queue's actions (one report or many at once),
 * sanctions and appeals. The use cases in lib/moderation check the permission and write the change,
 * its audit entry and its notifications in one transaction.
 */
import { z } from "zod";
import { reportContent, dismissReport } from "@/lib/moderation/reports";
import { contestHiding, hideContent, restoreContent } from "@/lib/moderation/hide";
import { moderateInBulk } from "@/lib/moderation/bulk";
import { sanction, sanctionOffer } from "@/lib/moderation/sanctions";
import { appeal, decideAppeal } from "@/lib/moderation/appeals";
import { hideSchema } from "@/lib/moderation/schemas";
import { defineAction } from "@/lib/web/action";

const slug = z.string().min(1).max(100);
const community = (input: { slug: string }) => [`/communities/${input.slug}`, "layout"] as const;
// Hiding or restoring changes what a proposal page shows too.
const communityAndProposals = (input: { slug: string }) => [community(input), ["/proposals/[id]", "page"] as const];

/** Reporting: the reporter gets their receipt (never who wrote the content). */
export const reportAction = defineAction({
  name: "report.create",
  input: reportContent.schema.safeExtend({ slug }),
  handle: ({ db, actor, input: { slug, ...report } }) => reportContent.run(db, { actor, slug, input: report }),
  revalidate: community,
});

/**
 * One report or one item: dismiss the report, hide or restore the content. After hiding, the answer
 * carries the offer to sanction the author in place (null when they may not be sanctioned for it).
 */
export const moderateAction = defineAction({
  name: "moderation.moderate",
  input: z.discriminatedUnion("op", [
    z.object({ op: z.literal("dismiss"), slug, reportId: z.string().min(1).max(100) }),
    hideSchema.extend({ op: z.enum(["hide", "restore"]), slug }),
  ]),
  handle: async ({ db, actor, input }) => {
    if (input.op === "dismiss") {
      await dismissReport(db, { actor, slug: input.slug, reportId: input.reportId });
      return;
    }
    const { op, slug, ...target } = input;
    const { authorId } = await (op === "hide" ? hideContent : restoreContent).run(db, { actor, slug, input: target });
    if (op !== "hide" || !authorId) return { offer: null };
    const item = { targetKind: target.targetKind, targetId: target.targetId };
    return { offer: await sanctionOffer(db, { actor, slug, userId: authorId, item }) };
  },
  revalidate: communityAndProposals,
});

/** Many reports at once (a spam wave): one transaction, one audit entry per item. */
export const bulkAction = defineAction({
  name: "moderation.bulk",
  input: moderateInBulk.schema.safeExtend({ slug }),
  handle: ({ db, actor, input: { slug, ...bulk } }) => moderateInBulk.run(db, { actor, slug, input: bulk }),
  revalidate: communityAndProposals,
});

export const sanctionAction = defineAction({
  name: "moderation.sanction",
  input: sanction.schema.safeExtend({ slug }),
  handle: async ({ db, actor, input }) => {
    const created = await sanction.run(db, { actor, ...input });
    return { id: created.id };
  },
  revalidate: community,
});

export const appealAction = defineAction({
  name: "moderation.appeal",
  input: appeal.schema.safeExtend({ slug }),
  handle: async ({ db, actor, input: { slug, ...text } }) => {
    await appeal.run(db, { actor, slug, input: text });
  },
  revalidate: community,
});

export const decideAppealAction = defineAction({
  name: "moderation.decideAppeal",
  input: decideAppeal.schema.safeExtend({ slug }),
  handle: async ({ db, actor, input: { slug, ...decision } }) => {
    await decideAppeal.run(db, { actor, slug, input: decision });
  },
  revalidate: community,
});

/** The author of hidden content contests the hiding (the moderators other than the one who hid it are told). */
export const contestHidingAction = defineAction({
  name: "moderation.contestHiding",
  input: contestHiding.schema.safeExtend({ slug }),
  handle: async ({ db, actor, input: { slug, ...contest } }) => {
    await contestHiding.run(db, { actor, slug, input: contest });
  },
});
