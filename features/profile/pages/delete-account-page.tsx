import type { Metadata } from "next";
import { getTranslator } from "@/lib/web/i18n";
import { currentUser } from "@/lib/web/request";
import { redirectToSignIn } from "@/features/auth/return-to-server";
import { ConfirmDeleteAccount } from "@/features/profile/components/confirm-delete-account";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator()).t("pages.deleteAccount.confirmTitle") };
}

/** Where the confirmation email leads: signed in as the person it was sent to, one click erases the account. */
export async function DeleteAccountPage({ searchParams }: Props) {
  const user = await currentUser();
  if (!user) return redirectToSignIn();
  const { t } = await getTranslator();
  const raw = (await searchParams).token;
  const token = typeof raw === "string" && raw.length >= 20 && raw.length <= 200 ? raw : null;
  return (
    <>
      <h1>{t("pages.deleteAccount.confirmTitle")}</h1>
      {token ? (
        <>
          <p>{t("pages.deleteAccount.lead")}</p>
          <p className="fr-text--bold">{t("pages.deleteAccount.confirmLead")}</p>
          <ConfirmDeleteAccount token={token} />
        </>
      ) : (
        <p role="alert">{t("pages.deleteAccount.missingToken")}</p>
      )}
    </>
  );
}
