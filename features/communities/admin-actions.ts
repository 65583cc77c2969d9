"use server";
/**
 * Administration of a community: decide requests, invite, change roles and colleges, configure the
 * colleges. The use cases check the permission (lib/policy) and write the audit entry in the same
 * transaction.
 */
import { z } from "zod";
import { config } from "@/lib/core/config";
import { configureColleges } from "@/lib/communities/colleges";
import { inviteByEmail } from "@/lib/communities/invitations";
import { changeMemberCollege, changeMemberRole, decideMembershipRequest } from "@/lib/communities/membership";
import { changeCollegeSchema, changeRoleSchema, decideSchema, inviteSchema, weightsSchema } from "@/lib/communities/schemas";
import { actorKinds } from "@/lib/users/schemas";
import { defineAction } from "@/lib/web/action";

const slug = z.string().min(1).max(100);
const community = (input: { slug: string }) => [`/communities/${input.slug}`, "layout"] as const;

export const decideRequestAction = defineAction({
  name: "membership.decide",
  input: decideSchema.safeExtend({ slug }),
  handle: ({ db, actor, input }) =>
    decideMembershipRequest(db, { actor, ...input, message: input.message || undefined, appUrl: config().APP_URL }),
  revalidate: community,
});

export const inviteAction = defineAction({
  name: "membership.invite",
  input: inviteSchema.safeExtend({ slug }),
  handle: async ({ db, actor, input }) => {
    await inviteByEmail(db, {
      actor,
      slug: input.slug,
      email: input.email,
      role: input.role,
      appUrl: config().APP_URL,
      fallbackLocale: actor.locale,
    });
    return { email: input.email };
  },
  revalidate: community,
});

export const changeRoleAction = defineAction({
  name: "membership.changeRole",
  input: changeRoleSchema.safeExtend({ slug }),
  handle: ({ db, actor, input }) => changeMemberRole(db, { actor, ...input }),
  revalidate: community,
});

export const changeCollegeAction = defineAction({
  name: "membership.changeCollege",
  input: changeCollegeSchema.safeExtend({ slug }),
  handle: ({ db, actor, input }) => changeMemberCollege(db, { actor, ...input }),
  revalidate: community,
});

export const configureCollegesAction = defineAction({
  name: "college.configure",
  input: weightsSchema.safeExtend({ slug }),
  handle: ({ db, actor, input }) =>
    configureColleges(db, {
      actor,
      slug: input.slug,
      weightingEnabled: input.weightingEnabled,
      weights: Object.fromEntries(actorKinds.map((kind) => [kind, input.weights[kind]])) as Record<
        (typeof actorKinds)[number],
        number
      >,
    }),
  revalidate: community,
});
