/**
 * The breadcrumb and title of a commons' sub-pages (its ledger, dashboard, contribution sources):
 * home › community › commons › this commons › the page, and "Page — Commons" as the heading.
 */
import { Breadcrumb } from "@/features/communities/components/breadcrumb";
import type { Translate } from "@/lib/i18n/core";

type CommonsRef = { slug: string; title: string; community: { slug: string; name: string } };

export function commonsHref(commons: CommonsRef): string {
  return `/communities/${commons.community.slug}/commons/${commons.slug}`;
}

export function CommonsSubpageHeader({ t, commons, title }: { t: Translate; commons: CommonsRef; title: string }) {
  const community = commons.community;
  return (
    <>
      <Breadcrumb
        t={t}
        items={[
          { label: t("pages.nav.home"), href: "/" },
          { label: community.name, href: `/communities/${community.slug}` },
          { label: t("commons.list.title"), href: `/communities/${community.slug}/commons` },
          { label: commons.title, href: commonsHref(commons) },
          { label: title },
        ]}
      />
      <h1 className="fr-mb-2w">
        {title} — {commons.title}
      </h1>
    </>
  );
}
