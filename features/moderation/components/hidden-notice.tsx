"use client";
/**
 * What stands in place of hidden content: members read a placeholder; the author reads that it was
 * hidden by moderation, with the reason (the content itself is shown next to it by the caller).
 */
import { useT } from "@/components/i18n/i18n-provider";

export function HiddenNotice({
  reason,
  viewerIsAuthor,
  viewerIsModerator = false,
}: {
  reason: string | null;
  viewerIsAuthor: boolean;
  /** Moderators read the reason too (and the content, shown by the caller). */
  viewerIsModerator?: boolean;
}) {
  const t = useT();
  if (!viewerIsAuthor && !viewerIsModerator) {
    return (
      <p className="fr-text--sm fr-mb-1w" data-testid="hidden-notice">
        <em>{t("modui.hidden.placeholder")}</em>
      </p>
    );
  }
  return (
    <div className="fr-callout fr-callout--orange-terre-battue fr-mb-2w" data-testid="hidden-notice">
      <p className="fr-callout__title fr-text--md">{t("modui.hidden.byModeration")}</p>
      <p className="fr-callout__text fr-text--sm">{reason ? t("modui.hidden.reason", { reason }) : t("modui.hidden.noReason")}</p>
      <p className="fr-text--xs fr-mb-0">{viewerIsAuthor ? t("modui.hidden.authorNote") : t("modui.hidden.moderatorNote")}</p>
    </div>
  );
}
