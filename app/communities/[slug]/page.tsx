import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { getCommunityBySlug, listActiveMembers } from "@/lib/communities/get-community";
import { renderMarkdown } from "@/lib/markdown";
import { getTranslator } from "@/lib/web/i18n";
import { actorKinds } from "@/lib/users/schemas";

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const community = await getCommunityBySlug(db(), (await params).slug);
  return { title: community?.name };
}

export default async function CommunityPage({ params }: Params) {
  const { slug } = await params;
  const community = await getCommunityBySlug(db(), slug);
  // Members-only communities arrive with the membership issue; today every community is public.
  if (!community) notFound();
  const [{ t }, members] = await Promise.all([getTranslator(), listActiveMembers(db(), community.id)]);
  return (
    <>
      <nav role="navigation" className="fr-breadcrumb" aria-label="breadcrumb">
        <ol className="fr-breadcrumb__list">
          <li>
            <Link className="fr-breadcrumb__link" href="/">
              {t("community.back")}
            </Link>
          </li>
          <li>
            <a className="fr-breadcrumb__link" aria-current="page">
              {community.name}
            </a>
          </li>
        </ol>
      </nav>
      <h1>{community.name}</h1>
      <p className="fr-text--lead">{community.summary}</p>
      <div dangerouslySetInnerHTML={{ __html: renderMarkdown(community.description) }} />
      <h2 className="fr-mt-4w">{t("community.membersTitle")}</h2>
      <div className="fr-grid-row fr-grid-row--gutters">
        {actorKinds.map((college) => {
          const inCollege = members.filter((member) => member.college === college);
          return (
            <section key={college} className="fr-col-12 fr-col-md-6 fr-col-lg-3" aria-labelledby={`college-${college}`}>
              <h3 id={`college-${college}`} className="fr-h5">
                {t(`actorKind.${college}`)} ({inCollege.length})
              </h3>
              <ul>
                {inCollege.map((member) => (
                  <li key={`${member.displayName}-${member.role}`}>
                    {member.displayName}
                    {member.organization ? `, ${member.organization}` : ""}
                    {member.role !== "MEMBER" && (
                      <span className="fr-badge fr-badge--sm fr-ml-1w">{t(`community.role.${member.role}`)}</span>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </>
  );
}
