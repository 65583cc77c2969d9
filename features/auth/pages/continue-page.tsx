import { redirect } from "next/navigation";
import { currentUser } from "@/lib/web/request";

/** Where every sign-in lands: newcomers go to onboarding, others home. */
export async function ContinuePage() {
  const user = await currentUser();
  if (!user) redirect("/auth/sign-in");
  redirect(user.onboarded ? "/" : "/onboarding");
}
