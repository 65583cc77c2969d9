"use client";
/**
 * For moderators, next to a proposal, comment, commons or contribution: hide it (with a reason its
 * author reads) or restore it. Calls lib/moderation/hide.ts through the moderation server action.
 */
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { hideSchema, type HideableKind } from "@/lib/moderation/schemas";
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
}: {
  communitySlug: string;
  targetKind: HideableKind;
  targetId: string;
  hidden: boolean;
}) {
  const t = useT();
  const panelId = useId();
  const [open, setOpen] = useState(false);
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
        onClick={() => setOpen(!open)}
      >
        {label}
      </Button>
      <div id={panelId} hidden={!open}>
        {open && (
          <form onSubmit={onSubmit} noValidate aria-label={label} className="fr-mt-1w">
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
    </div>
  );
}
