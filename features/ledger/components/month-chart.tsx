/**
 * Validated contributions per month as an SVG bar chart (no script, no library), with its accessible
 * name and each bar's value in a <title>; the same figures as a table behind a disclosure, for screen
 * readers and anyone who prefers numbers.
 */
import { formatNumber, type Locale, type Translate } from "@/lib/i18n/core";
import type { ContributionStats } from "@/lib/commons/dashboard";

const WIDTH = 720;
const HEIGHT = 240;
const TOP = 16;
const BOTTOM = 36;
const LEFT = 40;

export function monthLabel(locale: Locale, month: string, style: "short" | "long" = "long"): string {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
    month: style === "long" ? "long" : "short",
    year: style === "long" ? "numeric" : "2-digit",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(year, mon - 1, 1)));
}

export function MonthChart({
  t,
  locale,
  series,
  id,
}: {
  t: Translate;
  locale: Locale;
  series: ContributionStats["byMonth"];
  id: string;
}) {
  if (series.length === 0) return null;
  const max = Math.max(1, ...series.map((m) => m.count));
  const plotWidth = WIDTH - LEFT - 8;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const step = plotWidth / series.length;
  const barWidth = Math.max(2, Math.min(48, step * 0.7));
  // Label at most about 12 months so that they never overlap.
  const every = Math.ceil(series.length / 12);
  const title = t("ledger.dashboard.chartLabel", {
    from: monthLabel(locale, series[0]!.month),
    to: monthLabel(locale, series[series.length - 1]!.month),
  });
  const ticks = Array.from(new Set([0, Math.round(max / 2), max]));
  return (
    <figure className="fr-my-2w" data-testid="month-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title`}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${id}-title`}>{title}</title>
        {ticks.map((tick) => {
          const y = TOP + plotHeight - (tick / max) * plotHeight;
          return (
            <g key={tick} aria-hidden="true">
              <line x1={LEFT} x2={WIDTH - 8} y1={y} y2={y} stroke="#929292" strokeWidth={tick === 0 ? 1 : 0.5} />
              <text x={LEFT - 6} y={y + 4} textAnchor="end" fontSize="12" fill="#3a3a3a">
                {formatNumber(locale, tick)}
              </text>
            </g>
          );
        })}
        {series.map((m, index) => {
          const h = (m.count / max) * plotHeight;
          const x = LEFT + index * step + (step - barWidth) / 2;
          return (
            <g key={m.month}>
              <rect x={x} y={TOP + plotHeight - h} width={barWidth} height={h} fill="#000091">
                <title>
                  {t("ledger.dashboard.chartBar", { month: monthLabel(locale, m.month), count: formatNumber(locale, m.count) })}
                </title>
              </rect>
              {index % every === 0 && (
                <text
                  x={x + barWidth / 2}
                  y={HEIGHT - BOTTOM + 18}
                  textAnchor="middle"
                  fontSize="12"
                  fill="#3a3a3a"
                  aria-hidden="true"
                >
                  {monthLabel(locale, m.month, "short")}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <details className="fr-mt-1w">
        <summary>{t("ledger.dashboard.showTable")}</summary>
        <div className="fr-table fr-table--sm fr-table--no-caption">
          <div className="fr-table__wrapper">
            <div className="fr-table__container">
              <div className="fr-table__content">
                <table data-testid="month-table">
                  <caption>{t("ledger.dashboard.overTime")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("ledger.dashboard.month")}</th>
                      <th scope="col">{t("ledger.dashboard.count")}</th>
                      <th scope="col">{t("ledger.dashboard.hours")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {series.map((m) => (
                      <tr key={m.month}>
                        <th scope="row">{monthLabel(locale, m.month)}</th>
                        <td>{formatNumber(locale, m.count)}</td>
                        <td>{formatNumber(locale, m.hours)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      </details>
    </figure>
  );
}
