"use client";
/** The last step of deleting one's account, on the page the email link opens (a click, so mail scanners cannot spend it). */
import { useState } from "react";
import Link from "next/link";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { confirmAccountDeletionAction } from "@/features/profile/account-actions";
import { useT, useTranslateDynamic } from "@/components/i18n/i18n-provider";

export function ConfirmDeleteAccount({ token }: { token: string }) {
  const t = useT();
  const tr = useTranslateDynamic();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    const result = await confirmAccountDeletionAction({ token });
    setBusy(false);
    if (!result.ok) {
      const key = result.formError ?? Object.values(result.fieldErrors ?? {})[0] ?? "errors.invalid";
      setError(tr(key, result.values));
    }
  };
  return (
    <>
      {error && (
        <div role="alert" className="fr-mb-2w">
          <Alert severity="error" small description={error} />
        </div>
      )}
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <button type="button" className="fr-btn" disabled={busy} onClick={() => void confirm()}>
            {t("pages.deleteAccount.confirm")}
          </button>
        </li>
        <li>
          <Link className="fr-btn fr-btn--secondary" href="/profile">
            {t("pages.deleteAccount.cancel")}
          </Link>
        </li>
      </ul>
    </>
  );
}
