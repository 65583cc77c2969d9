/**
 * Where a person would act (vote, comment, contribute) but may not, the reason in words: anonymous
 * visitors are invited to sign in and come back to this page; a suspended member reads that they are
 * suspended, until when and why (with the sanction, where they may appeal); a banned member likewise.
 * Otherwise the caller's own explanation, if any.
 */
import type { ReactNode } from "react";
import Link from "next/link";
import { cache } from "react";
import { db } from "@/lib/db/client";
import { formatDate } from "@/lib/i18n/core";
import { ownStanding } from "@/lib/moderation/standing";
import { getTranslator } from "@/lib/web/i18n";
import { signInHref } from "@/features/auth/return-to";

const standingOf = cache((communityId: string, userId: string) => ownStanding(db(), { communityId, userId }));

export async function ParticipationNotice({
  action,
  when = true,
  communityId,
  communitySlug,
  user,
  backTo,
  otherwise = null,
}: {
  action: "vote" | "comment" | "contribute";
  /** Whether the person is kept from acting here at all. */
  when?: boolean;
  communityId: string;
  communitySlug: string;
  user: { id: string } | null;
  /** The page to come back to after signing in. */
  backTo: string;
  otherwise?: ReactNode;
}) {
  if (!when) return null;
  const { t, locale } = await getTranslator();
  if (!user) {
    return (
      <p className="fr-mb-2w" data-testid={`sign-in-to-${action}`}>
        <Link className="fr-link fr-icon-lock-line fr-link--icon-left" href={signInHref(backTo)}>
          {t(`modui.standing.signInTo.${action}`)}
        </Link>
      </p>
    );
  }
  const standing = await standingOf(communityId, user.id);
  if (!standing) return <>{otherwise}</>;
  return (
    <div className="fr-callout fr-callout--orange-terre-battue fr-mb-2w" data-testid="standing-notice" role="note">
      <p className="fr-callout__title fr-text--md">
        {standing.state === "suspended"
          ? t("modui.standing.suspendedTitle", { date: formatDate(locale, standing.until) })
          : t("modui.standing.bannedTitle")}
      </p>
      <p className="fr-callout__text fr-text--sm">
        {standing.state === "suspended" ? t(`modui.standing.suspendedWhy.${action}`) : t("modui.standing.bannedWhy")}
      </p>
      {standing.reason && <p className="fr-text--sm">{t("modui.standing.reason", { reason: standing.reason })}</p>}
      {standing.sanctionId && (
        <p className="fr-text--sm fr-mb-0">
          <Link href={`/communities/${communitySlug}/sanctions/${standing.sanctionId}`}>{t("modui.standing.seeSanction")}</Link>
        </p>
      )}
    </div>
  );
}
