import Link from "next/link";
import { getTranslator } from "@/lib/web/i18n";

const messages = {
  link: "signIn.errors.linkInvalid",
  Verification: "signIn.errors.linkInvalid",
  OAuthAccountNotLinked: "signIn.errors.accountNotLinked",
  OAuthCallbackError: "signIn.errors.oauth",
  OAuthSignInError: "signIn.errors.oauth",
  Configuration: "signIn.errors.generic",
} as const;

export async function AuthErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { t } = await getTranslator();
  const code = (await searchParams).error ?? "";
  const key = code in messages ? messages[code as keyof typeof messages] : "signIn.errors.generic";
  return (
    <>
      <h1>{t("signIn.errorTitle")}</h1>
      <div className="fr-alert fr-alert--error fr-mb-3w" role="alert">
        <p data-testid="auth-error">{t(key)}</p>
      </div>
      <Link className="fr-btn" href="/auth/sign-in">
        {t("signIn.title")}
      </Link>
    </>
  );
}
