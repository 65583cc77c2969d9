/**
 * Whether the member may vote under their community's contribution rule (issue 16), why, and until
 * when; nothing when the charter has no such rule (membership alone makes an elector).
 */
import { formatDate, type Locale, type Translate } from "@/lib/i18n/core";
import type { MemberEligibility } from "@/lib/votes/eligibility";

export function EligibilityNote({
  t,
  locale,
  eligibility,
}: {
  t: Translate;
  locale: Locale;
  eligibility: MemberEligibility | undefined;
}) {
  if (!eligibility) return null;
  const { rule } = eligibility;
  const values = { count: eligibility.days.length, window: rule.windowDays, min: rule.minDays };
  return (
    <div className="fr-text--sm fr-mb-1w" data-testid="eligibility-note">
      {!eligibility.concerned ? (
        <p className="fr-mb-0">{t("connectors.eligibility.notConcerned")}</p>
      ) : eligibility.eligible ? (
        <p className="fr-mb-0">
          <span className="fr-badge fr-badge--sm fr-badge--success fr-mr-1w">{t("connectors.eligibility.title")}</span>
          {t("connectors.eligibility.eligible", values)}{" "}
          {eligibility.until && t("connectors.eligibility.eligibleUntil", { date: formatDate(locale, eligibility.until) })}
        </p>
      ) : (
        <p className="fr-mb-0">
          <span className="fr-badge fr-badge--sm fr-badge--warning fr-mr-1w">{t("connectors.eligibility.title")}</span>
          {t("connectors.eligibility.notEligible", values)}
        </p>
      )}
      <p className="fr-mb-0 fr-text--xs">{t("connectors.eligibility.rule", { min: rule.minDays, window: rule.windowDays })}</p>
    </div>
  );
}
