"use client";
/**
 * What stands in place of hidden content: members read a placeholder; the author reads that it was
 * hidden by moderation, with the reason (the content itself is shown next to it by the caller), and
 * may contest the hiding in their own words (the moderators other than the one who hid it are told).
 */
import { useDisclosure } from "@/components/forms/use-disclosure";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { contestHidingSchema, type HideableKind } from "@/lib/moderation/schemas";
import { contestHidingAction } from "@/features/moderation/actions";
import { useT } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";
import { useServerFeedback } from "@/components/forms/use-server-feedback";

type Contest = { communitySlug: string; targetKind: HideableKind; targetId: string };

export function HiddenNotice({
  reason,
  viewerIsAuthor,
  viewerIsModerator = false,
  contest,
}: {
  reason: string | null;
  viewerIsAuthor: boolean;
  /** Moderators read the reason too (and the content, shown by the caller). */
  viewerIsModerator?: boolean;
  /** The item, so that its author may contest the hiding. */
  contest?: Contest;
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
      {viewerIsAuthor && contest && <ContestForm {...contest} />}
    </div>
  );
}

type Form = z.input<typeof contestHidingSchema>;

function ContestForm({ communitySlug, targetKind, targetId }: Contest) {
  const t = useT();
  const [sent, setSent] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Form, unknown, z.output<typeof contestHidingSchema>>({
    resolver: zodResolver(contestHidingSchema),
    defaultValues: { targetKind, targetId, text: "" },
  });
  const feedback = useServerFeedback(setError, { fields: ["text"] });
  const { open, setOpen, close, closeOnEscape, panelId, triggerId } = useDisclosure();
  const onSubmit = handleSubmit(async (values) => {
    const result = await contestHidingAction({ ...values, slug: communitySlug });
    if (!feedback.apply(result)) return;
    setSent(true);
    setOpen(false);
  });
  if (sent) {
    return (
      <p role="status" className="fr-text--sm fr-mt-1w fr-mb-0" data-testid="contest-sent">
        {t("modui.hidden.contestSent")}
      </p>
    );
  }
  return (
    <div className="fr-mt-1w">
      <Button
        type="button"
        priority="secondary"
        size="small"
        aria-expanded={open}
        aria-controls={panelId}
        nativeButtonProps={{ id: triggerId }}
        onClick={() => setOpen(!open)}
      >
        {t("modui.hidden.contest")}
      </Button>
      <div id={panelId} hidden={!open}>
        {open && (
          <form
            onSubmit={onSubmit}
            noValidate
            aria-label={t("modui.hidden.contest")}
            className="fr-mt-1w"
            onKeyDown={closeOnEscape}
          >
            {feedback.formError && <Alert severity="error" small description={feedback.formError} className="fr-mb-2w" />}
            <Input
              textArea
              label={t("modui.hidden.contestText")}
              hintText={t("modui.hidden.contestHint")}
              nativeTextAreaProps={{ ...register("text"), rows: 3 }}
              {...fieldState(feedback.message(errors.text?.message))}
            />
            <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
              <li>
                <Button type="submit" size="small" disabled={isSubmitting}>
                  {t("modui.hidden.contestSubmit")}
                </Button>
              </li>
              <li>
                <Button type="button" size="small" priority="secondary" onClick={close}>
                  {t("modui.report.cancel")}
                </Button>
              </li>
            </ul>
          </form>
        )}
      </div>
    </div>
  );
}
