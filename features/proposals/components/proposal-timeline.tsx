/**
 * A proposal's steps as they happened, and as planned only while they still are: once voting opened,
 * the actual opening replaces the planned end of the discussion (a discussion end later than the
 * opening is never shown); a withdrawn proposal shows no planned vote; a closed one its actual close.
 */
import { formatDateTime, type Locale, type Translate } from "@/lib/i18n/core";
import type { ProposalStatus } from "@/lib/generated/prisma/enums";

export type TimelineFacts = {
  status: ProposalStatus;
  createdAt: Date;
  discussionEndsAt: Date | null;
  votingOpensAt: Date | null;
  votingClosesAt: Date | null;
  openedAt: Date | null;
  closedAt: Date | null;
};

export type TimelineStep = { key: string; text: string; date: Date | null };

export function timelineSteps(t: Translate, locale: Locale, p: TimelineFacts): TimelineStep[] {
  const date = (value: Date) => formatDateTime(locale, value);
  const steps: TimelineStep[] = [
    { key: "created", text: t("votes.page.created", { date: date(p.createdAt) }), date: p.createdAt },
  ];
  const planned = p.status === "DRAFT" || p.status === "DISCUSSION";
  if (planned) {
    if (p.discussionEndsAt)
      steps.push({
        key: "discussion",
        text: t("votes.page.discussionUntil", { date: date(p.discussionEndsAt) }),
        date: p.discussionEndsAt,
      });
    if (p.votingOpensAt && p.votingClosesAt)
      steps.push({
        key: "planned",
        text: t("results.timeline.planned", { opens: date(p.votingOpensAt), closes: date(p.votingClosesAt) }),
        date: p.votingOpensAt,
      });
    return steps;
  }
  if (p.openedAt) {
    // The discussion ended when planned, or earlier when voting was opened before that date.
    if (p.discussionEndsAt && p.discussionEndsAt <= p.openedAt)
      steps.push({
        key: "discussion",
        text: t("results.timeline.discussionEnded", { date: date(p.discussionEndsAt) }),
        date: p.discussionEndsAt,
      });
    steps.push({ key: "opened", text: t("votes.page.votingOpened", { date: date(p.openedAt) }), date: p.openedAt });
  }
  if (p.status === "VOTING" && p.votingClosesAt)
    steps.push({ key: "closes", text: t("votes.page.votingCloses", { date: date(p.votingClosesAt) }), date: p.votingClosesAt });
  if (p.status === "CLOSED" && p.closedAt)
    steps.push({ key: "closed", text: t("votes.page.closedAt", { date: date(p.closedAt) }), date: p.closedAt });
  if (p.status === "WITHDRAWN") steps.push({ key: "withdrawn", text: t("votes.page.withdrawn"), date: null });
  return steps;
}

export function ProposalTimeline({ t, locale, proposal }: { t: Translate; locale: Locale; proposal: TimelineFacts }) {
  return (
    <section aria-labelledby="timeline-title" className="fr-mb-4w">
      <h2 id="timeline-title">{t("votes.page.timeline")}</h2>
      <ol data-testid="timeline">
        {timelineSteps(t, locale, proposal).map((step) => (
          <li key={step.key} data-step={step.key}>
            {step.date ? <time dateTime={step.date.toISOString()}>{step.text}</time> : step.text}
          </li>
        ))}
      </ol>
    </section>
  );
}
