/** Every version, newest first, each linking to its page (`?version=N`) with the proposal that made it. */
import Link from "next/link";
import type { CharterVersionSummary } from "@/lib/charter/get-charter";
import { formatDate, type Locale, type Translate } from "@/lib/i18n/core";

export function VersionHistory({
  t,
  locale,
  slug,
  versions,
  shown,
  current,
}: {
  t: Translate;
  locale: Locale;
  slug: string;
  versions: CharterVersionSummary[];
  shown: number;
  current: number;
}) {
  return (
    <ol className="fr-raw-list" reversed data-testid="charter-history">
      {versions.map((version) => (
        <li key={version.number} className="fr-mb-2w">
          <Link
            href={`/communities/${slug}/charter?version=${version.number}`}
            aria-current={version.number === shown ? "page" : undefined}
            className="fr-link"
          >
            {t("charter.versionDated", { number: version.number, date: formatDate(locale, version.createdAt) })}
          </Link>
          {version.number === current && <span className="fr-text--sm"> ({t("charter.history.current")})</span>}
          <p className="fr-text--sm fr-mb-0">
            {version.proposal
              ? t("charter.history.byProposal", { title: version.proposal.title })
              : t("charter.history.founding")}
            {version.changeCount > 0 && ` · ${t("charter.history.changes", { count: version.changeCount })}`}
          </p>
        </li>
      ))}
    </ol>
  );
}
