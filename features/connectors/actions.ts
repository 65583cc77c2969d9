"use server";
/**
 * Contribution sources and outside identities from the site (issue 16): the same schemas and use
 * cases as everywhere else (lib/connectors); a new or rotated secret goes back to the page once.
 */
import { z } from "zod";
import { createSource, rotateSecret, updateSource } from "@/lib/connectors/sources";
import { claimEvent, linkIdentity, unlinkIdentity, verifyIdentity } from "@/lib/connectors/identities";
import {
  claimSchema,
  createSourceSchema,
  identityRefSchema,
  linkIdentitySchema,
  sourceRefSchema,
  updateSourceSchema,
} from "@/lib/connectors/schemas";
import { defineAction, defineFormAction } from "@/lib/web/action";

const slug = z.string().min(1).max(100);
const commonsTarget = { slug, commonsSlug: slug };

function sourcePages({ slug, commonsSlug }: { slug: string; commonsSlug: string }) {
  const base = `/communities/${slug}/commons/${commonsSlug}`;
  return [`${base}/sources`, `${base}/ledger`, base];
}

export const createSourceAction = defineAction({
  name: "source.create",
  input: createSourceSchema.safeExtend(commonsTarget),
  handle: async ({ db, actor, input: { slug, commonsSlug, ...source } }) =>
    createSource.run(db, { actor, communitySlug: slug, commonsSlug, input: source }),
  revalidate: sourcePages,
});

export const rotateSecretAction = defineAction({
  name: "source.rotateSecret",
  input: sourceRefSchema.extend(commonsTarget),
  handle: async ({ db, actor, input: { slug, commonsSlug, sourceId } }) =>
    rotateSecret(db, { actor, communitySlug: slug, commonsSlug, sourceId }),
  revalidate: sourcePages,
});

export const updateSourceAction = defineFormAction({
  name: "source.update",
  input: updateSourceSchema.extend(commonsTarget),
  handle: async ({ db, actor, input: { slug, commonsSlug, ...settings } }) =>
    updateSource.run(db, { actor, communitySlug: slug, commonsSlug, input: settings }),
  revalidate: sourcePages,
});

export const linkIdentityAction = defineAction({
  name: "identity.link",
  input: linkIdentitySchema,
  handle: async ({ db, actor, input }) => {
    const identity = await linkIdentity.run(db, { actor, input });
    return { id: identity.id, challenge: identity.challenge };
  },
  revalidate: () => "/profile",
});

export const verifyIdentityAction = defineAction({
  name: "identity.verify",
  input: identityRefSchema,
  handle: async ({ db, actor, input }) => verifyIdentity(db, { actor, identityId: input.identityId }),
  revalidate: () => "/profile",
});

export const unlinkIdentityAction = defineFormAction({
  name: "identity.unlink",
  input: identityRefSchema,
  handle: async ({ db, actor, input }) => unlinkIdentity(db, { actor, identityId: input.identityId }),
  revalidate: () => "/profile",
});

export const claimEventAction = defineFormAction({
  name: "contribution.claim",
  input: claimSchema,
  handle: async ({ db, actor, input }) => {
    await claimEvent(db, { actor, unmatchedId: input.unmatchedId });
  },
  revalidate: () => "/profile",
});
