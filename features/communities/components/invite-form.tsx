"use client";
/** Invite someone by email with a role; the address may not have an account yet. */
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@/components/forms/select";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { inviteSchema } from "@/lib/communities/schemas";
import { inviteAction } from "@/features/communities/admin-actions";
import { useT } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";
import { useServerFeedback } from "@/components/forms/use-server-feedback";

type InviteInput = z.input<typeof inviteSchema>;
type Invite = z.output<typeof inviteSchema>;

export function InviteForm({ slug }: { slug: string }) {
  const t = useT();
  const [sent, setSent] = useState<string>();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<InviteInput, unknown, Invite>({
    resolver: zodResolver(inviteSchema),
    defaultValues: { email: "", role: "MEMBER" },
  });
  const feedback = useServerFeedback(setError, { fields: ["email", "role"] });

  const onSubmit = handleSubmit(async (values) => {
    setSent(undefined);
    const result = await inviteAction({ ...values, slug });
    if (!feedback.apply(result) || !result.ok) return;
    setSent(result.data?.email ?? values.email);
    reset({ email: "", role: values.role });
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("pages.admin.invite.title")}>
      {sent && (
        <Alert severity="success" small description={t("pages.admin.invite.sent", { email: sent })} className="fr-mb-2w" />
      )}
      {feedback.formError && <Alert severity="error" small description={feedback.formError} className="fr-mb-2w" />}
      <Input
        label={t("pages.admin.invite.email")}
        hintText={t("pages.admin.invite.emailHint")}
        nativeInputProps={{ ...register("email"), type: "email", autoComplete: "off", spellCheck: false }}
        {...fieldState(feedback.message(errors.email?.message))}
      />
      <Select
        label={t("pages.admin.invite.role")}
        nativeSelectProps={{ ...register("role") }}
        {...fieldState(feedback.message(errors.role?.message))}
      >
        {(["MEMBER", "MODERATOR", "ADMIN"] as const).map((role) => (
          <option key={role} value={role}>
            {t(`community.role.${role}`)}
          </option>
        ))}
      </Select>
      <Button type="submit" iconId="fr-icon-send-plane-line" disabled={isSubmitting}>
        {t("pages.admin.invite.submit")}
      </Button>
    </form>
  );
}
