"use client";
/** A webhook secret shown once (after attaching or rotating), with the URL to give the forge and copy buttons. */
import { useState } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useT } from "@/components/i18n/i18n-provider";

export function SecretOnce({ secret, url }: { secret: string; url: string }) {
  const t = useT();
  const [copied, setCopied] = useState("");
  const copy = async (value: string, what: string) => {
    await navigator.clipboard.writeText(value);
    setCopied(what);
  };
  const field = (label: string, value: string, testId: string) => (
    <Input
      label={label}
      nativeInputProps={
        {
          value,
          readOnly: true,
          spellCheck: false,
          autoComplete: "off",
          "data-testid": testId,
          onFocus: (event) => event.currentTarget.select(),
        } as React.InputHTMLAttributes<HTMLInputElement>
      }
      action={
        <Button type="button" priority="secondary" iconId="fr-icon-clipboard-line" onClick={() => copy(value, label)}>
          {t("connectors.sources.copy")}
        </Button>
      }
    />
  );
  return (
    <div className="fr-mb-4w" data-testid="source-secret">
      <Alert
        severity="warning"
        title={t("connectors.sources.secretTitle")}
        description={t("connectors.sources.secretWarning")}
        className="fr-mb-2w"
      />
      {field(t("connectors.sources.hookUrl"), url, "source-hook-url")}
      {field(t("connectors.sources.secret"), secret, "source-secret-value")}
      <p role="status" className="fr-text--sm fr-mt-1w">
        {copied ? t("connectors.sources.copied", { what: copied }) : ""}
      </p>
    </div>
  );
}
