import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { findInvitation } from "@/lib/communities/invitations";
import { loadCommunityAccess } from "@/lib/communities/access";
import { formatDate } from "@/lib/i18n/core";
import { getTranslator } from "@/lib/web/i18n";
import { currentUser } from "@/lib/web/request";
import { signOutAction } from "@/features/auth/session-actions";
import { Breadcrumb } from "@/features/communities/components/breadcrumb";
import { AcceptInvitationButton } from "@/features/communities/components/accept-invitation-button";
import { ActionForm } from "@/components/forms/action-form";

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator()).t("pages.invitation.title") };
}

/**
 * Where an invitation email leads. Signed out: how to sign in with the invited address, then come
 * back through the same link (it stays valid until used). Signed in with another address: said
 * plainly. Otherwise: accept.
 */
export async function InvitationPage({ params }: Props) {
  const { token } = await params;
  const [{ t, locale }, user] = await Promise.all([getTranslator(), currentUser()]);
  const invitation = token.length >= 20 && token.length <= 200 ? await findInvitation(db(), token) : null;
  const crumbs = <Breadcrumb t={t} items={[{ label: t("pages.nav.home"), href: "/" }, { label: t("pages.invitation.title") }]} />;

  if (!invitation) {
    return (
      <>
        {crumbs}
        <h1>{t("pages.invitation.invalidTitle")}</h1>
        <div className="fr-alert fr-alert--error fr-mb-4w" data-testid="invitation-invalid">
          <p>{t("communities.errors.invitationInvalid")}</p>
        </div>
        <p>{t("pages.invitation.invalidHelp")}</p>
        <Link className="fr-btn fr-btn--secondary" href="/">
          {t("errors.backHome")}
        </Link>
      </>
    );
  }

  const inviter = invitation.invitedBy.displayName ?? t("pages.activity.someone");
  const role = t(`community.role.${invitation.role}`);
  const sameAddress = Boolean(user?.email && user.email.toLowerCase() === invitation.email);
  const access = user && sameAddress ? await loadCommunityAccess(db(), { slug: invitation.community.slug, actor: user }) : null;
  const alreadyMember = access?.membership?.status === "ACTIVE";

  const next = (() => {
    if (!user) {
      return (
        <>
          <p>{t("pages.invitation.signedOut", { email: invitation.email })}</p>
          <p>{t("pages.invitation.comeBack", { date: formatDate(locale, invitation.expiresAt) })}</p>
          <Link className="fr-btn" href="/auth/sign-in">
            {t("pages.invitation.signIn")}
          </Link>
        </>
      );
    }
    if (!sameAddress) {
      return (
        <>
          <div className="fr-alert fr-alert--error fr-mb-3w" data-testid="invitation-other-address">
            <p>{t("communities.errors.invitationOtherAddress")}</p>
          </div>
          <p>{t("pages.invitation.otherAddress", { current: user.email ?? "—", email: invitation.email })}</p>
          <ActionForm action={signOutAction}>
            <button type="submit" className="fr-btn fr-btn--secondary">
              {t("layout.signOut")}
            </button>
          </ActionForm>
        </>
      );
    }
    if (!user.onboarded) {
      return (
        <>
          <p>{t("pages.invitation.onboarding")}</p>
          <Link className="fr-btn" href="/onboarding">
            {t("pages.invitation.onboardingLink")}
          </Link>
        </>
      );
    }
    if (alreadyMember) {
      return (
        <>
          <p>{t("pages.invitation.alreadyMember")}</p>
          <Link className="fr-btn" href={`/communities/${invitation.community.slug}`}>
            {t("pages.invitation.openCommunity")}
          </Link>
        </>
      );
    }
    return <AcceptInvitationButton token={token} />;
  })();

  return (
    <>
      {crumbs}
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-9 fr-col-lg-8">
          <h1>{t("pages.invitation.heading", { community: invitation.community.name })}</h1>
          <p className="fr-text--lead" data-testid="invitation-lead">
            {t("pages.invitation.lead", { inviter, community: invitation.community.name, role })}
          </p>
          <blockquote className="fr-mb-3w">{invitation.community.summary}</blockquote>
          <p className="fr-text--sm">
            {t("pages.invitation.addressedTo", { email: invitation.email, date: formatDate(locale, invitation.expiresAt) })}
          </p>
          {next}
        </div>
      </div>
    </>
  );
}
