import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { collegeOverview } from "@/lib/communities/queries/community-overview";
import { renderMarkdown } from "@/lib/markdown";
import { getTranslator } from "@/lib/web/i18n";
import { CommunityHeader } from "@/components/communities/community-header";
import { CollegesTable } from "@/components/communities/colleges-table";
import { MembershipPanel } from "@/components/communities/membership-panel";
import { communityTitle, readableCommunity } from "./access";

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const [name, { t }] = await Promise.all([communityTitle((await params).slug), getTranslator()]);
  return { title: name ?? t("errors.notFound") };
}

export default async function CommunityPage({ params }: Params) {
  const access = await readableCommunity((await params).slug);
  const { community, may } = access;
  const [{ t, locale }, colleges] = await Promise.all([getTranslator(), collegeOverview(db(), community.id)]);
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
      <section aria-labelledby="colleges-title">
        <h2 id="colleges-title">{t("pages.colleges.title")}</h2>
        <CollegesTable t={t} locale={locale} colleges={colleges} weightingEnabled={community.weightingEnabled} />
      </section>
    </>
  );
}
