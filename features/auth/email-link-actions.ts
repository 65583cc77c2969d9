"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { consumeEmailLink } from "@/lib/auth/email-link";
import { emailSignInSchema } from "@/lib/auth/schemas";
import { isAppError } from "@/lib/core/errors";
import { currentLocale } from "@/lib/web/request";
import { setSessionCookie } from "@/lib/web/set-session-cookie";
import { definePublicFormAction } from "@/lib/web/action";

const linkError = () => redirect("/auth/error?error=link");

/** The confirmation page's button: spends the link (mail scanners that only open it cannot). */
export const consumeEmailLinkAction = definePublicFormAction({
  name: "session.consumeEmailLink",
  input: emailSignInSchema.safeExtend({ token: z.string().min(20).max(200) }),
  handle: async ({ db, input }) => {
    try {
      const session = await consumeEmailLink(db, { email: input.email, token: input.token, locale: await currentLocale() });
      await setSessionCookie(session);
    } catch (error) {
      if (isAppError(error)) linkError();
      throw error;
    }
    redirect("/auth/continue");
  },
  refused: linkError,
});
