/**
 * One contribution source as its stewards see it: where deliveries go, the secret's last characters,
 * whether its contributions count at once, its last deliveries and error, and its "to claim" list.
 */
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { formatDateTime, formatNumber, type Locale, type MessageKey, type Translate } from "@/lib/i18n/core";
import type { SourceView } from "@/lib/connectors/sources";
import { isWebhookKind } from "@/lib/connectors/schemas";
import { updateSourceAction } from "@/features/connectors/actions";
import { RotateSecretButton } from "./rotate-secret-button";
import { ActionForm } from "@/components/forms/action-form";

const outcomeKey = (outcome: string): MessageKey =>
  (["pending", "recorded", "unmatched", "duplicate", "ignored"].includes(outcome)
    ? `connectors.outcomes.${outcome}`
    : "connectors.outcomes.pending") as MessageKey;

export function SourceCard({
  t,
  locale,
  source,
  communitySlug,
  commonsSlug,
  hookBase,
}: {
  t: Translate;
  locale: Locale;
  source: SourceView;
  communitySlug: string;
  commonsSlug: string;
  hookBase: string;
}) {
  const url = `${hookBase}/${source.id}`;
  const titleId = `source-${source.id}-title`;
  const webhook = isWebhookKind(source.kind);
  return (
    <section className="fr-card fr-card--no-arrow fr-mb-4w fr-p-3w" aria-labelledby={titleId} data-testid="source-card">
      <h3 id={titleId} className="fr-h5 fr-mb-1w">
        {source.label}{" "}
        <Badge as="span" small severity={source.active ? "success" : "warning"}>
          {source.active ? t("connectors.sources.active") : t("connectors.sources.inactive")}
        </Badge>
      </h3>
      <p className="fr-text--sm fr-mb-1w">
        {t(`connectors.kinds.${source.kind as "GITHUB"}`)} · {t(`ledger.types.${source.contributionType as "CODE"}`)} ·{" "}
        {source.autoValidate ? t("connectors.sources.countsAtOnce") : t("connectors.sources.needsValidation")}
      </p>
      {source.kind === "OSM" && (
        <p className="fr-text--sm fr-mb-1w" data-testid="source-config">
          {t("connectors.sources.osmConfig", {
            user: String(source.config.displayName ?? "—"),
            bbox: source.config.bbox ? String(source.config.bbox) : t("connectors.sources.anyArea"),
          })}
        </p>
      )}
      {source.kind === "STAC" && (
        <p className="fr-text--sm fr-mb-1w" data-testid="source-config">
          {t("connectors.sources.stacConfig", {
            collection: String(source.config.collection ?? "—"),
            url: String(source.config.url ?? "—"),
            author: source.config.author ? String(source.config.author) : t("connectors.sources.anyAuthor"),
          })}
        </p>
      )}
      {webhook && (
        <>
          <p className="fr-text--sm fr-mb-1w">
            {t("pages.labelSuffix", { label: t("connectors.sources.hookUrl") })} <code data-testid="source-url">{url}</code>
          </p>
          <p className="fr-text--sm">
            {t("connectors.sources.secretHint", { hint: source.secretHint ?? "—" })}
            {source.secretRotatedAt &&
              ` · ${t("connectors.sources.rotatedAt", { date: formatDateTime(locale, source.secretRotatedAt) })}`}
          </p>
          <RotateSecretButton
            communitySlug={communitySlug}
            commonsSlug={commonsSlug}
            sourceId={source.id}
            url={url}
            label={source.label}
          />
        </>
      )}
      <dl className="fr-mt-2w fr-text--sm">
        <dt className="fr-text--bold">{t("connectors.sources.status")}</dt>
        <dd>
          {t("connectors.sources.contributions", { count: source.contributions })} ·{" "}
          {t("connectors.sources.ignored", { count: source.ignoredCount })} ·{" "}
          {source.lastDeliveryAt || source.lastImportAt
            ? t("connectors.sources.lastActivity", {
                date: formatDateTime(locale, (source.lastDeliveryAt ?? source.lastImportAt)!),
              })
            : t("connectors.sources.noActivity")}
        </dd>
        {source.lastError && (
          <>
            <dt className="fr-text--bold">{t("connectors.sources.lastError")}</dt>
            <dd data-testid="source-last-error">
              {source.lastError}
              {source.lastErrorAt && ` (${formatDateTime(locale, source.lastErrorAt)})`}
            </dd>
          </>
        )}
      </dl>
      <ActionForm action={updateSourceAction} className="fr-mb-3w">
        <input type="hidden" name="slug" value={communitySlug} />
        <input type="hidden" name="commonsSlug" value={commonsSlug} />
        <input type="hidden" name="sourceId" value={source.id} />
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend fr-text--regular">{t("connectors.sources.settings")}</legend>
          <div className="fr-fieldset__element">
            <div className="fr-checkbox-group fr-checkbox-group--sm">
              <input type="checkbox" id={`${source.id}-auto`} name="autoValidate" defaultChecked={source.autoValidate} />
              <label className="fr-label" htmlFor={`${source.id}-auto`}>
                {t("connectors.sources.autoValidate")}
              </label>
            </div>
          </div>
          <div className="fr-fieldset__element">
            <div className="fr-checkbox-group fr-checkbox-group--sm">
              <input type="checkbox" id={`${source.id}-active`} name="active" defaultChecked={source.active} />
              <label className="fr-label" htmlFor={`${source.id}-active`}>
                {t("connectors.sources.activeLabel")}
              </label>
            </div>
          </div>
        </fieldset>
        <button type="submit" className="fr-btn fr-btn--sm fr-btn--tertiary">
          {t("connectors.sources.save")}
        </button>
      </ActionForm>
      {source.deliveries.length > 0 && (
        <Table
          caption={t("connectors.sources.deliveries")}
          headers={[
            t("connectors.sources.columns.receivedAt"),
            t("connectors.sources.columns.event"),
            t("connectors.sources.columns.outcome"),
          ]}
          data={source.deliveries.map((d) => [formatDateTime(locale, d.receivedAt), d.event, t(outcomeKey(d.outcome))])}
        />
      )}
      <h4 className="fr-h6">{t("connectors.sources.toClaim", { count: source.toClaim.length })}</h4>
      {source.toClaim.length === 0 ? (
        <p className="fr-text--sm">{t("connectors.sources.toClaimEmpty")}</p>
      ) : (
        <>
          <p className="fr-text--sm">{t("connectors.sources.toClaimHint")}</p>
          <Table
            caption={t("connectors.sources.toClaimCaption")}
            data-testid="to-claim"
            headers={[
              t("connectors.sources.columns.date"),
              t("connectors.sources.columns.account"),
              t("connectors.sources.columns.description"),
              t("connectors.sources.columns.quantity"),
            ]}
            data={source.toClaim.map((e) => [
              formatDateTime(locale, e.date),
              `${e.externalUsername} (${t(`connectors.providers.${e.provider as "GITHUB"}`)})`,
              e.link ? (
                <a key="link" href={e.link} rel="noopener noreferrer" target="_blank">
                  {e.description}
                </a>
              ) : (
                e.description
              ),
              e.quantity === null ? "—" : `${formatNumber(locale, e.quantity)}${e.unit ? ` ${e.unit}` : ""}`,
            ])}
          />
        </>
      )}
    </section>
  );
}
