import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { db } from "@/lib/db/client";
import { getPersonPage } from "@/lib/communities/queries/person";
import { getTranslator } from "@/lib/web/i18n";
import { currentUser } from "@/lib/web/request";
import { Breadcrumb } from "@/features/communities/components/breadcrumb";
import { ReportButton } from "@/features/moderation/components/report-button";

type Props = { params: Promise<{ id: string }> };

const personFor = cache(async (id: string) => {
  const viewer = await currentUser();
  return getPersonPage(db(), { personId: id, viewer });
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [person, { t }] = await Promise.all([personFor((await params).id), getTranslator()]);
  return { title: person?.displayName ?? t("errors.notFound") };
}

/** A member's page: their communities and roles, only where the viewer may read the community. */
export async function PersonPage({ params }: Props) {
  const { id } = await params;
  const [person, viewer] = await Promise.all([personFor(id), currentUser()]);
  if (!person) notFound();
  // A profile is reported to the moderators of one community the person belongs to.
  const mayReport = viewer !== null && viewer.id !== id;
  const { t } = await getTranslator();
  const acting = [person.actorKind ? t(`actorKind.${person.actorKind}`) : null, person.organization?.name]
    .filter(Boolean)
    .join(" · ");
  return (
    <>
      <Breadcrumb t={t} items={[{ label: t("pages.nav.home"), href: "/" }, { label: person.displayName }]} />
      <h1>{person.displayName}</h1>
      {acting && <p className="fr-text--lead">{t("pages.person.actsFor", { acting })}</p>}
      {person.organization && (
        <p data-testid="person-organization">
          <Link href={`/organisations/${person.organization.id}`}>{person.organization.name}</Link>{" "}
          <Badge small severity={person.organization.verified ? "success" : "warning"}>
            {person.organization.verified ? t("organizations.profile.verified") : t("organizations.profile.declared")}
          </Badge>
        </p>
      )}
      <h2>{t("pages.person.communitiesTitle")}</h2>
      {person.memberships.length === 0 ? (
        <p>{t("pages.person.none")}</p>
      ) : (
        <ul data-testid="person-communities">
          {person.memberships.map((membership) => (
            <li key={membership.community.slug} className="fr-mb-1w">
              <Link href={`/communities/${membership.community.slug}`}>{membership.community.name}</Link>
              {" · "}
              {t("pages.person.roleInCollege", {
                role: t(`community.role.${membership.role}`),
                college: t(`actorKind.${membership.college}`),
              })}
              {mayReport && <ReportButton communitySlug={membership.community.slug} targetKind="PROFILE" targetId={id} />}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
