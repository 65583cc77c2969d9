import Link from "next/link";
import type { Translate } from "@/lib/i18n/core";

export type Crumb = { label: string; href?: string };

/** DSFR breadcrumb; the last item is the current page. */
export function Breadcrumb({ t, items }: { t: Translate; items: Crumb[] }) {
  return (
    <nav role="navigation" className="fr-breadcrumb" aria-label={t("pages.nav.breadcrumb")}>
      <ol className="fr-breadcrumb__list">
        {items.map((item, index) => (
          <li key={`${index}-${item.label}`}>
            {item.href && index < items.length - 1 ? (
              <Link className="fr-breadcrumb__link" href={item.href}>
                {item.label}
              </Link>
            ) : (
              <a className="fr-breadcrumb__link" aria-current="page">
                {item.label}
              </a>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
