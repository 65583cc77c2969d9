"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { emailSignInSchema, type EmailSignInInput } from "@/lib/auth/schemas";
import { useRouter } from "next/navigation";
import { useT, useTranslateDynamic } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";

type ApiError = {
  error: {
    message: string;
    values?: Record<string, string | number>;
    fields?: Record<string, { code: string; message: string }>;
  };
};

export function EmailSignInForm() {
  const t = useT();
  const tr = useTranslateDynamic();
  const [formError, setFormError] = useState<string>();
  // Values for server messages such as "try again in {minutes} minutes".
  const [serverValues, setServerValues] = useState<Record<string, string | number>>();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<EmailSignInInput>({ resolver: zodResolver(emailSignInSchema), defaultValues: { email: "" } });

  const router = useRouter();
  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      const response = await fetch("/api/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(values),
      });
      if (response.ok) {
        router.push(`/auth/check-email?email=${encodeURIComponent(values.email.trim().toLowerCase())}`);
        return;
      }
      const { error } = (await response.json()) as ApiError;
      setServerValues(error.values);
      const fields = Object.entries(error.fields ?? {});
      for (const [field, detail] of fields) setError(field as keyof EmailSignInInput, { message: detail.code });
      if (fields.length === 0) setFormError(error.message);
    } catch {
      setFormError(tr("errors.unavailable"));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("signIn.title")}>
      {formError && <Alert severity="error" small description={formError} className="fr-mb-2w" />}
      <Input
        label={t("signIn.emailLabel")}
        hintText={t("signIn.emailHint")}
        nativeInputProps={{ ...register("email"), type: "email", autoComplete: "email", spellCheck: false }}
        {...fieldState(tr(errors.email?.message, serverValues))}
      />
      <Button type="submit" disabled={isSubmitting}>
        {t("signIn.submit")}
      </Button>
    </form>
  );
}
