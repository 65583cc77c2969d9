"use client";
/**
 * Proposing or editing a commons. The same zod schema as the server action (proposeCommonsSchema to
 * create, updateCommonsSchema to edit); the server's field errors land at their field. The slug
 * follows the title until the person edits it; the description's preview goes through the server's
 * sanitiser (lib/core/markdown.ts), exactly as the page will show it.
 */
import { useState, type ChangeEvent } from "react";
import { useRouter } from "next/navigation";
import { Controller, useForm, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@/components/forms/select";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import {
  commonsKinds,
  licenceNames,
  licences,
  proposeCommonsSchema,
  updateCommonsSchema,
  type ProposeCommonsInput,
  type ProposeCommonsValues,
} from "@/lib/commons/schemas";
import type { Coverage } from "@/lib/commons/geometry";
import { previewMarkdownAction, proposeCommonsAction, updateCommonsAction } from "@/features/commons/actions";
import { useT } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";
import { useServerFeedback } from "@/components/forms/use-server-feedback";
import { CoverageInput } from "@/features/commons/components/coverage-input";
import { slugify } from "@/features/commons/components/geojson-file";

const FIELDS = [
  "title",
  "slug",
  "summary",
  "description",
  "kind",
  "licence",
  "repositoryUrl",
  "dataUrl",
  "documentationUrl",
  "coverage",
  "stewardUserIds",
  "stewardOrganizationIds",
] as const;

/**
 * One checkbox of a list of ids kept as an array (react-hook-form's own checkbox handling turns a
 * group of one into a boolean).
 */
function toggle(field: { value?: string[]; onChange: (value: string[]) => void; onBlur: () => void; name: string }, id: string) {
  const selected = field.value ?? [];
  return {
    name: field.name,
    value: id,
    checked: selected.includes(id),
    onBlur: field.onBlur,
    onChange: (event: ChangeEvent<HTMLInputElement>) =>
      field.onChange(event.currentTarget.checked ? [...selected, id] : selected.filter((value) => value !== id)),
  };
}

export type StewardChoices = {
  people: { userId: string; displayName: string }[];
  organizations: { id: string; name: string }[];
};

type Props = {
  communitySlug: string;
  styleUrl: string | null;
  choices: StewardChoices;
  /** Editing an existing commons (its slug stays); creating otherwise. */
  edit?: { commonsSlug: string; values: ProposeCommonsInput };
};

