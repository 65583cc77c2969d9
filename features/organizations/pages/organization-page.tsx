import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/core/errors";
import { getOrganizationPage } from "@/lib/organizations/read";
import { getTranslator } from "@/lib/web/i18n";
import { currentUser } from "@/lib/web/request";
import { Breadcrumb } from "@/features/communities/components/breadcrumb";
import { approveMemberAction, grantAdminAction } from "@/features/organizations/actions";
import { AddDomainForm } from "@/features/organizations/components/add-domain-form";
import { ActionForm } from "@/components/forms/action-form";

type Props = { params: Promise<{ id: string }> };

const organizationFor = cache(async (id: string) => {
  const viewer = await currentUser();
  try {
    return await getOrganizationPage(db(), { actor: viewer, organizationId: id });
  } catch (error) {
    if (isAppError(error) && error.status === 404) return null;
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [organization, { t }] = await Promise.all([organizationFor((await params).id), getTranslator()]);
  return { title: organization?.name ?? t("errors.notFound") };
}

/**
 * An organisation: its identity, verified domains, members (verified or only declared, said so),
 * the commons it stewards and its verified members' contributions; its administrators approve
 * declared members and add domains here.
 */
export async function OrganizationPage({ params }: Props) {
  const { id } = await params;
  const organization = await organizationFor(id);
  if (!organization) notFound();
  const { t, locale } = await getTranslator();
  const { unlistedMembers: unlisted } = organization;
  const unlistedTotal = unlisted.verified + unlisted.declared;
  return (
    <>
      <Breadcrumb t={t} items={[{ label: t("pages.nav.home"), href: "/" }, { label: organization.name }]} />
      <h1>{organization.name}</h1>
      <ul className="fr-badges-group fr-mb-2w">
        <li>
          <Badge noIcon>{t(`actorKind.${organization.kind}`)}</Badge>
        </li>
      </ul>
      <dl>
        <dt className="fr-text--bold">{t("organizations.siret")}</dt>
        <dd data-testid="organization-siret">{organization.siret ?? t("organizations.noSiret")}</dd>
        <dt className="fr-text--bold fr-mt-1w">{t("organizations.domains")}</dt>
        <dd data-testid="organization-domains">
          {organization.domains.length === 0 ? t("organizations.noDomains") : organization.domains.join(", ")}
        </dd>
      </dl>
      {organization.viewer.administers && (
        <div className="fr-mt-2w">
          <AddDomainForm organizationId={organization.id} />
        </div>
      )}

      <h2 className="fr-mt-4w">{t("organizations.members")}</h2>
      <p className="fr-text--sm">{t("organizations.declaredNote")}</p>
      {organization.members.length === 0 && unlistedTotal === 0 ? (
        <p>{t("organizations.noMembers")}</p>
      ) : (
        <ul data-testid="organization-members">
          {organization.members.map((member) => (
            <li key={member.id} className="fr-mb-1w">
              <Link href={`/people/${member.id}`}>{member.displayName}</Link>{" "}
              {member.verifiedBy ? (
                <Badge small severity="success">
                  {`${t("organizations.verified")} ${t(`organizations.verifiedBy.${member.verifiedBy}`)}`}
                </Badge>
              ) : (
                <Badge small severity="warning">
                  {t("organizations.declared")}
                </Badge>
              )}{" "}
              {member.admin && (
                <Badge small severity="info">
                  {t("organizations.admin")}
                </Badge>
              )}
              {member.verifiedBy && !member.admin && organization.viewer.administers && (
                <ActionForm action={grantAdminAction} className="fr-mt-1w">
                  <input type="hidden" name="organizationId" value={organization.id} />
                  <input type="hidden" name="userId" value={member.id} />
                  <button type="submit" className="fr-btn fr-btn--sm fr-btn--tertiary">
                    {t("organizations.grantAdmin", { name: member.displayName })}
                  </button>
                </ActionForm>
              )}
              {!member.verifiedBy && organization.viewer.mayApprove && (
                <ActionForm action={approveMemberAction} className="fr-mt-1w">
                  <input type="hidden" name="organizationId" value={organization.id} />
                  <input type="hidden" name="userId" value={member.id} />
                  <button type="submit" className="fr-btn fr-btn--sm fr-btn--secondary">
                    {t("organizations.approve", { name: member.displayName })}
                  </button>
                </ActionForm>
              )}
            </li>
          ))}
        </ul>
      )}
      {unlistedTotal > 0 && (
        <p className="fr-text--sm">
          {t("organizations.unlisted", { total: unlistedTotal, verified: unlisted.verified, declared: unlisted.declared })}
        </p>
      )}

      <h2 className="fr-mt-4w">{t("organizations.commons")}</h2>
      {organization.commons.length === 0 ? (
        <p>{t("organizations.noCommons")}</p>
      ) : (
        <ul data-testid="organization-commons">
          {organization.commons.map((commons) => (
            <li key={commons.id}>
              <Link href={`/communities/${commons.community.slug}/commons/${commons.slug}`}>{commons.title}</Link> ·{" "}
              {commons.community.name}
            </li>
          ))}
        </ul>
      )}

      <h2 className="fr-mt-4w">{t("organizations.contributions")}</h2>
      {organization.contributions.length === 0 ? (
        <p>{t("organizations.noContributions")}</p>
      ) : (
        <ul data-testid="organization-contributions">
          {organization.contributions.map((contribution) => (
            <li key={contribution.id}>
              {contribution.date.toLocaleDateString(locale, { timeZone: "Europe/Paris" })} ·{" "}
              <Link href={`/communities/${contribution.commons.community.slug}/commons/${contribution.commons.slug}`}>
                {contribution.commons.title}
              </Link>{" "}
              · {contribution.description}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
