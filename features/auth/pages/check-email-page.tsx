import Link from "next/link";
import { config } from "@/lib/core/config";
import { EMAIL_LINK_MINUTES } from "@/lib/auth/email-link";
import { getTranslator } from "@/lib/web/i18n";

export async function CheckEmailPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { t } = await getTranslator();
  const email = String((await searchParams).email ?? "").slice(0, 254);
  const env = config();
  return (
    <>
      <h1>{t("signIn.checkTitle")}</h1>
      <p data-testid="check-email">{t("signIn.checkText", { email, minutes: EMAIL_LINK_MINUTES })}</p>
      {env.DEMO && !env.SMTP_URL && (
        <p>
          <Link className="fr-btn fr-btn--secondary" href="/dev/mailbox">
            {t("signIn.checkMailbox")}
          </Link>
        </p>
      )}
    </>
  );
}
