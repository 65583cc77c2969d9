"use client";
/** Adds an email domain to an organisation (its administrators, platform administrators). */
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { addDomainSchema } from "@/lib/organizations/schemas";
import { addDomainAction } from "@/features/organizations/actions";
import { useT } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";
import { useServerFeedback } from "@/components/forms/use-server-feedback";

type AddDomainInput = z.input<typeof addDomainSchema>;
type AddDomain = z.output<typeof addDomainSchema>;

export function AddDomainForm({ organizationId }: { organizationId: string }) {
  const t = useT();
  const [added, setAdded] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<AddDomainInput, unknown, AddDomain>({
    resolver: zodResolver(addDomainSchema),
    defaultValues: { organizationId, domain: "" },
  });
  const feedback = useServerFeedback(setError, { fields: ["domain"] });

  const onSubmit = handleSubmit(async (values) => {
    setAdded(false);
    const result = await addDomainAction(values);
    if (!feedback.apply(result)) return;
    setAdded(true);
    reset({ organizationId, domain: "" });
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("organizations.addDomain.legend")}>
      {added && <Alert severity="success" small description={t("organizations.addDomain.added")} className="fr-mb-2w" />}
      {feedback.formError && <Alert severity="error" small description={feedback.formError} className="fr-mb-2w" />}
      <Input
        label={t("organizations.addDomain.label")}
        hintText={t("organizations.addDomain.hint")}
        nativeInputProps={{ ...register("domain"), autoComplete: "off", spellCheck: false }}
        {...fieldState(feedback.message(errors.domain?.message))}
      />
      <Button type="submit" priority="secondary" disabled={isSubmitting}>
        {t("organizations.addDomain.submit")}
      </Button>
    </form>
  );
}
