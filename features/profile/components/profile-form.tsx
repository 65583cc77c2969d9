"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@/components/forms/select";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { actorKinds, profileSchema, type Profile, type ProfileInput } from "@/lib/users/schemas";
import { saveProfileAction } from "@/features/profile/actions";
import { useT, useTranslateDynamic } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";

type Props = { defaults: ProfileInput; mode: "onboarding" | "profile" };

export function ProfileForm({ defaults, mode }: Props) {
  const t = useT();
  const tr = useTranslateDynamic();
  const router = useRouter();
  const [status, setStatus] = useState<{ kind: "saved" } | { kind: "error"; message: string }>();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ProfileInput, unknown, Profile>({ resolver: zodResolver(profileSchema), defaultValues: defaults });

  const onSubmit = handleSubmit(async () => {
    setStatus(undefined);
    // Send what the person typed, not the client's parse: the server parses it again with the same schema.
    const raw = (document.getElementById("profile-form") as HTMLFormElement | null) ?? undefined;
    const result = await saveProfileAction(raw ? new FormData(raw) : defaults);
    if (!result.ok) {
      for (const [field, key] of Object.entries(result.fieldErrors ?? {})) {
        setError(field as keyof ProfileInput, { message: key });
      }
      if (result.formError) setStatus({ kind: "error", message: tr(result.formError, result.values) ?? "" });
      return;
    }
    if (mode === "onboarding") {
      router.push("/");
    } else {
      setStatus({ kind: "saved" });
    }
  });

  return (
    <form id="profile-form" onSubmit={onSubmit} noValidate>
      {status?.kind === "saved" && <Alert severity="success" small description={t("profile.saved")} className="fr-mb-3w" />}
      {status?.kind === "error" && <Alert severity="error" small description={status.message} className="fr-mb-3w" />}
      <Input
        label={t("fields.displayName")}
        hintText={t("fields.displayNameHint")}
        nativeInputProps={{ ...register("displayName"), autoComplete: "name" }}
        {...fieldState(tr(errors.displayName?.message))}
      />
      <RadioButtons
        legend={t("fields.actorKind")}
        name="actorKind"
        options={actorKinds.map((kind) => ({
          label: t(`actorKind.${kind}`),
          hintText: t(`actorKindHint.${kind}`),
          nativeInputProps: { ...register("actorKind"), value: kind },
        }))}
        {...fieldState(tr(errors.actorKind?.message))}
      />
      <Input
        label={t("fields.organizationName")}
        hintText={t("fields.organizationNameHint")}
        nativeInputProps={{ ...register("organizationName"), autoComplete: "organization" }}
        {...fieldState(tr(errors.organizationName?.message))}
      />
      <Input
        label={t("fields.siret")}
        hintText={t("fields.siretHint")}
        nativeInputProps={{ ...register("siret"), inputMode: "numeric" }}
        {...fieldState(tr(errors.siret?.message))}
      />
      <Select
        label={t("fields.locale")}
        nativeSelectProps={{ ...register("locale") }}
        {...fieldState(tr(errors.locale?.message))}
      >
        <option value="fr" lang="fr">
          {t("locales.fr")}
        </option>
        <option value="en" lang="en">
          {t("locales.en")}
        </option>
      </Select>
      <Checkbox
        options={[
          {
            label: t("ledger.profile.hideName"),
            hintText: t("ledger.profile.hideNameHint"),
            nativeInputProps: { ...register("hideContributorName") },
          },
        ]}
        {...fieldState(tr(errors.hideContributorName?.message))}
      />
      <Button type="submit" disabled={isSubmitting}>
        {mode === "onboarding" ? t("onboarding.submit") : t("profile.save")}
      </Button>
    </form>
  );
}
