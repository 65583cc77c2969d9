"use server";
/**
 * Deleting one's own account (lib/admin/own-account.ts): asking sends the confirmation link by email;
 * confirming spends it, erases the account, signs out and goes to the page that says it is done.
 */
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { config } from "@/lib/core/config";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { confirmOwnAccountDeletion, DELETION_LINK_MINUTES, requestOwnAccountDeletion } from "@/lib/admin/own-account";
import { defineAction } from "@/lib/web/action";

export const requestAccountDeletionAction = defineAction({
  name: "account.requestDeletion",
  input: z.object({}),
  handle: async ({ db, actor }) => {
    const { email } = await requestOwnAccountDeletion(db, { actor, appUrl: config().APP_URL });
    return { email, minutes: DELETION_LINK_MINUTES };
  },
});

export const confirmAccountDeletionAction = defineAction({
  name: "account.confirmDeletion",
  input: z.object({
    token: z.string().min(20, "pages.deleteAccount.errors.linkInvalid").max(200, "pages.deleteAccount.errors.linkInvalid"),
  }),
  handle: async ({ db, actor, input }) => {
    await confirmOwnAccountDeletion(db, { actor, token: input.token });
    (await cookies()).delete(sessionCookie().name);
    redirect("/profile/deleted");
  },
});
