"use server";
import { redirect } from "next/navigation";
import { config } from "@/lib/core/config";
import { db } from "@/lib/db/client";
import { signInAsDemoPerson } from "@/lib/auth/demo";
import { signIn } from "@/lib/auth/next-auth";
import { isAppError } from "@/lib/core/errors";
import { setSessionCookie } from "@/lib/web/set-session-cookie";

export async function oidcSignInAction(formData: FormData): Promise<void> {
  const provider = formData.get("provider");
  if (provider !== "proconnect" && provider !== "oidc") return;
  await signIn(provider, { redirectTo: "/auth/continue" });
}

export async function demoSignInAction(formData: FormData): Promise<void> {
  if (!config().DEMO) redirect("/auth/sign-in"); // absent outside demo mode, whatever the form says
  const userId = String(formData.get("userId") ?? "");
  try {
    await setSessionCookie(await signInAsDemoPerson(db(), userId));
  } catch (error) {
    // A forged or stale id is bad input, not a server error.
    if (isAppError(error)) redirect("/auth/error?error=demo");
    throw error;
  }
  redirect("/auth/continue");
}