export function CommonsForm({ communitySlug, styleUrl, choices, edit }: Props) {
  const t = useT();
  const router = useRouter();
  const [slugTouched, setSlugTouched] = useState(Boolean(edit));
  const [preview, setPreview] = useState<string | null>(null);
  const resolver = zodResolver(edit ? updateCommonsSchema : proposeCommonsSchema) as unknown as Resolver<
    ProposeCommonsInput,
    unknown,
    ProposeCommonsValues
  >;
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    getValues,
    control,
    formState: { errors, isSubmitting },
  } = useForm<ProposeCommonsInput, unknown, ProposeCommonsValues>({
    resolver,
    defaultValues: edit?.values ?? {
      title: "",
      slug: "",
      summary: "",
      description: "",
      kind: "DATASET",
      licence: "etalab-2.0",
      repositoryUrl: "",
      dataUrl: "",
      documentationUrl: "",
      coverage: null,
      stewardUserIds: [],
      stewardOrganizationIds: [],
      status: "DRAFT",
    },
  });
  const feedback = useServerFeedback(setError, { fields: FIELDS });
  const message = (key: string | undefined) => feedback.message(key);

  const submit = (status: "DRAFT" | "PROPOSED") =>
    handleSubmit(async (values) => {
      const result = edit
        ? await updateCommonsAction({
            ...values,
            community: communitySlug,
            commonsSlug: edit.commonsSlug,
            status: undefined,
          })
        : await proposeCommonsAction({ ...values, status, community: communitySlug });
      if (!feedback.apply(result) || !result.ok || !result.data) return;
      router.push(`/communities/${communitySlug}/commons/${result.data.slug}`);
    });

  const titleField = register("title");
  const showPreview = async () => {
    const result = await previewMarkdownAction({ description: getValues("description") ?? "" });
    if (feedback.apply(result) && result.ok) setPreview(result.data ?? "");
  };

  return (
    <form noValidate aria-label={edit ? t("commons.form.editTitle") : t("commons.form.newTitle")} onSubmit={submit("PROPOSED")}>
      {feedback.formError && <Alert severity="error" small description={feedback.formError} className="fr-mb-3w" />}
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">{t("commons.form.general")}</legend>
        <div className="fr-fieldset__element">
          <Input
            label={t("commons.form.title")}
            nativeInputProps={{
              ...titleField,
              autoComplete: "off",
              onChange: (event) => {
                void titleField.onChange(event);
                if (!slugTouched) setValue("slug", slugify(event.currentTarget.value));
              },
            }}
            {...fieldState(message(errors.title?.message))}
          />
        </div>
        {!edit && (
          <div className="fr-fieldset__element">
            <Input
              label={t("commons.form.slug")}
              hintText={t("commons.form.slugHint")}
              nativeInputProps={{
                ...register("slug", { onChange: () => setSlugTouched(true) }),
                autoComplete: "off",
                spellCheck: false,
              }}
              {...fieldState(message(errors.slug?.message))}
            />
          </div>
        )}
        <div className="fr-fieldset__element">
          <Input
            textArea
            label={t("commons.form.summary")}
            hintText={t("commons.form.summaryHint")}
            nativeTextAreaProps={{ ...register("summary"), rows: 2 }}
            {...fieldState(message(errors.summary?.message))}
          />
        </div>
        <div className="fr-fieldset__element">
          <Input
            textArea
            label={t("commons.form.description")}
            hintText={t("commons.form.descriptionHint")}
            nativeTextAreaProps={{ ...register("description", { onChange: () => setPreview(null) }), rows: 10 }}
            {...fieldState(message(errors.description?.message))}
          />
          <Button type="button" priority="secondary" size="small" onClick={() => void showPreview()}>
            {t("commons.form.preview")}
          </Button>
          {preview !== null && (
            <section
              aria-label={t("commons.form.previewTitle")}
              className="fr-mt-2w fr-p-2w gc-markdown"
              style={{ border: "1px solid var(--border-default-grey)" }}
            >
              {preview.trim() ? (
                <div data-testid="commons-preview" dangerouslySetInnerHTML={{ __html: preview }} />
              ) : (
                <p className="fr-mb-0">{t("commons.form.previewEmpty")}</p>
              )}
            </section>
          )}
        </div>
        <div className="fr-fieldset__element">
          <Select
            label={t("commons.form.kind")}
            nativeSelectProps={register("kind")}
            {...fieldState(message(errors.kind?.message))}
          >
            {commonsKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`commons.kind.${kind}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-fieldset__element">
          <Select
            label={t("commons.form.licence")}
            hint={t("commons.form.licenceHint")}
            nativeSelectProps={register("licence")}
            {...fieldState(message(errors.licence?.message))}
          >
            {licences.map((licence) => (
              <option key={licence} value={licence}>
                {licenceNames[licence]} ({licence})
              </option>
            ))}
          </Select>
        </div>
      </fieldset>

      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">{t("commons.form.links")}</legend>
        {(["repositoryUrl", "dataUrl", "documentationUrl"] as const).map((field) => (
          <div className="fr-fieldset__element" key={field}>
            <Input
              label={t(`commons.form.${field}`)}
              hintText={t("commons.form.urlHint")}
              nativeInputProps={{ ...register(field), type: "url", inputMode: "url", autoComplete: "url" }}
              {...fieldState(message(errors[field]?.message))}
            />
          </div>
        ))}
      </fieldset>

      <Controller
        control={control}
        name="coverage"
        render={({ field, fieldState: state }) => (
          <CoverageInput
            value={(field.value as Coverage | null | undefined) ?? null}
            onChange={(value) => field.onChange(value)}
            styleUrl={styleUrl}
            error={message(state.error?.message)}
          />
        )}
      />

      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">
          {t("commons.form.stewards")}
          <span className="fr-hint-text">{t("commons.form.stewardsHint")}</span>
        </legend>
        {choices.people.length > 0 && (
          <div className="fr-fieldset__element">
            <Controller
              control={control}
              name="stewardUserIds"
              render={({ field, fieldState: state }) => (
                <Checkbox
                  legend={t("commons.form.stewardPeople")}
                  small
                  options={choices.people.map((item) => ({
                    label: item.displayName,
                    nativeInputProps: toggle(field, item.userId),
                  }))}
                  {...fieldState(message(state.error?.message ?? errors.stewardUserIds?.root?.message))}
                />
              )}
            />
          </div>
        )}
        {choices.organizations.length > 0 && (
          <div className="fr-fieldset__element">
            <Controller
              control={control}
              name="stewardOrganizationIds"
              render={({ field, fieldState: state }) => (
                <Checkbox
                  legend={t("commons.form.stewardOrganizations")}
                  small
                  options={choices.organizations.map((item) => ({
                    label: item.name,
                    nativeInputProps: toggle(field, item.id),
                  }))}
                  {...fieldState(message(state.error?.message ?? errors.stewardOrganizationIds?.root?.message))}
                />
              )}
            />
          </div>
        )}
      </fieldset>

      <ul className="fr-btns-group fr-btns-group--inline-md">
        {edit ? (
          <li>
            <Button type="submit" disabled={isSubmitting}>
              {t("commons.form.save")}
            </Button>
          </li>
        ) : (
          <>
            <li>
              <Button type="submit" disabled={isSubmitting}>
                {t("commons.form.propose")}
              </Button>
            </li>
            <li>
              <Button type="button" priority="secondary" disabled={isSubmitting} onClick={() => void submit("DRAFT")()}>
                {t("commons.form.saveDraft")}
              </Button>
            </li>
          </>
        )}
      </ul>
    </form>
  );
}
