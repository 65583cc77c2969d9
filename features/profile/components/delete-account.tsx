"use client";
/** The profile's "delete my account": asks for the confirmation link, then says where it was sent. */
import { useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { requestAccountDeletionAction } from "@/features/profile/account-actions";
import { useT, useTranslateDynamic } from "@/components/i18n/i18n-provider";

export function DeleteAccount() {
  const t = useT();
  const tr = useTranslateDynamic();
  const [message, setMessage] = useState<{ severity: "success" | "error"; text: string }>();
  const [busy, setBusy] = useState(false);
  const ask = async () => {
    setBusy(true);
    setMessage(undefined);
    const result = await requestAccountDeletionAction({});
    setBusy(false);
    if (!result.ok) {
      setMessage({ severity: "error", text: tr(result.formError ?? "errors.invalid", result.values) ?? "" });
      return;
    }
    setMessage({ severity: "success", text: t("pages.deleteAccount.sent", result.data!) });
  };
  return (
    <>
      {message && (
        <div role={message.severity === "error" ? "alert" : "status"} className="fr-mb-2w" data-testid="delete-account-message">
          <Alert severity={message.severity} small description={message.text} />
        </div>
      )}
      <Button type="button" priority="secondary" disabled={busy} onClick={() => void ask()}>
        {t("pages.deleteAccount.ask")}
      </Button>
    </>
  );
}
