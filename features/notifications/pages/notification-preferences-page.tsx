import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { getPreferences } from "@/lib/notifications/preferences";
import { getTranslator } from "@/lib/web/i18n";
import { currentUser } from "@/lib/web/request";
import { PreferencesForm } from "@/features/notifications/components/preferences-form";
import { redirectToSignIn } from "@/features/auth/return-to-server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator()).t("notifications.preferences.title") };
}

export async function NotificationPreferencesPage() {
  const user = await currentUser();
  if (!user) return redirectToSignIn();
  const [{ t }, rows] = await Promise.all([getTranslator(), getPreferences(db(), user.id)]);
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8">
        <h1>{t("notifications.preferences.title")}</h1>
        <p>{t("notifications.preferences.intro")}</p>
        <PreferencesForm rows={rows} />
        <p className="fr-mt-4w">
          <Link href="/notifications">{t("notifications.preferences.back")}</Link>
        </p>
      </div>
    </div>
  );
}
