"use client";
/**
 * The confirmation page's button: the link is spent by this click, never by opening the page (mail
 * scanners follow links).
 */
import { useState } from "react";
import Link from "next/link";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { confirmDomainVerificationAction } from "@/features/organizations/actions";
import { useT, useTranslateDynamic } from "@/components/i18n/i18n-provider";

export function ConfirmVerification({ token }: { token: string }) {
  const t = useT();
  const tr = useTranslateDynamic();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [organizationId, setOrganizationId] = useState<string>();

  const confirm = async () => {
    setPending(true);
    setError(undefined);
    const result = await confirmDomainVerificationAction({ token });
    setPending(false);
    if (result.ok) setOrganizationId(result.data?.organizationId);
    else setError(tr(result.formError ?? Object.values(result.fieldErrors ?? {})[0] ?? "errors.invalid", result.values));
  };

  if (organizationId) {
    return (
      <Alert
        severity="success"
        title={t("organizations.verified")}
        description={<Link href={`/organisations/${organizationId}`}>{t("organizations.profile.page")}</Link>}
      />
    );
  }
  return (
    <>
      {error && <Alert severity="error" small description={error} className="fr-mb-2w" />}
      <p>{t("organizations.confirm.text")}</p>
      <Button onClick={confirm} disabled={pending}>
        {t("organizations.confirm.submit")}
      </Button>
    </>
  );
}
