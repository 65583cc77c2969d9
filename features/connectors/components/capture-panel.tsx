/**
 * Capture indicators on a dashboard (issue 16): elephant factor, largest organisation's share and
 * contributor absence factor over the charter's window, each beside the previous window's value,
 * organisational diversity per kind of actor, the charter's thresholds and any open alert.
 */
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { formatDate, formatNumber, type Locale, type Translate } from "@/lib/i18n/core";
import type { CaptureMetrics, CaptureReport, OpenAlert } from "@/lib/commons/capture";

const pct = (locale: Locale, value: number) => `${formatNumber(locale, Math.round(value * 10) / 10)} %`;

function trend(t: Translate, current: number | null, previous: number | null, higherIsBetter: boolean) {
  if (current === null || previous === null || current === previous) return t("connectors.capture.trendSame");
  const better = higherIsBetter ? current > previous : current < previous;
  return better ? t("connectors.capture.trendBetter") : t("connectors.capture.trendWorse");
}

const value = (locale: Locale, v: number | null) => (v === null ? "—" : formatNumber(locale, v));

export function CaptureAlerts({ t, locale, alerts }: { t: Translate; locale: Locale; alerts: OpenAlert[] }) {
  if (alerts.length === 0) return null;
  return (
    <div data-testid="capture-alerts" className="fr-mb-3w">
      {alerts.map((alert) => (
        <Alert
          key={alert.id}
          severity="warning"
          small
          className="fr-mb-1w"
          description={t(alert.metric === "absenceFactor" ? "connectors.capture.alertAbsence" : "connectors.capture.alertShare", {
            value: alert.metric === "absenceFactor" ? alert.value : formatNumber(locale, Math.round(alert.value * 10) / 10),
            threshold: alert.threshold,
            organization: ((alert.details as { organization?: { name?: string } | null })?.organization?.name ?? "—") as string,
            date: formatDate(locale, alert.raisedAt),
          })}
        />
      ))}
    </div>
  );
}

export function CapturePanel({
  t,
  locale,
  report,
  alerts,
}: {
  t: Translate;
  locale: Locale;
  report: CaptureReport;
  alerts: OpenAlert[];
}) {
  const { current, previous, thresholds } = report;
  const share = (m: CaptureMetrics) => (m.topOrganization ? pct(locale, m.topOrganization.share) : "—");
  return (
    <section className="fr-mb-4w" aria-labelledby="capture-title" data-testid="capture-panel">
      <h2 id="capture-title" className="fr-h4">
        {t("connectors.capture.title")}
      </h2>
      <p className="fr-text--sm">
        {t("connectors.capture.intro", { window: report.windowDays, total: current.total, previous: previous.total })}
      </p>
      <CaptureAlerts t={t} locale={locale} alerts={alerts} />
      <Table
        caption={t("connectors.capture.indicators")}
        headers={[
          t("connectors.capture.indicator"),
          t("connectors.capture.current"),
          t("connectors.capture.previous"),
          t("connectors.capture.trend"),
        ]}
        data={[
          [
            t("connectors.capture.elephantFactor"),
            value(locale, current.elephantFactor),
            value(locale, previous.elephantFactor),
            trend(t, current.elephantFactor, previous.elephantFactor, true),
          ],
          [
            current.topOrganization
              ? t("connectors.capture.topOrganizationNamed", { name: current.topOrganization.name })
              : t("connectors.capture.topOrganization"),
            share(current),
            share(previous),
            trend(t, current.topOrganization?.share ?? null, previous.topOrganization?.share ?? null, false),
          ],
          [
            t("connectors.capture.absenceFactor"),
            value(locale, current.absenceFactor),
            value(locale, previous.absenceFactor),
            trend(t, current.absenceFactor, previous.absenceFactor, true),
          ],
        ]}
      />
      <Table
        caption={t("connectors.capture.diversity")}
        headers={[
          t("connectors.capture.actorKind"),
          t("connectors.capture.share"),
          t("connectors.capture.organizations"),
          t("connectors.capture.people"),
        ]}
        data={current.diversity.map((d) => [
          d.actorKind ? t(`ledger.actorKinds.${d.actorKind}`) : t("ledger.actorKinds.unknown"),
          pct(locale, d.share),
          formatNumber(locale, d.organizations),
          formatNumber(locale, d.people),
        ])}
      />
      <p className="fr-text--xs">
        {t("connectors.capture.thresholds", {
          share: thresholds.maxOrganizationSharePercent,
          absence: thresholds.minContributorAbsenceFactor,
        })}
      </p>
    </section>
  );
}
