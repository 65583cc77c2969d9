import type { Metadata } from "next";
import { getTranslator } from "@/lib/web/i18n";
import { currentUser } from "@/lib/web/request";
import { ConfirmVerification } from "@/features/organizations/components/confirm-verification";

type Props = { searchParams: Promise<{ token?: string | string[] }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator()).t("organizations.confirm.title") };
}

/** Where the domain confirmation email leads: a button spends the link, for the person who asked. */
export async function VerifyPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const [user, { t }] = await Promise.all([currentUser(), getTranslator()]);
  return (
    <>
      <h1>{t("organizations.confirm.title")}</h1>
      {!user ? (
        <p>{t("organizations.confirm.signIn")}</p>
      ) : typeof token === "string" && token ? (
        <ConfirmVerification token={token} />
      ) : (
        <p>{t("organizations.errors.linkInvalid")}</p>
      )}
    </>
  );
}
