/**
 * The decision record as a visible part of the decision: the signed record and the public key to
 * download, how its figures are written, and the OpenSSL commands that verify it (the recipe of
 * lib/decisions/signature.ts), so anyone can check the decision without trusting the platform.
 */
import type { Translate } from "@/lib/i18n/core";

export function DecisionRecordBlock({ t, proposalId, appUrl }: { t: Translate; proposalId: string; appUrl?: string }) {
  const origin = (appUrl ?? "").replace(/\/$/, "");
  const record = `/api/v1/decisions/${proposalId}/record`;
  const key = "/api/v1/signing-key";
  const file = `decision-${proposalId}.json`;
  const commands = [
    `curl -s "${origin || "$APP_URL"}${key}" | jq -r .pem > geocommuns-ed25519.pem`,
    `jq -cjS .record ${file} > record.json`,
    `printf '%s==' "$(jq -r .signature ${file} | tr '_-' '/+')" | base64 -d > record.sig`,
    "openssl pkeyutl -verify -pubin -inkey geocommuns-ed25519.pem -rawin -in record.json -sigfile record.sig",
  ].join("\n");
  return (
    <section aria-labelledby="record-title" className="fr-mb-3w" data-testid="decision-record">
      <h3 id="record-title">{t("results.record.title")}</h3>
      <p>{t("results.record.text")}</p>
      <ul className="fr-links-group">
        <li>
          <a className="fr-link fr-icon-download-line fr-link--icon-left" href={record} download={file} data-testid="record-link">
            {t("results.record.download")}
          </a>
        </li>
        <li>
          <a className="fr-link fr-icon-key-line fr-link--icon-left" href={key} data-testid="key-link">
            {t("results.record.key")}
          </a>
        </li>
      </ul>
      <p className="fr-text--sm">{t("results.record.numbers")}</p>
      <h4 className="fr-h6">{t("results.record.howTo")}</h4>
      <p className="fr-text--sm">{t("results.record.howToText", { id: proposalId })}</p>
      <pre
        className="fr-text--xs"
        tabIndex={0}
        role="region"
        aria-label={t("results.record.howTo")}
        style={{ overflowX: "auto", whiteSpace: "pre", padding: "0.5rem", background: "var(--background-contrast-grey)" }}
      >
        <code data-testid="verify-commands">{commands}</code>
      </pre>
      <p className="fr-text--sm">{t("results.record.howToAfter")}</p>
    </section>
  );
}
