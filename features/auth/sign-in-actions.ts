"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { config } from "@/lib/core/config";
import { signInAsDemoPerson } from "@/lib/auth/demo";
import { signIn } from "@/lib/auth/next-auth";
import { isAppError } from "@/lib/core/errors";
import { setSessionCookie } from "@/lib/web/set-session-cookie";
import { definePublicFormAction } from "@/lib/web/action";

export const oidcSignInAction = definePublicFormAction({
  name: "session.oidcSignIn",
  input: z.object({ provider: z.enum(["proconnect", "oidc"]) }),
  handle: async ({ input }) => {
    await signIn(input.provider, { redirectTo: "/auth/continue" });
  },
});

const demoError = () => redirect("/auth/error?error=demo");

export const demoSignInAction = definePublicFormAction({
  name: "session.demoSignIn",
  input: z.object({ userId: z.string().min(1).max(100) }),
  handle: async ({ db, input }) => {
    if (!config().DEMO) redirect("/auth/sign-in"); // absent outside demo mode, whatever the form says
    try {
      await setSessionCookie(await signInAsDemoPerson(db, input.userId));
    } catch (error) {
      // A forged or stale id is bad input, not a server error.
      if (isAppError(error)) demoError();
      throw error;
    }
    redirect("/auth/continue");
  },
  refused: demoError,
});
