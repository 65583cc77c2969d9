/**
 * "Your place in this community": what the person is here and the one thing they can do next,
 * each control shown only when lib/policy allows it (the actions check again on the server).
 */
import Link from "next/link";
import type { SessionUser } from "@/lib/auth/sessions";
import { formatDate, type Locale, type Translate } from "@/lib/i18n/core";
import type { CommunityAccess } from "@/lib/communities/access";
import type { Action } from "@/lib/policy/can";
import { roleOf } from "@/lib/policy/roles";
import { JoinButton, LeaveControl, RequestForm } from "@/features/communities/components/membership-controls";

type Props = {
  t: Translate;
  locale: Locale;
  access: CommunityAccess & { user: SessionUser | null; may: (action: Action) => boolean };
};

export function MembershipPanel({ t, locale, access }: Props) {
  const { community, membership, subject, user, may } = access;
  const role = roleOf(subject);
  const body = (() => {
    if (!user) {
      if (community.joinPolicy === "INVITATION") return <p>{t("pages.membership.invitationOnly")}</p>;
      return (
        <>
          <p>{t("pages.membership.signInToJoin")}</p>
          <Link className="fr-btn fr-btn--secondary" href="/auth/sign-in">
            {t("pages.membership.signIn")}
          </Link>
        </>
      );
    }
    if (!user.onboarded) {
      return (
        <>
          <p>{t("pages.membership.completeProfile")}</p>
          <Link className="fr-btn fr-btn--secondary" href="/onboarding">
            {t("pages.membership.completeProfileLink")}
          </Link>
        </>
      );
    }
    if (membership?.status === "ACTIVE") {
      return (
        <>
          <p data-testid="membership-status">
            {t("pages.membership.youAreMember", {
              role: t(`community.role.${membership.role}`),
              college: t(`actorKind.${membership.college}`),
            })}
          </p>
          {may("membership.leave") && <LeaveControl slug={community.slug} communityName={community.name} />}
        </>
      );
    }
    if (role === "pending") return <p data-testid="membership-status">{t("pages.membership.pending")}</p>;
    if (role === "banned") return <p data-testid="membership-status">{t("pages.membership.banned")}</p>;
    if (role === "suspended") {
      return (
        <p data-testid="membership-status">
          {membership?.suspendedUntil
            ? t("pages.membership.suspendedUntil", { date: formatDate(locale, membership.suspendedUntil) })
            : t("pages.membership.suspended")}
        </p>
      );
    }
    if (may("membership.join")) {
      return (
        <>
          <p>{t("pages.membership.openLead")}</p>
          <JoinButton slug={community.slug} />
        </>
      );
    }
    if (may("membership.request")) {
      return (
        <>
          <p>{t("pages.membership.requestLead")}</p>
          <RequestForm slug={community.slug} />
        </>
      );
    }
    if (community.joinPolicy === "INVITATION") return <p>{t("pages.membership.invitationOnly")}</p>;
    return null;
  })();
  if (!body) return null;
  return (
    <section className="fr-callout fr-mb-4w" aria-labelledby="membership-title" data-testid="membership-panel">
      <h2 id="membership-title" className="fr-callout__title fr-h5">
        {t("pages.membership.title")}
      </h2>
      {body}
    </section>
  );
}
