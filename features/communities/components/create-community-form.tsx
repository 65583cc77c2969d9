"use client";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { createCommunitySchema, type CreateCommunity, type CreateCommunityInput } from "@/lib/communities/schemas";
import { createCommunityAction } from "@/features/communities/create-actions";
import { useT } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";
import { useServerFeedback } from "@/components/forms/use-server-feedback";

const FIELDS = ["name", "slug", "summary", "description", "visibility", "joinPolicy"] as const;

/** A suggestion for the short address: the name without accents, lower case, words joined by dashes. */
export function slugFromName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
}

export function CreateCommunityForm() {
  const t = useT();
  const router = useRouter();
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    getFieldState,
    formState: { errors, isSubmitting },
  } = useForm<CreateCommunityInput, unknown, CreateCommunity>({
    resolver: zodResolver(createCommunitySchema),
    defaultValues: { name: "", slug: "", summary: "", description: "", visibility: "PUBLIC", joinPolicy: "OPEN" },
  });
  const feedback = useServerFeedback(setError, { fields: FIELDS });

  const onSubmit = handleSubmit(async (values) => {
    const result = await createCommunityAction(values);
    if (!feedback.apply(result) || !result.ok || !result.data) return;
    router.push(`/communities/${result.data.slug}`);
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("pages.newCommunity.title")}>
      {feedback.formError && <Alert severity="error" small description={feedback.formError} className="fr-mb-3w" />}
      <Input
        label={t("pages.newCommunity.name")}
        hintText={t("pages.newCommunity.nameHint")}
        nativeInputProps={{
          ...register("name", {
            // Suggest the short address from the name until the person edits it themselves.
            onChange: (event) => {
              if (!getFieldState("slug").isDirty) setValue("slug", slugFromName(String(event.target.value)));
            },
          }),
          autoComplete: "off",
        }}
        {...fieldState(feedback.message(errors.name?.message))}
      />
      <Input
        label={t("pages.newCommunity.slug")}
        hintText={t("pages.newCommunity.slugHint")}
        nativeInputProps={{ ...register("slug"), autoComplete: "off", spellCheck: false }}
        {...fieldState(feedback.message(errors.slug?.message))}
      />
      <Input
        textArea
        label={t("pages.newCommunity.summary")}
        hintText={t("pages.newCommunity.summaryHint")}
        nativeTextAreaProps={{ ...register("summary"), rows: 3 }}
        {...fieldState(feedback.message(errors.summary?.message))}
      />
      <Input
        textArea
        label={t("pages.newCommunity.description")}
        hintText={t("pages.newCommunity.descriptionHint")}
        nativeTextAreaProps={{ ...register("description"), rows: 10 }}
        {...fieldState(feedback.message(errors.description?.message))}
      />
      <RadioButtons
        legend={t("pages.newCommunity.visibility")}
        name="visibility"
        options={(["PUBLIC", "MEMBERS"] as const).map((visibility) => ({
          label: t(`pages.visibility.${visibility}`),
          hintText: t(`pages.visibilityHint.${visibility}`),
          nativeInputProps: { ...register("visibility"), value: visibility },
        }))}
        {...fieldState(feedback.message(errors.visibility?.message))}
      />
      <RadioButtons
        legend={t("pages.newCommunity.joinPolicy")}
        name="joinPolicy"
        options={(["OPEN", "ON_REQUEST", "INVITATION"] as const).map((policy) => ({
          label: t(`pages.joinPolicy.${policy}`),
          hintText: t(`pages.joinPolicyHint.${policy}`),
          nativeInputProps: { ...register("joinPolicy"), value: policy },
        }))}
        {...fieldState(feedback.message(errors.joinPolicy?.message))}
      />
      <p className="fr-text--sm">{t("pages.newCommunity.collegesNote")}</p>
      <Button type="submit" disabled={isSubmitting}>
        {t("pages.newCommunity.submit")}
      </Button>
    </form>
  );
}
