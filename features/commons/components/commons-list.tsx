/** A community's commons as a list of DSFR cards (hidden ones as a placeholder). */
import Link from "next/link";
import type { CommonsKind, CommonsStatus } from "@/lib/generated/prisma/enums";
import type { Translate } from "@/lib/i18n/core";
import { licenceName } from "@/lib/commons/schemas";
import { StatusBadge } from "@/features/commons/components/status-badge";

export type CommonsListItem = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  kind: CommonsKind;
  licence: string;
  status: CommonsStatus;
  withheld: boolean;
};

export function CommonsList({
  t,
  communitySlug,
  items,
  headingLevel = 3,
}: {
  t: Translate;
  communitySlug: string;
  items: CommonsListItem[];
  /** The cards' titles sit under the page's h1 (2) or under a section's h2 (3). */
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  if (items.length === 0) return <p>{t("commons.list.empty")}</p>;
  return (
    <ul
      className="fr-grid-row fr-grid-row--gutters gc-plain-list"
      data-testid="commons-list"
      style={{ listStyle: "none", paddingLeft: 0 }}
    >
      {items.map((item) => (
        <li key={item.id} className="fr-col-12 fr-col-md-6">
          <div className="fr-card fr-card--sm fr-enlarge-link">
            <div className="fr-card__body">
              <div className="fr-card__content">
                <Heading className="fr-card__title">
                  <Link href={`/communities/${communitySlug}/commons/${item.slug}`}>
                    {item.withheld ? t("modui.hidden.byModeration") : item.title}
                  </Link>
                </Heading>
                {!item.withheld && <p className="fr-card__desc">{item.summary}</p>}
                <div className="fr-card__start">
                  <ul className="fr-badges-group">
                    <li>
                      <StatusBadge t={t} status={item.status} />
                    </li>
                    <li>
                      <p className="fr-badge fr-badge--sm">{t(`commons.kind.${item.kind}`)}</p>
                    </li>
                  </ul>
                </div>
                <div className="fr-card__end">
                  <p className="fr-card__detail">{licenceName(item.licence)}</p>
                </div>
              </div>
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
