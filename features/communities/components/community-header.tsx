/**
 * The top of every community page: breadcrumb, title, badges and the sections the person may open
 * (asked to lib/policy by the caller through `may`).
 */
import Link from "next/link";
import type { JoinPolicy, Visibility } from "@/lib/generated/prisma/enums";
import type { Translate } from "@/lib/i18n/core";
import type { Action } from "@/lib/policy/can";
import { Breadcrumb } from "@/features/communities/components/breadcrumb";

export type CommunitySection =
  | "overview"
  | "members"
  | "proposals"
  | "commons"
  | "dashboard"
  | "charter"
  | "activity"
  | "moderationLog"
  | "moderation"
  | "admin";

type Props = {
  t: Translate;
  community: { slug: string; name: string; visibility: Visibility; joinPolicy: JoinPolicy };
  may: (action: Action) => boolean;
  section: CommunitySection;
  /** The page's own h1 (sub-pages); the overview's h1 is the community's name. */
  title?: string;
};

export function CommunityBadges({ t, community }: Pick<Props, "t" | "community">) {
  return (
    <ul className="fr-badges-group" aria-label={t("pages.community.badgesLabel")}>
      <li>
        <p
          className={`fr-badge fr-badge--sm ${community.visibility === "PUBLIC" ? "fr-badge--info" : "fr-badge--purple-glycine"}`}
        >
          {t(`pages.visibility.${community.visibility}`)}
        </p>
      </li>
      <li>
        <p className="fr-badge fr-badge--sm fr-badge--green-emeraude">{t(`pages.joinPolicy.${community.joinPolicy}`)}</p>
      </li>
    </ul>
  );
}

export function CommunityHeader({ t, community, may, section, title }: Props) {
  const base = `/communities/${community.slug}`;
  const sections: { key: CommunitySection; href: string; label: string; shown: boolean }[] = [
    { key: "overview", href: base, label: t("pages.nav.overview"), shown: true },
    { key: "members", href: `${base}/members`, label: t("pages.nav.members"), shown: may("community.read") },
    { key: "proposals", href: `${base}/proposals`, label: t("pages.nav.proposals"), shown: may("community.read") },
    { key: "commons", href: `${base}/commons`, label: t("pages.nav.commons"), shown: may("community.read") },
    { key: "dashboard", href: `${base}/dashboard`, label: t("pages.nav.dashboard"), shown: may("community.read") },
    { key: "charter", href: `${base}/charter`, label: t("pages.nav.charter"), shown: may("charter.read") },
    { key: "activity", href: `${base}/activity`, label: t("pages.nav.activity"), shown: may("audit.read") },
    {
      key: "moderationLog",
      href: `${base}/moderation/log`,
      label: t("pages.nav.moderationLog"),
      shown: may("moderation.readLog") && !may("moderation.queue"),
    },
    { key: "moderation", href: `${base}/moderation`, label: t("pages.nav.moderation"), shown: may("moderation.queue") },
    { key: "admin", href: `${base}/admin`, label: t("pages.nav.admin"), shown: may("college.configure") },
  ];
  const current = sections.find((item) => item.key === section);
  return (
    <>
      <Breadcrumb
        t={t}
        items={[
          { label: t("pages.nav.home"), href: "/" },
          { label: community.name, href: base },
          ...(section !== "overview" && current ? [{ label: current.label }] : []),
        ]}
      />
      <h1 className="fr-mb-2w">{title ?? community.name}</h1>
      <CommunityBadges t={t} community={community} />
      <nav aria-label={t("pages.nav.sections", { community: community.name })} className="fr-mb-4w">
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
          {sections
            .filter((item) => item.shown)
            .map((item) => (
              <li key={item.key}>
                <Link
                  href={item.href}
                  className={`fr-btn ${item.key === section ? "" : "fr-btn--tertiary"}`}
                  aria-current={item.key === section ? "page" : undefined}
                >
                  {item.label}
                </Link>
              </li>
            ))}
        </ul>
      </nav>
    </>
  );
}
