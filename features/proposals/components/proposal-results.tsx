/**
 * Results: live while voting when the proposal allows it, else the stored decision after the close.
 * Outcome, counts overall and per college, the weighting rule, the digest, and for public ballots
 * only, the voters with their choices.
 */
import { defaultLocale, type Locale, type Translate } from "@/lib/i18n/core";
import type { ProposalView } from "@/lib/proposals/queries";
import { collegeCountsOf, type Counts } from "@/lib/proposals/results";
import { actorKinds } from "@/lib/users/schemas";
import { MERGED_COLLEGES } from "@/lib/votes/secret-ballot";
import { grades } from "@/lib/votes/tally/majority-judgment";
import { describeChoice } from "@/features/proposals/components/describe-choice";
import { OutcomeBadge } from "@/features/proposals/components/outcome-badge";
import { ResultExplanationView } from "@/features/proposals/components/result-explanation";
import { formatFigure, formatShare } from "@/features/proposals/components/result-format";
import { DecisionRecordBlock } from "@/features/proposals/components/decision-record";

const answers = ["for", "against", "abstain", "agree", "object", "block"] as const;

function keyLabel(t: Translate, key: string, options: { id: string; label: string }[]): string {
  if ((answers as readonly string[]).includes(key)) return t(`votes.choice.${key as (typeof answers)[number]}`);
  const [id, grade] = key.split(":");
  const option = options.find((o) => o.id === id)?.label ?? id ?? key;
  if (grade && (grades as readonly string[]).includes(grade))
    return `${option} — ${t(`votes.grade.${grade as (typeof grades)[number]}`)}`;
  return option;
}

function collegeLabel(t: Translate, college: string): string {
  if (college === MERGED_COLLEGES) return t("votes.results.mergedCollege");
  return (actorKinds as readonly string[]).includes(college)
    ? t(`actorKind.${college as (typeof actorKinds)[number]}`)
    : t("votes.results.allCollege");
}

type Secrecy = { minBallots?: number; mergedColleges?: string[]; withheld?: "all" };

/** The secret ballot's rule for per-college figures (lib/votes/secret-ballot.ts), in words. */
function SecrecyRule({ t, secrecy, live }: { t: Translate; secrecy: Secrecy | undefined; live: boolean }) {
  if (live || secrecy?.withheld || secrecy?.minBallots === undefined)
    return <p data-testid="secrecy-rule">{t(live ? "votes.results.secretLive" : "votes.results.secretWithheld")}</p>;
  return (
    <>
      <p data-testid="secrecy-rule">{t("votes.results.secretRule", { min: secrecy.minBallots })}</p>
      {secrecy.mergedColleges && secrecy.mergedColleges.length > 0 && (
        <p>
          {t("votes.results.secretMerged", {
            colleges: secrecy.mergedColleges.map((college) => collegeLabel(t, college)).join(", "),
          })}
        </p>
      )}
    </>
  );
}

