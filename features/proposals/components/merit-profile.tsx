/**
 * Majority judgment's merit profile: one bar per option, ranked as the tally ranked them, each grade's
 * share from "reject" (left) to "excellent" (right), a line at the median and the majority grade
 * outlined. The chart is an image with a text alternative per bar; the same figures follow as a table,
 * so nothing is told by colour or shape alone.
 */
import type { Locale, Translate } from "@/lib/i18n/core";
import type { MajorityJudgmentExplanation } from "@/lib/proposals/results";
import { grades } from "@/lib/votes/tally/majority-judgment";
import { formatFigure, formatShare } from "./result-format";

type Grade = (typeof grades)[number];

/** DSFR colours from red (reject) to blue (excellent), with the legend stating each in words. */
const gradeColour: Record<Grade, string> = {
  reject: "var(--red-marianne-main-472)",
  insufficient: "var(--orange-terre-battue-main-645)",
  passable: "var(--yellow-tournesol-main-731)",
  fair: "var(--green-bourgeon-main-640)",
  good: "var(--green-emeraude-main-632)",
  veryGood: "var(--green-archipel-main-557)",
  excellent: "var(--blue-ecume-main-400)",
};

export function MeritProfile({
  t,
  locale,
  explanation,
  labelOf,
}: {
  t: Translate;
  locale: Locale;
  explanation: MajorityJudgmentExplanation;
  labelOf: (id: string) => string;
}) {
  const gradeName = (grade: number | null) =>
    grade === null ? t("results.majority.noGrade") : t(`votes.grade.${grades[grade]!}`);
  return (
    <figure className="fr-mb-3w" style={{ margin: 0 }} aria-labelledby="merit-profile-title" data-testid="merit-profile">
      <h4 id="merit-profile-title" className="fr-h6 fr-mb-1w">
        {t("results.majority.chartTitle")}
      </h4>
      <p className="fr-hint-text">{t("results.majority.chartHint")}</p>
      <ol className="fr-raw-list">
        {explanation.options.map((option) => {
          const profile = grades
            .map((grade, index) =>
              t("results.majority.gradeShare", {
                grade: t(`votes.grade.${grade}`),
                share: formatShare(locale, option.shares[index]!),
              }),
            )
            .join(", ");
          return (
            <li key={option.id} className="fr-mb-2w">
              <p className="fr-text--sm fr-mb-1v">
                <strong>{labelOf(option.id)}</strong> — {gradeName(option.majorityGrade)}
              </p>
              <div
                role="img"
                aria-label={t("results.majority.barLabel", {
                  option: labelOf(option.id),
                  rank: option.rank,
                  grade: gradeName(option.majorityGrade),
                  profile,
                })}
                data-testid="merit-bar"
                data-majority-grade={option.majorityGrade === null ? "" : grades[option.majorityGrade]}
                style={{
                  position: "relative",
                  display: "flex",
                  height: "1.5rem",
                  border: "1px solid var(--border-default-grey)",
                  background: "var(--background-contrast-grey)",
                }}
              >
                {grades.map((grade, index) =>
                  option.shares[index]! > 0 ? (
                    <span
                      key={grade}
                      style={{
                        width: `${option.shares[index]! * 100}%`,
                        background: gradeColour[grade],
                        boxSizing: "border-box",
                        outline: index === option.majorityGrade ? "3px solid var(--text-title-grey)" : undefined,
                        outlineOffset: index === option.majorityGrade ? "-3px" : undefined,
                      }}
                    />
                  ) : null,
                )}
                <span
                  aria-hidden="true"
                  style={{
                    position: "absolute",
                    left: "50%",
                    top: "-0.25rem",
                    bottom: "-0.25rem",
                    borderLeft: "2px dashed var(--text-title-grey)",
                  }}
                />
              </div>
            </li>
          );
        })}
      </ol>
      <ul
        className="fr-raw-list fr-text--xs"
        aria-label={t("results.majority.legend")}
        style={{ display: "flex", flexWrap: "wrap", gap: "0.25rem 1rem" }}
      >
        {grades.map((grade) => (
          <li key={grade}>
            <span
              aria-hidden="true"
              style={{
                display: "inline-block",
                width: "0.75rem",
                height: "0.75rem",
                marginRight: "0.25rem",
                background: gradeColour[grade],
              }}
            />
            {t(`votes.grade.${grade}`)}
          </li>
        ))}
      </ul>
      <div className="fr-table fr-table--no-caption-top fr-mb-2w" id="merit-profile-table">
        <div className="fr-table__wrapper">
          <div className="fr-table__container" tabIndex={0}>
            <div className="fr-table__content">
              <table data-testid="merit-table">
                <caption>{t("results.majority.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("results.majority.rank")}</th>
                    <th scope="col">{t("results.majority.option")}</th>
                    <th scope="col">{t("results.majority.majorityGrade")}</th>
                    {grades.map((grade) => (
                      <th scope="col" key={grade}>
                        {t(`votes.grade.${grade}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {explanation.options.map((option) => (
                    <tr key={option.id}>
                      <td>{option.rank}</td>
                      <th scope="row">{labelOf(option.id)}</th>
                      <td>
                        <strong>{gradeName(option.majorityGrade)}</strong>
                      </td>
                      {grades.map((grade, index) => (
                        <td key={grade}>
                          {index === option.majorityGrade ? (
                            <strong>
                              {formatShare(locale, option.shares[index]!)} ({formatFigure(locale, option.counts[index]!)})
                            </strong>
                          ) : (
                            <>
                              {formatShare(locale, option.shares[index]!)} ({formatFigure(locale, option.counts[index]!)})
                            </>
                          )}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
    </figure>
  );
}
