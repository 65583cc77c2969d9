"use client";
/** Rotating a source's secret: confirmed first; the new secret is shown once, the old one stops working at once. */
import { useState } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { rotateSecretAction } from "@/features/connectors/actions";
import { useT, useTranslateDynamic } from "@/components/i18n/i18n-provider";
import { SecretOnce } from "./secret-once";

export function RotateSecretButton({
  communitySlug,
  commonsSlug,
  sourceId,
  url,
  label,
}: {
  communitySlug: string;
  commonsSlug: string;
  sourceId: string;
  url: string;
  label: string;
}) {
  const t = useT();
  const tr = useTranslateDynamic();
  const [secret, setSecret] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const rotate = async () => {
    if (!window.confirm(t("connectors.sources.rotateConfirm", { label }))) return;
    setBusy(true);
    setError(undefined);
    const result = await rotateSecretAction({ slug: communitySlug, commonsSlug, sourceId });
    setBusy(false);
    if (result.ok && result.data) setSecret(result.data.secret);
    else if (!result.ok) setError(result.formError ?? "errors.unexpected");
  };
  return (
    <>
      {secret && <SecretOnce secret={secret} url={url} />}
      {error && <Alert severity="error" small description={tr(error) ?? ""} className="fr-mb-2w" />}
      <Button type="button" priority="secondary" size="small" onClick={rotate} disabled={busy} iconId="fr-icon-refresh-line">
        {t("connectors.sources.rotate")}
      </Button>
    </>
  );
}
