"use server";
/** Commons forms and lifecycle controls: one schema per action, the use cases check lib/policy. */
import { z } from "zod";
import { renderMarkdown } from "@/lib/core/markdown";
import { adoptCommons, archiveCommons, proposeCommons, rejectCommons, updateCommons } from "@/lib/commons/commons";
import { submitCommonsToVote } from "@/lib/proposals/submit-commons-to-vote";
import { commonsDecisionSchema, proposeCommonsSchema, updateCommonsSchema } from "@/lib/commons/schemas";
import { defineAction } from "@/lib/web/action";

// `community`, not `slug`: a commons has a slug field of its own.
const slug = z.string().min(1).max(100);
const community = (input: { community: string }) => [`/communities/${input.community}`, "layout"] as const;

export const proposeCommonsAction = defineAction({
  name: "commons.propose",
  input: proposeCommonsSchema.safeExtend({ community: slug }),
  handle: ({ db, actor, input: { community, ...commons } }) => proposeCommons.run(db, { actor, slug: community, input: commons }),
  revalidate: community,
});

export const updateCommonsAction = defineAction({
  name: "commons.update",
  input: updateCommonsSchema.safeExtend({ community: slug, commonsSlug: slug }),
  handle: ({ db, actor, input: { community, commonsSlug, ...commons } }) =>
    updateCommons.run(db, { actor, slug: community, commonsSlug, input: commons }),
  revalidate: community,
});

const decisions = { adopt: adoptCommons, reject: rejectCommons, archive: archiveCommons };

/** Lifecycle: put a draft up for adoption, adopt, reject, archive (with an optional reason). */
export const decideCommonsAction = defineAction({
  name: "commons.decide",
  input: commonsDecisionSchema.safeExtend({
    community: slug,
    commonsSlug: slug,
    decision: z.enum(["adopt", "reject", "archive", "propose"]),
  }),
  handle: async ({ db, actor, input: { community, commonsSlug, decision, reason } }) => {
    const target = { actor, slug: community, commonsSlug };
    const changed =
      decision === "propose"
        ? await updateCommons.run(db, { ...target, input: { status: "PROPOSED" } })
        : await decisions[decision](db, { ...target, reason: reason || undefined });
    return { status: changed.status };
  },
  revalidate: community,
});

/** Where adoption takes a vote: drafts the COMMONS_ADOPTION proposal and returns its id. */
export const submitCommonsToVoteAction = defineAction({
  name: "commons.submitToVote",
  input: z.object({ community: slug, commonsSlug: slug }),
  handle: ({ db, actor, input }) => submitCommonsToVote(db, { actor, slug: input.community, commonsSlug: input.commonsSlug }),
  revalidate: community,
});

/**
 * The description as it will be shown: the form's own field rule (length, no scripts), then the same
 * sanitiser as the commons page.
 */
export const previewMarkdownAction = defineAction({
  name: "commons.previewDescription",
  input: proposeCommonsSchema.pick({ description: true }),
  handle: async ({ input }) => renderMarkdown(input.description),
});
