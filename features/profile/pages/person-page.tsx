import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { db } from "@/lib/db/client";
import { getPersonPage } from "@/lib/communities/queries/person";
import { getPersonWork } from "@/lib/communities/queries/person-work";
import { proposalTitle } from "@/lib/proposals/title";
import { formatDate } from "@/lib/i18n/core";
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

/**
 * A member's page: their communities and roles, the proposals they put forward and the contributions
 * they recorded, each only where the viewer may read it (the policy's scopes).
 */
export async function PersonPage({ params }: Props) {
  const { id } = await params;
  const [person, viewer] = await Promise.all([personFor(id), currentUser()]);
  if (!person) notFound();
  const work = await getPersonWork(db(), { personId: id, viewer });
  // A profile is reported to the moderators of one community the person belongs to.
  const mayReport = viewer !== null && viewer.id !== id;
  const { t, locale } = await getTranslator();
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
          <Badge as="span" small severity={person.organization.verified ? "success" : "warning"}>
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
      <h2>{t("pages.person.proposalsTitle")}</h2>
      {work.proposals.length === 0 ? (
        <p>{t("pages.person.noProposals")}</p>
      ) : (
        <ul data-testid="person-proposals">
          {work.proposals.map((proposal) => (
            <li key={proposal.id} className="fr-mb-1w">
              <Link href={`/proposals/${proposal.id}`}>{proposalTitle(t, proposal)}</Link>
              {" · "}
              {t(`votes.status.${proposal.status}`)}
              {" · "}
              {proposal.community.name}
              {" · "}
              {formatDate(locale, proposal.createdAt)}
              {proposal.hiddenAt && <> · {t("modui.hidden.byModeration")}</>}
            </li>
          ))}
        </ul>
      )}
      <h2>{t("pages.person.contributionsTitle")}</h2>
      {work.contributions.length === 0 ? (
        <p>{t("pages.person.noContributions")}</p>
      ) : (
        <ul data-testid="person-contributions">
          {work.contributions.map((contribution) => (
            <li key={contribution.id} className="fr-mb-1w">
              <Link href={`/communities/${contribution.commons.community.slug}/commons/${contribution.commons.slug}/ledger`}>
                {contribution.commons.title}
              </Link>
              {" · "}
              {t(`ledger.types.${contribution.type}`)}
              {" · "}
              {t(`ledger.states.${contribution.state}`)}
              {" · "}
              {formatDate(locale, contribution.date)}
              {contribution.hiddenAt && <> · {t("modui.hidden.byModeration")}</>}
              <br />
              <span className="fr-text--sm">{contribution.description}</span>
            </li>
          ))}
        </ul>
      )}
      {(work.proposals.length === work.limit || work.contributions.length === work.limit) && (
        <p className="fr-text--sm">{t("pages.person.latestOnly", { count: work.limit })}</p>
      )}
    </>
  );
}
