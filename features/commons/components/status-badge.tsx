/** A commons' lifecycle status as a DSFR badge. */
import type { CommonsStatus } from "@/lib/generated/prisma/enums";
import type { Translate } from "@/lib/i18n/core";

const severity: Record<CommonsStatus, string> = {
  DRAFT: "",
  PROPOSED: "fr-badge--info",
  ADOPTED: "fr-badge--success",
  REJECTED: "fr-badge--error",
  ARCHIVED: "fr-badge--warning",
};

export function StatusBadge({ t, status }: { t: Translate; status: CommonsStatus }) {
  return (
    <p className={`fr-badge fr-badge--sm ${severity[status]}`} data-testid="commons-status">
      {t(`commons.status.${status}`)}
    </p>
  );
}
