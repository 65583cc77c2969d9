import type { Metadata } from "next";
import { getTranslator } from "@/lib/web/i18n";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator()).t("pages.deleteAccount.doneTitle") };
}

/** After one's own account was deleted (signed out already). */
export async function AccountDeletedPage() {
  const { t } = await getTranslator();
  return (
    <>
      <h1>{t("pages.deleteAccount.doneTitle")}</h1>
      <p data-testid="account-deleted">{t("pages.deleteAccount.done")}</p>
    </>
  );
}
