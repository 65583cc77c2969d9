/**
 * A contributions dashboard (one commons or a whole community): the share carried by each kind of
 * actor first, then contributions over time, by type, by college, by organisation (and by commons for
 * a community), and the contributors, with people who opted out counted together as anonymous.
 */
import type { ReactNode } from "react";
import Link from "next/link";
import { actorShares, monthSeries, type CommunityDashboard, type ContributionStats } from "@/lib/commons/dashboard";
import { formatNumber, type Locale, type Translate } from "@/lib/i18n/core";
import { MonthChart } from "@/features/ledger/components/month-chart";

type Props = {
  t: Translate;
  locale: Locale;
  stats: ContributionStats & Partial<Pick<CommunityDashboard, "byCommons">>;
  /** For the "by commons" table's links. */
  communitySlug: string;
};

const percent = (locale: Locale, value: number) =>
  new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", { maximumFractionDigits: 1 }).format(value);

function Table({
  caption,
  head,
  rows,
  testId,
}: {
  caption: string;
  head: [string, string, string];
  rows: { key: string; label: ReactNode; count: string; hours: string }[];
  testId: string;
}) {
  return (
    <div className="fr-table fr-table--sm fr-table--no-caption">
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">
            <table data-testid={testId}>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  {head.map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{row.label}</th>
                    <td>{row.count}</td>
                    <td>{row.hours}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

export function DashboardView({ t, locale, stats, communitySlug }: Props) {
  const n = (value: number) => formatNumber(locale, value);
  const head = (first: string): [string, string, string] => [first, t("ledger.dashboard.count"), t("ledger.dashboard.hours")];
  const shares = actorShares(stats);
  return (
    <>
      <p className="fr-text--lg" data-testid="dashboard-totals">
        {t("ledger.dashboard.totals", { count: n(stats.total), hours: n(stats.hours) })}
      </p>
      <section aria-labelledby="shares-title" className="fr-mb-6w">
        <h2 id="shares-title">{t("ledger.dashboard.headline")}</h2>
        <p className="fr-hint-text">{t("ledger.dashboard.headlineHint")}</p>
        <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list" data-testid="actor-shares">
          {shares.map((share) => {
            const label = share.actorKind ? t(`ledger.actorKinds.${share.actorKind}`) : t("ledger.actorKinds.unknown");
            return (
              <li key={share.actorKind ?? "unknown"} className="fr-col-12 fr-col-sm-6 fr-col-lg-3">
                <div className="fr-p-3w fr-background-alt--blue-france" data-testid={`share-${share.actorKind ?? "unknown"}`}>
                  <p className="fr-text--bold fr-mb-1v">{label}</p>
                  <p className="fr-display--xs fr-mb-1v">
                    {t("ledger.dashboard.shareValue", { share: percent(locale, share.countShare) })}
                  </p>
                  <div aria-hidden="true" className="fr-mb-1w" style={{ background: "#e3e3fd", height: "0.5rem" }}>
                    <div style={{ background: "#000091", height: "100%", width: `${share.countShare}%` }} />
                  </div>
                  <p className="fr-text--sm fr-mb-0">
                    {t("ledger.dashboard.shareDetail", {
                      count: n(share.count),
                      hoursShare: percent(locale, share.hoursShare),
                    })}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      </section>
      {stats.total === 0 ? (
        <p>{t("ledger.dashboard.empty")}</p>
      ) : (
        <>
          <section aria-labelledby="over-time-title" className="fr-mb-6w">
            <h2 id="over-time-title">{t("ledger.dashboard.overTime")}</h2>
            <MonthChart t={t} locale={locale} series={monthSeries(stats.byMonth)} id="month-chart" />
          </section>
          <div className="fr-grid-row fr-grid-row--gutters">
            <section aria-labelledby="by-type-title" className="fr-col-12 fr-col-lg-6">
              <h2 id="by-type-title" className="fr-h4">
                {t("ledger.dashboard.byType")}
              </h2>
              <Table
                testId="by-type"
                caption={t("ledger.dashboard.byType")}
                head={head(t("ledger.dashboard.type"))}
                rows={stats.byType.map((r) => ({
                  key: r.type,
                  label: t(`ledger.types.${r.type}`),
                  count: n(r.count),
                  hours: n(r.hours),
                }))}
              />
            </section>
            <section aria-labelledby="by-college-title" className="fr-col-12 fr-col-lg-6">
              <h2 id="by-college-title" className="fr-h4">
                {t("ledger.dashboard.byCollege")}
              </h2>
              <Table
                testId="by-college"
                caption={t("ledger.dashboard.byCollege")}
                head={head(t("ledger.dashboard.college"))}
                rows={stats.byCollege.map((r) => ({
                  key: r.college ?? "none",
                  label: r.college ? t(`actorKind.${r.college}`) : t("ledger.dashboard.noCollege"),
                  count: n(r.count),
                  hours: n(r.hours),
                }))}
              />
            </section>
            <section aria-labelledby="by-organization-title" className="fr-col-12 fr-col-lg-6">
              <h2 id="by-organization-title" className="fr-h4">
                {t("ledger.dashboard.byOrganization")}
              </h2>
              <Table
                testId="by-organization"
                caption={t("ledger.dashboard.byOrganization")}
                head={head(t("ledger.dashboard.organization"))}
                rows={stats.byOrganization.map((r) => ({
                  key: r.organizationId ?? "alone",
                  label: r.name ?? t("ledger.dashboard.alone"),
                  count: n(r.count),
                  hours: n(r.hours),
                }))}
              />
            </section>
            {stats.byCommons && (
              <section aria-labelledby="by-commons-title" className="fr-col-12 fr-col-lg-6">
                <h2 id="by-commons-title" className="fr-h4">
                  {t("ledger.dashboard.byCommons")}
                </h2>
                <Table
                  testId="by-commons"
                  caption={t("ledger.dashboard.byCommons")}
                  head={head(t("ledger.dashboard.commons"))}
                  rows={stats.byCommons.map((r) => ({
                    key: r.commonsId,
                    label: <Link href={`/communities/${communitySlug}/commons/${r.slug}/dashboard`}>{r.title}</Link>,
                    count: n(r.count),
                    hours: n(r.hours),
                  }))}
                />
              </section>
            )}
            <section aria-labelledby="contributors-title" className="fr-col-12 fr-col-lg-6">
              <h2 id="contributors-title" className="fr-h4">
                {t("ledger.dashboard.contributors")}
              </h2>
              <p className="fr-text--sm">{t("ledger.dashboard.anonymousNote")}</p>
              <Table
                testId="contributors"
                caption={t("ledger.dashboard.contributors")}
                head={head(t("ledger.dashboard.contributor"))}
                rows={[
                  ...stats.contributors.map((r) => ({
                    key: r.userId,
                    label: r.name,
                    count: n(r.count),
                    hours: n(r.hours),
                  })),
                  ...(stats.anonymous.count > 0
                    ? [
                        {
                          key: "anonymous",
                          label: t("ledger.dashboard.anonymous", { people: n(stats.anonymous.people) }),
                          count: n(stats.anonymous.count),
                          hours: n(stats.anonymous.hours),
                        },
                      ]
                    : []),
                ]}
              />
            </section>
          </div>
        </>
      )}
    </>
  );
}
