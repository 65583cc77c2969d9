"use client";
/** Asks for a confirmation link at an address on one of the declared organisation's domains. */
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { requestDomainVerificationSchema } from "@/lib/organizations/schemas";
import { requestDomainVerificationAction } from "@/features/organizations/actions";
import { useT } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";
import { useServerFeedback } from "@/components/forms/use-server-feedback";

type RequestInput = z.input<typeof requestDomainVerificationSchema>;
type Request = z.output<typeof requestDomainVerificationSchema>;

export function DomainVerificationForm({ domains, defaultEmail }: { domains: string[]; defaultEmail: string }) {
  const t = useT();
  const [sent, setSent] = useState<string>();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RequestInput, unknown, Request>({
    resolver: zodResolver(requestDomainVerificationSchema),
    defaultValues: { email: defaultEmail },
  });
  const feedback = useServerFeedback(setError, { fields: ["email"] });

  const onSubmit = handleSubmit(async (values) => {
    setSent(undefined);
    const result = await requestDomainVerificationAction(values);
    if (!feedback.apply(result) || !result.ok) return;
    setSent(result.data?.email ?? values.email);
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("organizations.verify.title")}>
      {sent && (
        <Alert severity="success" small description={t("organizations.verify.sent", { email: sent })} className="fr-mb-2w" />
      )}
      {feedback.formError && <Alert severity="error" small description={feedback.formError} className="fr-mb-2w" />}
      <Input
        label={t("organizations.verify.emailLabel")}
        hintText={t("organizations.verify.emailHint", { domains: domains.join(", ") })}
        nativeInputProps={{ ...register("email"), type: "email", autoComplete: "email", spellCheck: false }}
        {...fieldState(feedback.message(errors.email?.message))}
      />
      <Button type="submit" priority="secondary" disabled={isSubmitting}>
        {t("organizations.verify.submit")}
      </Button>
    </form>
  );
}
