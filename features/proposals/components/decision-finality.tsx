import type { Translate } from "@/lib/i18n/core";
import type { DecisionFinality as Finality } from "@/lib/translog/queries";

/**
 * Beside a decision: final once its close is in the public log and as many witnesses as the charter
 * required (witnessesRequired, when it closed) co-signed a checkpoint including it (issue 17). The
 * page reads it with the proposal (getProposalView), after authorizing it.
 */
export function DecisionFinality({ t, finality }: { t: Translate; finality: Finality }) {
  if (!finality) return null;
  const cosigned = finality.cosignedBy.length;
  return (
    <p className="fr-text--sm fr-mb-2w" data-testid="decision-finality">
      <span className={`fr-badge fr-badge--sm fr-mr-1w ${finality.final ? "fr-badge--success" : "fr-badge--warning"}`}>
        {finality.final ? t("translog.finality.badgeFinal") : t("translog.finality.badgePending")}
      </span>
      {finality.final
        ? t("translog.finality.final", { count: cosigned })
        : t("translog.finality.pending", { cosigned, required: finality.witnessesRequired })}{" "}
      <a href="/verifier">{t("translog.finality.how")}</a>
    </p>
  );
}
