/** Appeals waiting for a decision, beside the reports queue: each links to its sanction, where it is decided. */
import Link from "next/link";
import { formatDate, type Locale, type Translate } from "@/lib/i18n/core";
import type { PendingAppeal } from "@/lib/moderation/appeals";
import { excerptOf } from "@/lib/moderation/queue-view";

export function AppealsQueue({
  t,
  locale,
  slug,
  appeals,
}: {
  t: Translate;
  locale: Locale;
  slug: string;
  appeals: PendingAppeal[];
}) {
  return (
    <section aria-labelledby="appeals-title" className="fr-mb-4w" data-testid="appeals-queue">
      <h2 id="appeals-title" className="fr-h4">
        {t("modui.appeals.title")}
      </h2>
      <p className="fr-text--sm">{t("modui.appeals.intro")}</p>
      {appeals.length === 0 ? (
        <p>{t("modui.appeals.empty")}</p>
      ) : (
        <>
          <p className="fr-text--sm">{t("modui.appeals.count", { count: appeals.length })}</p>
          <ul className="fr-raw-list">
            {appeals.map((appeal) => (
              <li key={appeal.id} className="fr-card fr-card--no-arrow fr-mb-2w fr-p-2w" data-testid="appeal-item">
                <p className="fr-text--bold fr-mb-1w">
                  {t("modui.appeals.item", {
                    kind: appeal.sanction.kind,
                    name: appeal.memberName,
                    date: formatDate(locale, appeal.sanction.createdAt),
                  })}
                </p>
                <p className="fr-text--sm fr-mb-1w">
                  {t("modui.appeals.filed", { date: formatDate(locale, appeal.createdAt), text: excerptOf(appeal.text) })}
                </p>
                <Link
                  className="fr-btn fr-btn--sm fr-btn--secondary"
                  href={`/communities/${slug}/sanctions/${appeal.sanction.id}`}
                >
                  {t("modui.appeals.open")}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
