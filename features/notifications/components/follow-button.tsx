/**
 * Follow / unfollow a proposal or a commons (server component, plain form: works without
 * JavaScript). Shown only to signed-in people; the use case checks they may read the subject.
 */
import { followAction } from "@/features/notifications/actions";
import { db } from "@/lib/db/client";
import { isFollowing } from "@/lib/follows/follows";
import { getTranslator } from "@/lib/web/i18n";
import { currentUser } from "@/lib/web/request";
import { ActionForm } from "@/components/forms/action-form";

type Props = {
  targetKind: "COMMONS" | "PROPOSAL";
  targetId: string;
  back?: string;
  /** Whether the person follows it, when the page already read it with the subject (not read again). */
  following?: boolean;
};

export async function FollowButton({ targetKind, targetId, back, following: known }: Props) {
  const user = await currentUser();
  if (!user) return null;
  const [{ t }, following] = await Promise.all([
    getTranslator(),
    known ?? isFollowing(db(), { userId: user.id, targetKind, targetId }),
  ]);
  const label =
    targetKind === "PROPOSAL"
      ? t(following ? "notifications.follow.unfollowProposal" : "notifications.follow.followProposal")
      : t(following ? "notifications.follow.unfollowCommons" : "notifications.follow.followCommons");
  const path = back ?? (targetKind === "PROPOSAL" ? `/proposals/${targetId}` : "");
  return (
    <ActionForm action={followAction} data-testid="follow-form">
      <input type="hidden" name="targetKind" value={targetKind} />
      <input type="hidden" name="targetId" value={targetId} />
      <input type="hidden" name="follow" value={following ? "0" : "1"} />
      <input type="hidden" name="back" value={path} />
      <button
        type="submit"
        className={`fr-btn fr-btn--sm ${following ? "fr-btn--tertiary fr-icon-notification-3-fill" : "fr-btn--secondary fr-icon-notification-3-line"} fr-btn--icon-left`}
        title={following ? t("notifications.follow.followingHint") : undefined}
        data-testid="follow-button"
      >
        {label}
      </button>
    </ActionForm>
  );
}
