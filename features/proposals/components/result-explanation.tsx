/**
 * Why the vote came out as it did, for each method, in words and numbers: the counts, the shares the
 * rule compared (weighted per college when the vote is) and the threshold, the tie when there is one,
 * the merit profile of majority judgment, the approvals, consent's objections and blocks with their
 * reasons. Data from explainResult (lib/proposals/results.ts), the tally's own figures.
 */
import type { Locale, Translate } from "@/lib/i18n/core";
import {
  thresholdComparison,
  thresholdShares,
  type ApprovalExplanation,
  type ConsentExplanation,
  type ResultExplanation,
  type ThresholdExplanation,
} from "@/lib/proposals/results";
import { grades } from "@/lib/votes/tally/majority-judgment";
import { formatFigure, formatShare } from "./result-format";
import { MeritProfile } from "./merit-profile";

type Props = {
  t: Translate;
  locale: Locale;
  explanation: ResultExplanation;
  labelOf: (id: string) => string;
  collegeLabel: (college: string) => string;
  weighted: boolean;
  /** After the close: quorum not met makes the vote void whatever the counts. */
  quorumVoid: boolean;
  live: boolean;
};

function Table({ id, caption, head, rows }: { id: string; caption: string; head: string[]; rows: React.ReactNode[][] }) {
  return (
    <div className="fr-table fr-mb-2w" id={id}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container" tabIndex={0}>
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  {head.map((label, index) => (
                    <th scope="col" key={index}>
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map(([first, ...cells], index) => (
                  <tr key={index}>
                    <th scope="row">{first}</th>
                    {cells.map((cell, column) => (
                      <td key={column}>{cell}</td>
                    ))}
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

function ThresholdWhy({ t, locale, explanation: e, collegeLabel, weighted }: Props & { explanation: ThresholdExplanation }) {
  const { share: limitShare, strict } = thresholdShares[e.threshold];
  const limit = formatShare(locale, limitShare);
  const share = formatShare(locale, e.forShare);
  const comparison = thresholdComparison(e.forShare, e.threshold);
  const verdict = comparison === "equal" && strict ? "equalSimple" : comparison;
  const showColleges = weighted && e.colleges.length > 0;
  return (
    <>
      <p>{t("results.threshold.counts", { for: e.counts.for, against: e.counts.against, abstain: e.counts.abstain })}</p>
      <p>{t("results.threshold.abstentions")}</p>
      <p>{t(`results.threshold.rule.${e.threshold}`, { limit })}</p>
      {e.expressed > 0 && (
        <p data-testid="threshold-share">
          {weighted
            ? t("results.threshold.weightedShare", { share })
            : t("results.threshold.share", { expressed: e.expressed, share })}
        </p>
      )}
      <p data-testid="threshold-verdict">
        <strong>{e.tie ? t("results.threshold.tie") : t(`results.threshold.verdict.${verdict}`, { share, limit })}</strong>
      </p>
      {showColleges && (
        <Table
          id="threshold-colleges"
          caption={t("results.threshold.caption", { limit })}
          head={[
            t("results.college"),
            t("results.weight"),
            t("results.threshold.for"),
            t("results.threshold.against"),
            t("results.threshold.abstain"),
            t("results.threshold.shareColumn"),
          ]}
          rows={[
            ...e.colleges.map((c) => [
              collegeLabel(c.college),
              c.weight === null ? t("results.notCounted") : formatShare(locale, c.weight),
              formatFigure(locale, c.for),
              formatFigure(locale, c.against),
              formatFigure(locale, c.abstain),
              formatShare(locale, c.forShare),
            ]),
            [
              t("results.threshold.overallRow"),
              formatShare(locale, 1),
              formatFigure(locale, e.counts.for),
              formatFigure(locale, e.counts.against),
              formatFigure(locale, e.counts.abstain),
              <strong key="share">{share}</strong>,
            ],
          ]}
        />
      )}
    </>
  );
}

function ApprovalWhy({ t, locale, explanation: e, labelOf, weighted }: Props & { explanation: ApprovalExplanation }) {
  const top = e.options.find((o) => o.winner);
  return (
    <>
      <p>{t("results.approval.rule")}</p>
      <p data-testid="approval-verdict">
        <strong>
          {e.winners.length === 0
            ? t("results.approval.none")
            : e.tie
              ? t("results.approval.tie", {
                  options: e.winners.map(labelOf).join(", "),
                  share: formatShare(locale, top?.share ?? null),
                })
              : t("results.approval.winner", { option: labelOf(e.winners[0]!), share: formatShare(locale, top?.share ?? null) })}
        </strong>
      </p>
      {weighted && <p>{t("results.weightedNote")}</p>}
      <Table
        id="approval-table"
        caption={t("results.approval.caption", { voters: e.voters })}
        head={[t("results.approval.option"), t("results.approval.approvals"), t("results.approval.share")]}
        rows={e.options.map((o) => [
          <>
            {labelOf(o.id)}
            {o.winner && (
              <span className="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon fr-ml-1w">
                {t("results.approval.leading")}
              </span>
            )}
          </>,
          formatFigure(locale, o.approvals),
          formatShare(locale, o.share),
        ])}
      />
    </>
  );
}

function ConsentWhy({ t, explanation: e }: Props & { explanation: ConsentExplanation }) {
  return (
    <>
      <p>{t("results.consent.rule")}</p>
      <p>{t("results.consent.counts", e.counts)}</p>
      <p data-testid="consent-verdict">
        <strong>
          {e.blocked
            ? t("results.consent.blocked", { block: e.counts.block })
            : e.adopted
              ? t("results.consent.adopted")
              : t("results.consent.empty")}
        </strong>
      </p>
      <h4 className="fr-h6">{t("results.consent.reasonsTitle")}</h4>
      {e.reasons.length === 0 ? (
        <p>{t("results.consent.noReasons")}</p>
      ) : (
        <ul data-testid="consent-reasons">
          {e.reasons.map((reason, index) => (
            <li key={index}>
              {t("results.consent.reasonLine", {
                choice: t(`votes.choice.${reason.choice}`),
                reason: reason.reason ?? t("results.consent.noReason"),
              })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function ResultExplanationView(props: Props) {
  const { t, locale, explanation, labelOf, weighted, quorumVoid, live } = props;
  return (
    <section aria-labelledby="results-why" className="fr-mb-3w" data-testid="result-explanation" data-method={explanation.method}>
      <h3 id="results-why">{t(live ? "results.whyLive" : "results.why")}</h3>
      {quorumVoid && (
        <p data-testid="quorum-void">
          <strong>{t("results.quorumVoid")}</strong>
        </p>
      )}
      {explanation.method === "THRESHOLD" && <ThresholdWhy {...props} explanation={explanation} />}
      {explanation.method === "APPROVAL" && <ApprovalWhy {...props} explanation={explanation} />}
      {explanation.method === "CONSENT" && <ConsentWhy {...props} explanation={explanation} />}
      {explanation.method === "MAJORITY_JUDGMENT" && (
        <>
          <p>{t("results.majority.rule")}</p>
          <p data-testid="majority-verdict">
            <strong>
              {explanation.winners.length === 0
                ? t("results.majority.none")
                : explanation.tie
                  ? t("results.majority.tie", { options: explanation.winners.map(labelOf).join(", ") })
                  : t("results.majority.winner", {
                      option: labelOf(explanation.winners[0]!),
                      grade: t(
                        `votes.grade.${grades[explanation.options.find((o) => o.id === explanation.winners[0])?.majorityGrade ?? 0]!}`,
                      ),
                    })}
            </strong>
          </p>
          {weighted && <p>{t("results.weightedNote")}</p>}
          <MeritProfile t={t} locale={locale} explanation={explanation} labelOf={labelOf} />
        </>
      )}
    </section>
  );
}
