import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { collegeOverview } from "@/lib/communities/queries/community-overview";
import { listMemberDirectory } from "@/lib/communities/queries/member-directory";
import { getTranslator } from "@/lib/web/i18n";
import { CommunityHeader } from "@/features/communities/components/community-header";
import { CursorPager, MemberDirectory } from "@/features/communities/components/member-directory";
import { communityTitle, readableCommunity } from "@/features/communities/page-access";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ cursor?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [name, { t }] = await Promise.all([communityTitle((await params).slug), getTranslator()]);
  return { title: name ? t("pages.members.metaTitle", { community: name }) : t("errors.notFound") };
}

export async function MembersPage({ params, searchParams }: Props) {
  const { community, may, user } = await readableCommunity((await params).slug);
  const { cursor: rawCursor } = await searchParams;
  const cursor = typeof rawCursor === "string" && rawCursor.length <= 64 ? rawCursor : undefined;
  const [{ t, locale }, colleges, page] = await Promise.all([
    getTranslator(),
    collegeOverview(db(), community.id, user),
    listMemberDirectory(db(), { viewer: user, communityId: community.id, cursor }),
  ]);
  const total = colleges.reduce((sum, college) => sum + college.members, 0);
  const base = `/communities/${community.slug}/members`;
  return (
    <>
      <CommunityHeader t={t} community={community} may={may} section="members" title={t("pages.members.title")} />
      <p>{t("pages.members.lead", { count: total, community: community.name })}</p>
      <MemberDirectory t={t} locale={locale} colleges={colleges} members={page.members} firstPage={!cursor} />
      <CursorPager
        t={t}
        label={t("pages.members.pagerLabel")}
        nextHref={page.nextCursor ? `${base}?cursor=${encodeURIComponent(page.nextCursor)}` : null}
        firstHref={cursor ? base : null}
      />
    </>
  );
}
