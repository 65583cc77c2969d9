import { getTranslator } from "@/lib/web/i18n";
import { consumeEmailLinkAction } from "@/features/auth/email-link-actions";
import { ActionForm } from "@/components/forms/action-form";

/**
 * The link in the email lands here and asks for one click: mail scanners that prefetch links would
 * otherwise spend the one-time token before the person does.
 */
export async function ConfirmEmailLinkPage({ searchParams }: { searchParams: Promise<{ token?: string; email?: string }> }) {
  const { t } = await getTranslator();
  const { token = "", email = "" } = await searchParams;
  return (
    <>
      <h1>{t("signIn.confirmTitle")}</h1>
      <p>{t("signIn.confirmText", { email: email.slice(0, 254) })}</p>
      <ActionForm action={consumeEmailLinkAction}>
        <input type="hidden" name="token" value={token.slice(0, 200)} />
        <input type="hidden" name="email" value={email.slice(0, 254)} />
        <button type="submit" className="fr-btn">
          {t("signIn.confirm")}
        </button>
      </ActionForm>
    </>
  );
}
