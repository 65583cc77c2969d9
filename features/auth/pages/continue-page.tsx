import { redirect } from "next/navigation";
import { currentUser } from "@/lib/web/request";
import { keptReturnPath, redirectToSignIn } from "@/features/auth/return-to-server";

/**
 * Where every sign-in lands: newcomers go to onboarding; others back to the page they signed in from
 * (kept by the sign-in page, see features/auth/return-to.ts), else home.
 */
export async function ContinuePage() {
  const user = await currentUser();
  if (!user) return redirectToSignIn();
  if (!user.onboarded) redirect("/onboarding");
  redirect((await keptReturnPath()) ?? "/");
}
