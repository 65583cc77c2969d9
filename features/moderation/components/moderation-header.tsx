/** The top of the moderation pages: breadcrumb, title and the links between queue and log. */
import Link from "next/link";
import type { Translate } from "@/lib/i18n/core";
import { Breadcrumb } from "@/features/communities/components/breadcrumb";

export function ModerationHeader({
  t,
  community,
  title,
  current,
  showQueue,
}: {
  t: Translate;
  community: { slug: string; name: string };
  title: string;
  current: "queue" | "log" | "other";
  showQueue: boolean;
}) {
  const base = `/communities/${community.slug}/moderation`;
  const links = [
    ...(showQueue ? [{ key: "queue", href: base, label: t("modui.nav.queue") }] : []),
    { key: "log", href: `${base}/log`, label: t("modui.nav.log") },
  ];
  return (
    <>
      <Breadcrumb
        t={t}
        items={[
          { label: t("pages.nav.home"), href: "/" },
          { label: community.name, href: `/communities/${community.slug}` },
          { label: title },
        ]}
      />
      <h1 className="fr-mb-2w">{title}</h1>
      <nav aria-label={t("modui.title")} className="fr-mb-4w">
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
          {links.map((link) => (
            <li key={link.key}>
              <Link
                href={link.href}
                className={`fr-btn ${link.key === current ? "" : "fr-btn--tertiary"}`}
                aria-current={link.key === current ? "page" : undefined}
              >
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
