"use client";
/** One account's platform controls: suspend everywhere (or lift), and erase under the GDPR. */
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { eraseAccountSchema, liftSuspensionSchema, suspendAccountSchema } from "@/lib/admin/schemas";
import { eraseAccountAction, liftSuspensionAction, suspendAccountAction } from "@/features/admin/actions";
import { useT } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";
import { useServerFeedback } from "@/components/forms/use-server-feedback";

type Props = { userId: string; name: string; suspended: boolean; erasable: boolean };

function SuspendForm({ userId, idPrefix }: { userId: string; idPrefix: string }) {
  const t = useT();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof suspendAccountSchema>, unknown, z.output<typeof suspendAccountSchema>>({
    resolver: zodResolver(suspendAccountSchema),
    defaultValues: { userId, until: "", reason: "" },
  });
  const feedback = useServerFeedback(setError, { fields: ["until", "reason"] });
  const onSubmit = handleSubmit(async (values) => {
    const result = await suspendAccountAction(values);
    if (!feedback.apply(result)) return;
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${idPrefix}-suspend`}>
      <h4 id={`${idPrefix}-suspend`} className="fr-h6">
        {t("admin.suspend.title")}
      </h4>
      <p className="fr-hint-text">{t("admin.suspend.hint")}</p>
      {feedback.formError && <Alert severity="error" small description={feedback.formError} className="fr-mb-2w" />}
      <Input
        label={t("admin.suspend.until")}
        nativeInputProps={{ ...register("until"), type: "date" }}
        {...fieldState(feedback.message(errors.until?.message))}
      />
      <Input
        label={t("admin.suspend.reason")}
        hintText={t("admin.suspend.reasonHint")}
        textArea
        nativeTextAreaProps={{ ...register("reason"), rows: 2 }}
        {...fieldState(feedback.message(errors.reason?.message))}
      />
      <Button type="submit" priority="secondary" disabled={isSubmitting}>
        {t("admin.suspend.submit")}
      </Button>
    </form>
  );
}

function LiftForm({ userId, idPrefix }: { userId: string; idPrefix: string }) {
  const t = useT();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof liftSuspensionSchema>, unknown, z.output<typeof liftSuspensionSchema>>({
    resolver: zodResolver(liftSuspensionSchema),
    defaultValues: { userId, reason: "" },
  });
  const feedback = useServerFeedback(setError, { fields: ["reason"] });
  const onSubmit = handleSubmit(async (values) => {
    const result = await liftSuspensionAction(values);
    feedback.apply(result);
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${idPrefix}-lift`}>
      <h4 id={`${idPrefix}-lift`} className="fr-h6">
        {t("admin.suspend.lift")}
      </h4>
      {feedback.formError && <Alert severity="error" small description={feedback.formError} className="fr-mb-2w" />}
      <Input
        label={t("admin.suspend.liftReason")}
        nativeInputProps={{ ...register("reason") }}
        {...fieldState(feedback.message(errors.reason?.message))}
      />
      <Button type="submit" priority="secondary" disabled={isSubmitting}>
        {t("admin.suspend.lift")}
      </Button>
    </form>
  );
}

function EraseForm({ userId, idPrefix }: { userId: string; idPrefix: string }) {
  const t = useT();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof eraseAccountSchema>, unknown, z.output<typeof eraseAccountSchema>>({
    resolver: zodResolver(eraseAccountSchema),
    defaultValues: { userId, confirmation: "", reason: "" },
  });
  const feedback = useServerFeedback(setError, { fields: ["confirmation", "reason"] });
  const onSubmit = handleSubmit(async (values) => {
    const result = await eraseAccountAction(values);
    feedback.apply(result);
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${idPrefix}-erase`}>
      <h4 id={`${idPrefix}-erase`} className="fr-h6">
        {t("admin.erase.title")}
      </h4>
      <p className="fr-hint-text">{t("admin.erase.hint")}</p>
      {feedback.formError && <Alert severity="error" small description={feedback.formError} className="fr-mb-2w" />}
      <Input
        label={t("admin.erase.reason")}
        nativeInputProps={{ ...register("reason") }}
        {...fieldState(feedback.message(errors.reason?.message))}
      />
      <Input
        label={t("admin.erase.confirmation")}
        nativeInputProps={{ ...register("confirmation"), autoComplete: "off" }}
        {...fieldState(feedback.message(errors.confirmation?.message))}
      />
      <Button type="submit" priority="tertiary" iconId="fr-icon-delete-line" disabled={isSubmitting}>
        {t("admin.erase.submit")}
      </Button>
    </form>
  );
}

export function AccountControls({ userId, name, suspended, erasable }: Props) {
  const t = useT();
  const idPrefix = `account-${userId}`;
  return (
    <section aria-label={t("admin.accounts.manage", { name })} className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
      <div className="fr-col-12 fr-col-md-6">
        {suspended ? <LiftForm userId={userId} idPrefix={idPrefix} /> : <SuspendForm userId={userId} idPrefix={idPrefix} />}
      </div>
      {erasable && (
        <div className="fr-col-12 fr-col-md-6">
          <EraseForm userId={userId} idPrefix={idPrefix} />
        </div>
      )}
    </section>
  );
}
