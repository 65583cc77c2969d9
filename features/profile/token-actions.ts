"use server";
/** Personal access tokens from the profile page. The secret goes back to the page once, never stored in clear. */
import { NotFoundError } from "@/lib/policy/can";
import { createApiToken } from "@/lib/tokens/create-token";
import { revokeApiToken } from "@/lib/tokens/revoke-token";
import { createTokenSchema, revokeTokenSchema } from "@/lib/tokens/schemas";
import { defineAction, defineFormAction } from "@/lib/web/action";

export const createTokenAction = defineAction({
  name: "token.create",
  input: createTokenSchema,
  handle: async ({ db, actor, input }) => {
    const { token, secret } = await createApiToken.run(db, { userId: actor.id, input });
    return { name: token.name, secret };
  },
  revalidate: () => "/profile",
});

/** Revokes one of the signed-in person's tokens; anyone else's id is simply not found. */
export const revokeTokenAction = defineFormAction({
  name: "token.revoke",
  input: revokeTokenSchema,
  handle: async ({ db, actor, input }) => {
    try {
      await revokeApiToken(db, { userId: actor.id, tokenId: input.tokenId });
    } catch (error) {
      // Already revoked (a double click, another tab): the list below shows the truth.
      if (!(error instanceof NotFoundError)) throw error;
    }
  },
  revalidate: () => "/profile",
});