function CountsTable({
  t,
  locale,
  caption,
  counts,
  options,
  id,
}: {
  t: Translate;
  locale: Locale;
  caption: string;
  counts: Counts;
  options: { id: string; label: string }[];
  id: string;
}) {
  const rows = Object.entries(counts);
  return (
    <div className="fr-table fr-mb-2w" id={id}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container" tabIndex={0}>
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("votes.results.answer")}</th>
                  <th scope="col">{t("votes.results.count")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.length === 0 ? (
                  <tr>
                    <td colSpan={2}>—</td>
                  </tr>
                ) : (
                  rows.map(([key, n]) => (
                    <tr key={key}>
                      <th scope="row">{keyLabel(t, key, options)}</th>
                      <td>{formatFigure(locale, n)}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

/**
 * While voting with live results: what closing would decide now, computed by the closing's own
 * function (standingOf → tallyVote in lib/proposals/results.ts), never by a rule of this page.
 */
function standingText(t: Translate, proposal: ProposalView): string | null {
  const { standing, options } = proposal;
  if (!standing) return null;
  if (standing.winners === null)
    return t("votes.results.standing", { outcome: t(`votes.outcome.${standing.adopted ? "ADOPTED" : "REJECTED"}`) });
  if (standing.winners.length === 0) return null;
  const names = standing.winners.map((id) => keyLabel(t, id, options)).join(", ");
  return standing.winners.length === 1
    ? t("votes.results.standingLeading", { options: names })
    : t("votes.results.standingTie", { options: names });
}

export function ProposalResults({
  t,
  locale = defaultLocale,
  proposal,
  appUrl,
}: {
  t: Translate;
  locale?: Locale;
  proposal: ProposalView;
  /** The site's address, for the verification commands (lib/core/config APP_URL). */
  appUrl?: string;
}) {
  const { decision, live, options } = proposal;
  if (!decision && !live) return null;
  const result = (decision?.result ?? {}) as {
    quorumMet?: boolean;
    weights?: Record<string, number>;
    winners?: string[];
    amendment?: { applied: boolean; version?: number; code?: string };
    secrecy?: Secrecy;
    earlyClose?: { rule: "allVoted" | "administrators"; reason: string | null };
    /** Approval results carry their own boolean `tie`; the close overwrites it with the rule applied. */
    tie?: boolean | { rule: "reject" | "secondRound"; options: string[]; secondRound?: string | null };
  };
  const tie = typeof result.tie === "object" ? result.tie : null;
  const overall = decision ? (proposal.decidedCounts ?? {}) : live!.overall;
  // A public ballot keeps its actual colleges' tables after the close (an unweighted decision counts
  // everyone in one college); a secret one publishes only what lib/votes/secret-ballot.ts allows.
  const byCollege = decision ? (proposal.decidedByCollege ?? collegeCountsOf(decision.result)) : live!.byCollege;
  const weights = decision ? result.weights : (proposal.collegeWeights as Record<string, number>);
  const standing = decision ? null : standingText(t, proposal);
  return (
    <section aria-labelledby="results-title" className="fr-mb-4w">
      <h2 id="results-title">{t("votes.results.title")}</h2>
      {!decision && <p className="fr-badge fr-badge--info">{t("votes.results.live")}</p>}
      {standing && <p data-testid="standing">{standing}</p>}
      {decision && (
        <>
          <OutcomeBadge t={t} outcome={decision.outcome} testId="outcome-badge" />
          <p className="fr-text--lead" data-testid="outcome">
            {t("votes.results.outcome", { outcome: t(`votes.outcome.${decision.outcome}`) })}
          </p>
          <p>{t("votes.results.turnout", { turnout: decision.turnout, electorate: decision.electorateSize })}</p>
          <p>{result.quorumMet ? t("votes.results.quorumMet") : t("votes.results.quorumNotMet")}</p>
          {result.earlyClose && (
            <p data-testid="early-close">
              {t(`votes.results.closedEarly.${result.earlyClose.rule}`)}
              {result.earlyClose.reason && <> {t("votes.results.closedEarlyReason", { reason: result.earlyClose.reason })}</>}
            </p>
          )}
          {result.amendment && (
            <p>
              {result.amendment.applied
                ? t("votes.results.amendmentApplied", { version: result.amendment.version ?? "—" })
                : t("votes.results.amendmentNotApplied", { code: result.amendment.code ?? "—" })}
            </p>
          )}
          {tie && (
            <p data-testid="tie">
              {tie.options.length > 0
                ? t(`votes.results.tie.${tie.rule}`, { options: tie.options.map((id) => keyLabel(t, id, options)).join(", ") })
                : t(`votes.results.tieThreshold.${tie.rule}`)}
              {tie.rule === "secondRound" && (
                <>
                  {" "}
                  {tie.secondRound ? (
                    <a href={`/proposals/${tie.secondRound}`} data-testid="second-round">
                      {t("votes.results.secondRound")}
                    </a>
                  ) : (
                    t("votes.results.noSecondRound")
                  )}
                </>
              )}
            </p>
          )}
          {(proposal.method === "APPROVAL" || proposal.method === "MAJORITY_JUDGMENT") && (
            <p>
              {result.winners && result.winners.length === 1
                ? t("votes.results.winners", { options: result.winners.map((id) => keyLabel(t, id, options)).join(", ") })
                : t("votes.results.noWinner")}
            </p>
          )}
        </>
      )}
      {proposal.explanation && (
        <ResultExplanationView
          t={t}
          locale={locale}
          explanation={proposal.explanation}
          labelOf={(id) => keyLabel(t, id, options)}
          collegeLabel={(college) => collegeLabel(t, college)}
          weighted={proposal.weighted}
          quorumVoid={decision?.outcome === "VOID"}
          live={!decision}
        />
      )}
      <CountsTable
        t={t}
        locale={locale}
        caption={t("votes.results.overall")}
        counts={overall}
        options={options}
        id="results-overall"
      />
      <h3>{t("votes.results.byCollege")}</h3>
      <p>{proposal.weighted ? t("votes.results.weightingRule") : t("votes.results.unweighted")}</p>
      {proposal.secret && (proposal.weighted || !decision) && <SecrecyRule t={t} secrecy={result.secrecy} live={!decision} />}
      {proposal.weighted && weights && (
        <ul>
          {Object.entries(weights).map(([college, weight]) => (
            <li key={college}>
              {t("results.collegeWeight", { college: collegeLabel(t, college), weight: formatShare(locale, weight / 100) })}
            </li>
          ))}
        </ul>
      )}
      {Object.entries(byCollege).map(([college, counts]) => (
        <CountsTable
          key={college}
          t={t}
          locale={locale}
          caption={t("results.collegeCaption", { college: collegeLabel(t, college) })}
          counts={counts}
          options={options}
          id={`results-${college}`}
        />
      ))}
      {decision && <p className="fr-text--sm">{t("votes.results.digest", { digest: decision.digest })}</p>}
      {decision && <DecisionRecordBlock t={t} proposalId={proposal.id} appUrl={appUrl} />}
      {proposal.voters && (
        <div className="fr-table">
          <div className="fr-table__wrapper">
            <div className="fr-table__container" tabIndex={0}>
              <div className="fr-table__content">
                <table>
                  <caption>{t("votes.results.votersCaption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("votes.results.voter")}</th>
                      <th scope="col">{t("votes.results.college")}</th>
                      <th scope="col">{t("votes.results.choice")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {proposal.voters.map((voter, index) => (
                      <tr key={index}>
                        <th scope="row">{voter.name}</th>
                        <td>{collegeLabel(t, voter.college)}</td>
                        <td>{describeChoice(t, voter.choice, options)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
      {proposal.voters && proposal.voterPage !== null && proposal.voterPages !== null && proposal.voterPages > 1 && (
        <VoterPages t={t} page={proposal.voterPage} pages={proposal.voterPages} />
      )}
    </section>
  );
}

/** The public voter list, 100 a page (issue 15): previous and next pages as links (`?voters=N`). */
function VoterPages({ t, page, pages }: { t: Translate; page: number; pages: number }) {
  const href = (n: number) => `?voters=${n}#voters-pages`;
  return (
    <nav id="voters-pages" aria-label={t("live.voters.navLabel")} className="fr-mt-2w">
      <p className="fr-text--sm fr-mb-1w">{t("live.voters.page", { page, pages })}</p>
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
        {page > 1 && (
          <li>
            <a className="fr-btn fr-btn--secondary" href={href(page - 1)} rel="prev">
              {t("live.voters.previous")}
            </a>
          </li>
        )}
        {page < pages && (
          <li>
            <a className="fr-btn fr-btn--secondary" href={href(page + 1)} rel="next">
              {t("live.voters.next")}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
