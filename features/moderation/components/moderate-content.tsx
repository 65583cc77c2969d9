"use client";
/**
 * For moderators, next to a proposal, comment, commons or contribution: hide it (with a reason its
 * author reads) or restore it. Calls lib/moderation/hide.ts through the moderation server action.
 * Once hidden, the moderator is told so and offered to sanction the author in place (the ladder's
 * suggestion pre-filled, the hiding's reason as the sanction's), unless they may not be sanctioned
 * for it. Escape closes the form and the focus goes back to the button that opened it.
 */
import { useDisclosure } from "@/components/forms/use-disclosure";
import { useEffect, useId, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import Link from "next/link";
import { hideSchema, type HideableKind } from "@/lib/moderation/schemas";
import type { SanctionOffer } from "@/lib/moderation/sanctions";
import { SanctionForm } from "@/features/moderation/components/sanction-form";
import { moderateAction } from "@/features/moderation/actions";
import { useT } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";
import { useServerFeedback } from "@/components/forms/use-server-feedback";

type Form = z.input<typeof hideSchema>;

export function ModerateContent({
  communitySlug,
  targetKind,
  targetId,
  hidden,
  onHidden,
}: {
  communitySlug: string;
  targetKind: HideableKind;
  targetId: string;
  hidden: boolean;
  /** Where the item leaves the page once hidden (the queue), the parent shows the outcome and the offer. */
  onHidden?: (done: HiddenDone) => void;
}) {
  const t = useT();
  const [hiddenWith, setHiddenWith] = useState<{ reason: string; offer: SanctionOffer | null }>();
  const { open, setOpen, closeOnEscape, panelId, triggerId } = useDisclosure();
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Form, unknown, z.output<typeof hideSchema>>({
    resolver: zodResolver(hideSchema),
    defaultValues: { targetKind, targetId, reason: "" },
  });
  const feedback = useServerFeedback(setError, { fields: ["reason"] });
  const formError = feedback.formError;
  const onSubmit = handleSubmit(async (values) => {
    const result = await moderateAction({ op: hidden ? "restore" : "hide", ...values, slug: communitySlug });
    if (!feedback.apply(result)) return;
    reset({ targetKind, targetId, reason: "" });
    setOpen(false);
    if (!hidden) {
      const offer = result.ok ? (result.data?.offer ?? null) : null;
      if (onHidden) onHidden({ targetKind, targetId, reason: values.reason, offer });
      else setHiddenWith({ reason: values.reason, offer });
    }
  });
  const label = hidden ? t("modui.queue.restore") : t("modui.queue.hide");
  return (
    <div className="fr-mb-1w">
      <Button
        type="button"
        priority="tertiary no outline"
        size="small"
        iconId={hidden ? "fr-icon-eye-line" : "fr-icon-eye-off-line"}
        aria-expanded={open}
        aria-controls={panelId}
        nativeButtonProps={{ id: triggerId }}
        onClick={() => setOpen(!open)}
      >
        {label}
      </Button>
      <div id={panelId} hidden={!open}>
        {open && (
          <form onSubmit={onSubmit} noValidate aria-label={label} className="fr-mt-1w" onKeyDown={closeOnEscape}>
            {formError && <Alert severity="error" small description={formError} className="fr-mb-2w" />}
            <Input
              label={t("modui.queue.actionReason")}
              nativeInputProps={{ ...register("reason") }}
              {...fieldState(feedback.message(errors.reason?.message))}
            />
            <Button type="submit" size="small" disabled={isSubmitting}>
              {label}
            </Button>
          </form>
        )}
      </div>
      {hiddenWith && !onHidden && (
        <HiddenOffer
          communitySlug={communitySlug}
          targetKind={targetKind}
          targetId={targetId}
          reason={hiddenWith.reason}
          offer={hiddenWith.offer}
        />
      )}
    </div>
  );
}

export type HiddenDone = { targetKind: HideableKind; targetId: string; reason: string; offer: SanctionOffer | null };

/** "Hidden", then the offer to sanction the author for it in place, then "sanctioned" with a link. */
export function HiddenOffer({
  communitySlug,
  targetKind,
  targetId,
  reason,
  offer,
}: {
  communitySlug: string;
  targetKind: HideableKind;
  targetId: string;
  reason: string;
  offer: SanctionOffer | null;
}) {
  const t = useT();
  const headingId = useId();
  const [sanctioned, setSanctioned] = useState<string>();
  const [declined, setDeclined] = useState(false);
  // The hidden item may have left the page (the queue): the focus comes here rather than to nothing.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div className="fr-mt-1w" data-testid="hidden-done" ref={box} tabIndex={-1}>
      <div role="status">
        <Alert severity="success" small description={sanctioned ? t("modui.inPlace.sanctioned") : t("modui.inPlace.hidden")} />
      </div>
      {sanctioned && (
        <p className="fr-text--sm fr-mt-1w">
          <Link href={`/communities/${communitySlug}/sanctions/${sanctioned}`}>{t("modui.inPlace.seeSanction")}</Link>
        </p>
      )}
      {offer && !sanctioned && !declined && (
        <section className="fr-p-2w fr-mt-1w fr-background-alt--grey" aria-labelledby={headingId}>
          <h3 id={headingId} className="fr-h6">
            {t("modui.inPlace.offer", { name: offer.name })}
          </h3>
          <p className="fr-text--sm" data-testid="ladder-suggestion">
            {offer.noLadder
              ? t("modui.sanctionForm.noLadder")
              : offer.suggestedKind === "SUSPENSION" && offer.suggestedDays
                ? t("modui.sanctionForm.suggestionDays", { days: offer.suggestedDays })
                : t("modui.sanctionForm.suggestion", { kind: t(`modui.sanctionKinds.${offer.suggestedKind}`) })}{" "}
            {t("modui.sanctionForm.counting", { count: offer.activeCount })}
          </p>
          <SanctionForm
            slug={communitySlug}
            userId={offer.userId}
            reportIds={[]}
            item={{ kind: targetKind, id: targetId }}
            suggestedKind={offer.suggestedKind}
            suggestedUntil={offer.suggestedUntil}
            defaultUntil={offer.defaultUntil}
            defaultReason={reason}
            onDone={setSanctioned}
          />
          <Button type="button" priority="tertiary" size="small" className="fr-mt-1w" onClick={() => setDeclined(true)}>
            {t("modui.inPlace.decline")}
          </Button>
        </section>
      )}
    </div>
  );
}
