"use server";
import { createCommunity } from "@/lib/communities/create-community";
import { createCommunitySchema } from "@/lib/communities/schemas";
import { defineAction } from "@/lib/web/action";

/** A taken slug comes back from the use case as a field error on "slug". */
export const createCommunityAction = defineAction({
  name: "community.create",
  input: createCommunitySchema,
  handle: async ({ db, actor, input }) => {
    const community = await createCommunity(db, { actor, input });
    return { slug: community.slug };
  },
  revalidate: () => "/",
});
