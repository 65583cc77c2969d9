"use server";
/** Joining, asking to join and leaving, from the community page. Permissions are checked by the use cases. */
import { z } from "zod";
import { joinCommunity, leaveCommunity } from "@/lib/communities/membership";
import { joinSchema } from "@/lib/communities/schemas";
import { defineAction } from "@/lib/web/action";

const slug = z.string().min(1).max(100);
const community = (input: { slug: string }) => [`/communities/${input.slug}`, "layout"] as const;

export const joinCommunityAction = defineAction({
  name: "membership.join",
  input: joinSchema.safeExtend({ slug }),
  // A blank message is no message.
  handle: ({ db, actor, input }) => joinCommunity(db, { actor, slug: input.slug, message: input.message || undefined }),
  revalidate: community,
});

export const leaveCommunityAction = defineAction({
  name: "membership.leave",
  input: z.object({ slug }),
  handle: ({ db, actor, input }) => leaveCommunity(db, { actor, slug: input.slug }),
  revalidate: community,
});
