"use server";
import { z } from "zod";
import { acceptInvitation } from "@/lib/communities/invitations";
import { defineAction } from "@/lib/web/action";

/** Accepting checks, in one transaction, that the invitation is valid and addressed to this person. */
export const acceptInvitationAction = defineAction({
  name: "invitation.accept",
  input: z.object({
    token: z.string().min(20, "communities.errors.invitationInvalid").max(200, "communities.errors.invitationInvalid"),
  }),
  handle: ({ db, actor, input }) => acceptInvitation(db, { actor, token: input.token }),
  revalidate: (_input, accepted) => [`/communities/${accepted.slug}`, "layout"] as const,
});
