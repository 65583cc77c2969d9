import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { mapStyleUrl } from "@/lib/core/config";
import { listCommunityCommons } from "@/lib/commons/read";
import { commonsStatuses } from "@/lib/commons/schemas";
import type { CommonsStatus } from "@/lib/generated/prisma/enums";
import { getTranslator } from "@/lib/web/i18n";
import { Breadcrumb } from "@/features/communities/components/breadcrumb";
import { CommonsList } from "@/features/commons/components/commons-list";
import { CoverageMap } from "@/components/map/coverage-map";
import { communityTitle, readableCommunity } from "@/features/communities/page-access";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ status?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [name, { t }] = await Promise.all([communityTitle((await params).slug), getTranslator()]);
  return { title: name ? t("commons.list.metaTitle", { community: name }) : t("errors.notFound") };
}

export async function CommunityCommonsPage({ params, searchParams }: Props) {
  const { community, user, may } = await readableCommunity((await params).slug);
  const requested = (await searchParams).status;
  const status = (commonsStatuses as readonly string[]).includes(String(requested)) ? (requested as CommonsStatus) : undefined;
  const [{ t }, items] = await Promise.all([
    getTranslator(),
    listCommunityCommons(db(), {
      communityId: community.id,
      viewer: user,
      status,
    }),
  ]);
  const base = `/communities/${community.slug}`;
  const mapped = items.flatMap((item) =>
    item.coverage ? [{ id: item.id, title: item.title, href: `${base}/commons/${item.slug}`, geometry: item.coverage }] : [],
  );
  return (
    <>
      <Breadcrumb
        t={t}
        items={[
          { label: t("pages.nav.home"), href: "/" },
          { label: community.name, href: base },
          { label: t("commons.list.title") },
        ]}
      />
      <h1>{t("commons.list.title")}</h1>
      <p className="fr-text--lead">{t("commons.list.intro")}</p>
      {may("commons.propose") && (
        <p>
          <Link className="fr-btn fr-btn--icon-left fr-icon-add-line" href={`${base}/commons/new`}>
            {t("commons.list.propose")}
          </Link>
        </p>
      )}
      <nav aria-label={t("commons.list.byStatus")} className="fr-mb-3w">
        <ul className="fr-tags-group">
          <li>
            <Link className="fr-tag" href={`${base}/commons`} aria-current={status ? undefined : "page"}>
              {t("commons.list.allStatuses")}
            </Link>
          </li>
          {commonsStatuses
            .filter((s) => s !== "DRAFT")
            .map((s) => (
              <li key={s}>
                <Link className="fr-tag" href={`${base}/commons?status=${s}`} aria-current={status === s ? "page" : undefined}>
                  {t(`commons.status.${s}`)}
                </Link>
              </li>
            ))}
        </ul>
      </nav>
      <p className="fr-text--sm">{t("commons.list.count", { count: items.length })}</p>
      {mapped.length > 0 && (
        <div className="fr-mb-4w">
          <CoverageMap features={mapped} label={t("commons.list.title")} styleUrl={mapStyleUrl()} height={360} />
        </div>
      )}
      <CommonsList t={t} communitySlug={community.slug} items={items} headingLevel={2} />
    </>
  );
}
