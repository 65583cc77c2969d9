"use client";
/**
 * Creates a personal access token from the profile page. The new secret is shown once, in a
 * read-only field with a copy button and a warning; reloading the page loses it for good.
 */
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { createTokenAction } from "@/features/profile/token-actions";
import { fieldState } from "@/components/forms/field-error";
import { useT, useTranslateDynamic } from "@/components/i18n/i18n-provider";
import { createTokenSchema, tokenScopes, type CreateToken, type CreateTokenInput } from "@/lib/tokens/schemas";

type Created = { name: string; secret: string };

export function ApiTokenForm() {
  const t = useT();
  const tr = useTranslateDynamic();
  const [created, setCreated] = useState<Created>();
  const [copied, setCopied] = useState(false);
  const [formError, setFormError] = useState<string>();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<CreateTokenInput, unknown, CreateToken>({
    resolver: zodResolver(createTokenSchema),
    defaultValues: { name: "", scopes: ["read"] },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    setCreated(undefined);
    setCopied(false);
    const result = await createTokenAction(values);
    if (!result.ok) {
      for (const [field, key] of Object.entries(result.fieldErrors ?? {})) {
        // `scopes.0` belongs to the scopes fieldset.
        const name = field.split(".")[0];
        if (name === "name" || name === "scopes") setError(name, { message: key });
        else setFormError(key);
      }
      if (result.formError) setFormError(result.formError);
      return;
    }
    if (result.data) setCreated(result.data);
    reset();
  });

  const copy = async (secret: string) => {
    await navigator.clipboard.writeText(secret);
    setCopied(true);
  };

  return (
    <>
      {created && (
        <div className="fr-mb-4w" data-testid="api-token-created">
          <Alert
            severity="warning"
            title={t("api.tokens.createdTitle", { name: created.name })}
            description={t("api.tokens.createdWarning")}
            className="fr-mb-2w"
          />
          <Input
            label={t("api.tokens.secretLabel")}
            nativeInputProps={{
              value: created.secret,
              readOnly: true,
              spellCheck: false,
              autoComplete: "off",
              onFocus: (event) => event.currentTarget.select(),
            }}
            action={
              <Button type="button" priority="secondary" iconId="fr-icon-clipboard-line" onClick={() => copy(created.secret)}>
                {t("api.tokens.copy")}
              </Button>
            }
          />
          <p role="status" className="fr-text--sm fr-mt-1w">
            {copied ? t("api.tokens.copied") : ""}
          </p>
        </div>
      )}
      <form id="api-token-form" onSubmit={onSubmit} noValidate>
        {formError && <Alert severity="error" small description={tr(formError) ?? ""} className="fr-mb-3w" />}
        <Input
          label={t("api.tokens.name")}
          hintText={t("api.tokens.nameHint")}
          nativeInputProps={{ ...register("name"), autoComplete: "off" }}
          {...fieldState(tr(errors.name?.message))}
        />
        <Checkbox
          legend={t("api.tokens.scopes")}
          hintText={t("api.tokens.scopesHint")}
          options={tokenScopes.map((scope) => ({
            label: t(`api.tokens.scope.${scope}`),
            hintText: t(`api.tokens.scopeHint.${scope}`),
            nativeInputProps: { ...register("scopes"), value: scope },
          }))}
          {...fieldState(tr(errors.scopes?.message ?? errors.scopes?.[0]?.message))}
        />
        <Button type="submit" disabled={isSubmitting}>
          {t("api.tokens.create")}
        </Button>
      </form>
    </>
  );
}
