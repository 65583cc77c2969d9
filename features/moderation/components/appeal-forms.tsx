"use client";
/**
 * The appeal against a sanction (its member, once, with a text) and its decision (a moderator or
 * administrator other than the sanctioner, with a reason). Same schemas as the server.
 */
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { appealOutcomes, appealSchema, decideAppealSchema } from "@/lib/moderation/schemas";
import { appealAction, decideAppealAction } from "@/features/moderation/actions";
import { useT, useTranslateDynamic } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";

function ErrorAlert({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div role="alert" className="fr-mb-2w">
      <Alert severity="error" small description={message} />
    </div>
  );
}

export function AppealForm({ slug, sanctionId }: { slug: string; sanctionId: string }) {
  const t = useT();
  const tr = useTranslateDynamic();
  const [formError, setFormError] = useState<string>();
  const [textError, setTextError] = useState<string>();
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof appealSchema>, unknown, z.output<typeof appealSchema>>({
    resolver: zodResolver(appealSchema),
    defaultValues: { sanctionId, text: "" },
  });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    setTextError(undefined);
    const result = await appealAction({ ...values, slug });
    if (!result.ok) {
      const text = result.fieldErrors?.text;
      if (text) setTextError(tr(text, result.values));
      else setFormError(tr(result.formError ?? Object.values(result.fieldErrors ?? {})[0] ?? "errors.invalid", result.values));
      return;
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("modui.sanction.appealTitle")}>
      <ErrorAlert message={formError} />
      <Input
        textArea
        label={t("modui.sanction.appealText")}
        hintText={t("modui.sanction.appealHint")}
        nativeTextAreaProps={{ ...register("text"), rows: 5 }}
        {...fieldState(textError ?? tr(errors.text?.message))}
      />
      <Button type="submit" disabled={isSubmitting}>
        {t("modui.sanction.appealSubmit")}
      </Button>
    </form>
  );
}

export function DecideAppealForm({ slug, appealId }: { slug: string; appealId: string }) {
  const t = useT();
  const tr = useTranslateDynamic();
  const [formError, setFormError] = useState<string>();
  const [decisionError, setDecisionError] = useState<string>();
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof decideAppealSchema>, unknown, z.output<typeof decideAppealSchema>>({
    resolver: zodResolver(decideAppealSchema),
    defaultValues: { appealId, outcome: "UPHELD", decision: "" },
  });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    setDecisionError(undefined);
    const result = await decideAppealAction({ ...values, slug });
    if (!result.ok) {
      const decision = result.fieldErrors?.decision;
      if (decision) setDecisionError(tr(decision, result.values));
      else setFormError(tr(result.formError ?? Object.values(result.fieldErrors ?? {})[0] ?? "errors.invalid", result.values));
      return;
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("modui.sanction.decideTitle")}>
      <ErrorAlert message={formError} />
      <RadioButtons
        legend={t("modui.sanction.decideOutcome")}
        options={appealOutcomes.map((outcome) => ({
          label: t(`modui.sanction.outcome.${outcome}`),
          nativeInputProps: { ...register("outcome"), value: outcome },
        }))}
      />
      <Input
        textArea
        label={t("modui.sanction.decideReason")}
        nativeTextAreaProps={{ ...register("decision"), rows: 3 }}
        {...fieldState(decisionError ?? tr(errors.decision?.message))}
      />
      <Button type="submit" disabled={isSubmitting}>
        {t("modui.sanction.decideSubmit")}
      </Button>
    </form>
  );
}
