"use client";
/**
 * Linking an outside account (issue 16): provider and username, checked by the same schema as the
 * server; another member's verified account is refused at the username field. The challenge to
 * publish then appears in the list, with a button to check it.
 */
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@/components/forms/select";
import { identityProviders, linkIdentitySchema, type LinkIdentityValues } from "@/lib/connectors/schemas";
import { linkIdentityAction, verifyIdentityAction } from "@/features/connectors/actions";
import { useT, useTranslateDynamic } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";
import { useServerFeedback } from "@/components/forms/use-server-feedback";

export function LinkIdentityForm() {
  const t = useT();
  const id = useId();
  const [linked, setLinked] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    getValues,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<LinkIdentityValues>({
    resolver: zodResolver(linkIdentitySchema),
    defaultValues: { provider: "GITHUB", username: "" },
  });
  const feedback = useServerFeedback(setError, { fields: ["provider", "username"] });

  const onSubmit = handleSubmit(async () => {
    setLinked(false);
    const result = await linkIdentityAction(getValues());
    if (!feedback.apply(result)) return;
    reset({ provider: getValues("provider"), username: "" });
    setLinked(true);
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`} data-testid="link-identity-form">
      <h3 id={`${id}-title`} className="fr-h6">
        {t("connectors.identities.linkTitle")}
      </h3>
      {linked && (
        <Alert severity="success" small description={t("connectors.identities.linked")} className="fr-mb-2w" role="status" />
      )}
      {feedback.formError && <Alert severity="error" small description={feedback.formError} className="fr-mb-2w" />}
      <Select
        label={t("connectors.identities.provider")}
        nativeSelectProps={{ ...register("provider") }}
        {...fieldState(feedback.message(errors.provider?.message))}
      >
        {identityProviders.map((value) => (
          <option key={value} value={value}>
            {t(`connectors.providers.${value}`)}
          </option>
        ))}
      </Select>
      <Input
        label={t("connectors.identities.username")}
        hintText={t("connectors.identities.usernameHint")}
        nativeInputProps={{ ...register("username"), autoComplete: "off", spellCheck: false }}
        {...fieldState(feedback.message(errors.username?.message))}
      />
      <Button type="submit" size="small" disabled={isSubmitting}>
        {t("connectors.identities.link")}
      </Button>
    </form>
  );
}

export function VerifyIdentityButton({ identityId, label }: { identityId: string; label: string }) {
  const t = useT();
  const tr = useTranslateDynamic();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setError(undefined);
    const result = await verifyIdentityAction({ identityId });
    setBusy(false);
    if (!result.ok)
      setError(result.fieldErrors ? Object.values(result.fieldErrors)[0] : (result.formError ?? "errors.unexpected"));
  };
  return (
    <>
      {error && <Alert severity="error" small description={tr(error) ?? ""} className="fr-mb-1w" />}
      <Button
        type="button"
        size="small"
        priority="secondary"
        onClick={verify}
        disabled={busy}
        nativeButtonProps={{ "aria-label": t("connectors.identities.verifyLabel", { account: label }) }}
      >
        {t("connectors.identities.verify")}
      </Button>
    </>
  );
}
