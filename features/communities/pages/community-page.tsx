import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { collegeOverview } from "@/lib/communities/queries/community-overview";
import { renderMarkdown } from "@/lib/core/markdown";
import { getTranslator } from "@/lib/web/i18n";
import { CommunityHeader } from "@/features/communities/components/community-header";
import { CollegesTable } from "@/features/communities/components/colleges-table";
import { MembershipPanel } from "@/features/communities/components/membership-panel";
import { listCommunityCommons } from "@/lib/commons/read";
import { CommonsList } from "@/features/commons/components/commons-list";
import { communityTitle, readableCommunity } from "@/features/communities/page-access";

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const [name, { t }] = await Promise.all([communityTitle((await params).slug), getTranslator()]);
  return { title: name ?? t("errors.notFound") };
}

export async function CommunityPage({ params }: Params) {
  const access = await readableCommunity((await params).slug);
  const { community, may } = access;
  const [{ t, locale }, colleges, commons] = await Promise.all([
    getTranslator(),
    collegeOverview(db(), community.id, access.user),
    listCommunityCommons(db(), { communityId: community.id, viewer: access.user, take: 4 }),
  ]);
  const description = community.description.trim();
  return (
    <>
      <CommunityHeader t={t} community={community} may={may} section="overview" />
      <p className="fr-text--lead">{community.summary}</p>
      <MembershipPanel t={t} locale={locale} access={access} />
      {description && (
        <section aria-labelledby="about-title" className="fr-mb-4w">
          <h2 id="about-title">{t("pages.community.about")}</h2>
          <div className="gc-markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(description) }} />
        </section>
      )}
      <p>
        <Link href={`/communities/${community.slug}/dashboard`} className="fr-link fr-icon-bar-chart-box-line fr-link--icon-left">
          {t("ledger.dashboard.communityLink")}
        </Link>
      </p>
      <section aria-labelledby="commons-title" className="fr-mb-4w">
        <h2 id="commons-title">{t("commons.list.latest")}</h2>
        <CommonsList t={t} communitySlug={community.slug} items={commons} />
        <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
          <li>
            <Link className="fr-btn fr-btn--secondary" href={`/communities/${community.slug}/commons`}>
              {t("commons.list.seeAll")}
            </Link>
          </li>
          {may("commons.propose") && (
            <li>
              <Link className="fr-btn" href={`/communities/${community.slug}/commons/new`}>
                {t("commons.list.propose")}
              </Link>
            </li>
          )}
        </ul>
      </section>
      <section aria-labelledby="colleges-title">
        <h2 id="colleges-title">{t("pages.colleges.title")}</h2>
        <CollegesTable t={t} locale={locale} colleges={colleges} weightingEnabled={community.weightingEnabled} />
      </section>
    </>
  );
}
