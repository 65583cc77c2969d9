import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ProfileForm } from "@/features/profile/components/profile-form";
import { db } from "@/lib/db/client";
import { getProfile } from "@/lib/users/update-profile";
import { getTranslator } from "@/lib/web/i18n";
import { currentUser } from "@/lib/web/request";
import { redirectToSignIn } from "@/features/auth/return-to-server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator()).t("onboarding.title") };
}

export async function OnboardingPage() {
  const user = await currentUser();
  if (!user) return redirectToSignIn();
  if (user.onboarded) redirect("/profile");
  const [{ t, locale }, profile] = await Promise.all([getTranslator(), getProfile(db(), user.id)]);
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8">
        <h1>{t("onboarding.title")}</h1>
        <p>{t("onboarding.lead")}</p>
        <ProfileForm
          mode="onboarding"
          defaults={{
            displayName: profile.displayName ?? profile.name ?? "",
            actorKind: profile.actorKind ?? (undefined as never),
            organizationName: profile.organization?.name ?? "",
            siret: profile.organization?.siret ?? "",
            locale,
          }}
        />
      </div>
    </div>
  );
}
