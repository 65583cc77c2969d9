"use server";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { consumeEmailLink } from "@/lib/auth/email-link";
import { emailSignInSchema } from "@/lib/auth/schemas";
import { isAppError } from "@/lib/core/errors";
import { currentLocale } from "@/lib/web/request";
import { setSessionCookie } from "@/lib/web/set-session-cookie";

export async function consumeEmailLinkAction(formData: FormData): Promise<void> {
  const parsed = emailSignInSchema.safeParse({ email: formData.get("email") });
  const token = String(formData.get("token") ?? "");
  if (!parsed.success || token.length < 20 || token.length > 200) redirect("/auth/error?error=link");
  try {
    const session = await consumeEmailLink(db(), { email: parsed.data.email, token, locale: await currentLocale() });
    await setSessionCookie(session);
  } catch (error) {
    if (isAppError(error)) redirect("/auth/error?error=link");
    throw error;
  }
  redirect("/auth/continue");
}
