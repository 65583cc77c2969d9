"use client";
/**
 * "Report": a button that opens a small form (reason category and an optional comment) under the
 * content, validated with the schema the server uses. The reporter is never shown to the reported
 * person; a second report of the same item gets a clear message (409 from the server).
 */
import { useDisclosure } from "@/components/forms/use-disclosure";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@/components/forms/select";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { reportReasons, reportSchema, type reportTargetKinds } from "@/lib/moderation/schemas";
import { reportAction } from "@/features/moderation/actions";
import { useT, useTranslateDynamic } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";

type Form = z.input<typeof reportSchema>;

export function ReportButton({
  communitySlug,
  targetKind,
  targetId,
  targetAuthorId,
}: {
  communitySlug: string;
  targetKind: (typeof reportTargetKinds)[number];
  targetId: string;
  targetAuthorId?: string;
}) {
  const t = useT();
  const tr = useTranslateDynamic();
  const [sent, setSent] = useState(false);
  const [formError, setFormError] = useState<string>();
  const { open, setOpen, close, closeOnEscape, panelId, triggerId } = useDisclosure();
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Form, unknown, z.output<typeof reportSchema>>({
    resolver: zodResolver(reportSchema),
    // No reason is preselected: the reporter chooses one (the schema refuses none, at the field).
    defaultValues: { targetKind, targetId, targetAuthorId, reason: "" as Form["reason"], comment: "" },
  });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    const result = await reportAction({ ...values, slug: communitySlug });
    if (!result.ok) {
      const fields = result.fieldErrors ?? {};
      for (const [field, message] of Object.entries(fields)) {
        if (field === "reason" || field === "comment") setError(field, { message });
      }
      const other = result.formError ?? Object.entries(fields).find(([f]) => f !== "reason" && f !== "comment")?.[1];
      if (other) setFormError(tr(other, result.values));
      return;
    }
    reset();
    setSent(true);
    setOpen(false);
  });

  if (sent) {
    return (
      <p role="status" className="fr-text--sm fr-mb-1w">
        {t("modui.report.sent")}
      </p>
    );
  }
  return (
    <div className="fr-mb-1w">
      <Button
        type="button"
        priority="tertiary no outline"
        size="small"
        iconId="fr-icon-flag-line"
        aria-expanded={open}
        aria-controls={panelId}
        title={t("modui.report.openLabel")}
        nativeButtonProps={{ id: triggerId }}
        onClick={() => setOpen(!open)}
      >
        {t("modui.report.open")}
      </Button>
      <div id={panelId} hidden={!open}>
        {open && (
          <form
            onSubmit={onSubmit}
            noValidate
            aria-label={t("modui.report.formLabel")}
            className="fr-mt-1w fr-p-2w gc-report-form"
            onKeyDown={closeOnEscape}
          >
            {formError && <Alert severity="error" small description={formError} className="fr-mb-2w" />}
            <Select
              label={t("modui.report.reason")}
              nativeSelectProps={{ ...register("reason") }}
              {...fieldState(tr(errors.reason?.message))}
            >
              <option value="" disabled>
                {t("modui.report.chooseReason")}
              </option>
              {reportReasons.map((reason) => (
                <option key={reason} value={reason}>
                  {t(`modui.reasons.${reason}`)}
                </option>
              ))}
            </Select>
            <Input
              textArea
              label={t("modui.report.comment")}
              hintText={t("modui.report.commentHint")}
              nativeTextAreaProps={{ ...register("comment"), rows: 3 }}
              {...fieldState(tr(errors.comment?.message))}
            />
            <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
              <li>
                <Button type="submit" size="small" disabled={isSubmitting}>
                  {t("modui.report.submit")}
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
