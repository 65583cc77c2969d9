/**
 * A decided proposal's outcome as a DSFR badge: green with its check mark only when adopted; a
 * rejection is red with its cross, a void vote (quorum not met) a warning. Colour is never the only
 * sign: the badge says the outcome in words.
 */
import type { Translate } from "@/lib/i18n/core";
import type { ProposalOutcome } from "@/lib/generated/prisma/enums";

const tone: Record<ProposalOutcome, string> = {
  ADOPTED: "fr-badge--success",
  REJECTED: "fr-badge--error",
  VOID: "fr-badge--warning",
};

export function OutcomeBadge({
  t,
  outcome,
  small = false,
  testId,
}: {
  t: Translate;
  outcome: ProposalOutcome;
  small?: boolean;
  testId?: string;
}) {
  return (
    <p className={`fr-badge ${tone[outcome]}${small ? " fr-badge--sm" : ""}`} data-outcome={outcome} data-testid={testId}>
      {t(`votes.outcome.${outcome}`)}
    </p>
  );
}
