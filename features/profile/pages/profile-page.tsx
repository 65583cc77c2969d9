import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { DomainVerificationForm } from "@/features/organizations/components/domain-verification-form";
import { ProfileForm } from "@/features/profile/components/profile-form";
import { ApiTokenForm } from "@/features/profile/components/api-tokens";
import { ApiTokenList } from "@/features/profile/components/api-token-list";
import { Identities } from "@/features/profile/components/identities";
import { EligibilityNote } from "@/features/connectors/components/eligibility-note";
import { signOutAction } from "@/features/auth/session-actions";
import { db } from "@/lib/db/client";
import { getProfile } from "@/lib/users/update-profile";
import { listApiTokens } from "@/lib/tokens/list-tokens";
import { claimableEvents, listIdentities } from "@/lib/connectors/identities";
import { eligibilityByCommunity } from "@/lib/votes/eligibility";
import { getTranslator } from "@/lib/web/i18n";
import { currentUser } from "@/lib/web/request";
import { redirectToSignIn } from "@/features/auth/return-to-server";
import { DeleteAccount } from "@/features/profile/components/delete-account";
import { ActionForm } from "@/components/forms/action-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator()).t("profile.title") };
}

export async function ProfilePage() {
  const user = await currentUser();
  if (!user) return redirectToSignIn();
  if (!user.onboarded) redirect("/onboarding");
  const [{ t, locale }, profile, tokens, identities, claimable, eligibility] = await Promise.all([
    getTranslator(),
    getProfile(db(), user.id),
    listApiTokens(db(), user.id),
    listIdentities(db(), { actor: user }),
    claimableEvents(db(), { actor: user }),
    eligibilityByCommunity(db(), user.id),
  ]);
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-8">
        <h1>{t("profile.title")}</h1>
        <p>
          {t("pages.labelSuffix", { label: t("profile.email") })} <strong data-testid="profile-email">{profile.email}</strong>
        </p>
        <ProfileForm
          mode="profile"
          defaults={{
            displayName: profile.displayName ?? "",
            actorKind: profile.actorKind ?? (undefined as never),
            organizationName: profile.organization?.name ?? "",
            siret: profile.organization?.siret ?? "",
            locale: profile.locale,
            hideContributorName: !profile.listedByName,
          }}
        />
      </div>
      <div className="fr-col-12 fr-col-md-4">
        {profile.organization && (
          <section className="fr-mb-4w" aria-labelledby="organization-title" data-testid="profile-organization">
            <h2 id="organization-title" className="fr-h4">
              {t("organizations.title")}
            </h2>
            <p>
              <Link href={`/organisations/${profile.organization.id}`}>{profile.organization.name}</Link>{" "}
              <Badge as="span" small severity={profile.organizationVerifiedAt ? "success" : "warning"}>
                {profile.organizationVerifiedAt ? t("organizations.profile.verified") : t("organizations.profile.declared")}
              </Badge>
            </p>
            {!profile.organizationVerifiedAt && (
              <>
                <p className="fr-text--sm">{t("organizations.verify.lead", { organization: profile.organization.name })}</p>
                {profile.organization.domains.length > 0 && (
                  <DomainVerificationForm
                    domains={profile.organization.domains.map((d) => d.domain)}
                    defaultEmail={profile.email ?? ""}
                  />
                )}
              </>
            )}
          </section>
        )}
        <h2 className="fr-h4">{t("profile.memberships")}</h2>
        {profile.memberships.length === 0 ? (
          <p>{t("profile.noMemberships")}</p>
        ) : (
          <ul>
            {profile.memberships.map((membership) => (
              <li key={membership.community.slug}>
                <Link href={`/communities/${membership.community.slug}`}>{membership.community.name}</Link> ·{" "}
                {t(`community.role.${membership.role}`)}
                <EligibilityNote t={t} locale={locale} eligibility={eligibility.get(membership.community.slug)} />
              </li>
            ))}
          </ul>
        )}
        <p className="fr-mt-4w">
          <Link className="fr-link fr-icon-notification-3-line fr-link--icon-left" href="/profile/notifications">
            {t("notifications.list.preferences")}
          </Link>
        </p>
        <ActionForm action={signOutAction} className="fr-mt-4w">
          <button type="submit" className="fr-btn fr-btn--secondary">
            {t("profile.signOut")}
          </button>
        </ActionForm>
      </div>
      <div className="fr-col-12 fr-col-lg-8 fr-mt-4w">
        <Identities t={t} locale={locale} identities={identities} claimable={claimable} />
      </div>
      <section className="fr-col-12 fr-col-md-6 fr-mt-4w" aria-labelledby="my-data-title">
        <h2 id="my-data-title">{t("pages.deleteAccount.downloadTitle")}</h2>
        <p>{t("pages.deleteAccount.downloadLead")}</p>
        <a className="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left" href="/profile/data" download>
          {t("pages.deleteAccount.download")}
        </a>
      </section>
      <section className="fr-col-12 fr-col-md-6 fr-mt-4w" aria-labelledby="delete-account-title">
        <h2 id="delete-account-title">{t("pages.deleteAccount.title")}</h2>
        <p>{t("pages.deleteAccount.lead")}</p>
        <DeleteAccount />
      </section>
      <section className="fr-col-12 fr-mt-4w" aria-labelledby="api-tokens-title">
        <h2 id="api-tokens-title">{t("api.tokens.title")}</h2>
        <p>
          {t("api.tokens.lead")} <a href="/api/v1/openapi.json">{t("api.tokens.documentation")}</a>
        </p>
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-lg-5">
            <h3 className="fr-h5">{t("api.tokens.createTitle")}</h3>
            <ApiTokenForm />
          </div>
          <div className="fr-col-12 fr-col-lg-7">
            <ApiTokenList tokens={tokens} t={t} locale={locale} />
          </div>
        </div>
      </section>
    </div>
  );
}
