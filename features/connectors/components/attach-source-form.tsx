"use client";
/**
 * Attaching a contribution source to a commons (stewards, administrators). The same zod schema as the
 * server; the webhook secret comes back once, shown in a read-only field with the URL to give the
 * forge, and is never shown again (rotate it to get a new one).
 */
import { useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@/components/forms/select";
import { contributionTypes } from "@/lib/commons/schemas";
import { createSourceSchema, sourceKinds, type CreateSource, type CreateSourceValues } from "@/lib/connectors/schemas";
import { createSourceAction } from "@/features/connectors/actions";
import { useT } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";
import { useServerFeedback } from "@/components/forms/use-server-feedback";
import { SecretOnce } from "./secret-once";

const FIELDS = [
  "kind",
  "label",
  "autoValidate",
  "contributionType",
  "osmUser",
  "osmBbox",
  "stacUrl",
  "stacCollection",
  "stacAuthor",
] as const;

const empty = (): CreateSourceValues => ({
  kind: "GITHUB",
  label: "",
  autoValidate: false,
  contributionType: "CODE",
  osmUser: "",
  osmBbox: "",
  stacUrl: "",
  stacCollection: "",
  stacAuthor: "",
});

export function AttachSourceForm({
  communitySlug,
  commonsSlug,
  hookBase,
}: {
  communitySlug: string;
  commonsSlug: string;
  hookBase: string;
}) {
  const t = useT();
  const id = useId();
  const [created, setCreated] = useState<{ id: string; secret: string | null }>();
  const {
    register,
    handleSubmit,
    setError,
    getValues,
    reset,
    control,
    formState: { errors, isSubmitting },
  } = useForm<CreateSourceValues, unknown, CreateSource>({ resolver: zodResolver(createSourceSchema), defaultValues: empty() });
  const feedback = useServerFeedback(setError, { fields: FIELDS });
  const message = (key: string | undefined) => feedback.message(key);
  const kind = useWatch({ control, name: "kind" });

  const onSubmit = handleSubmit(async () => {
    setCreated(undefined);
    const result = await createSourceAction({ ...getValues(), slug: communitySlug, commonsSlug });
    if (!feedback.apply(result) || !result.ok || !result.data) return;
    setCreated(result.data);
    reset(empty());
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`} data-testid="attach-source-form">
      <h2 id={`${id}-title`} className="fr-h4">
        {t("connectors.sources.attachTitle")}
      </h2>
      {created &&
        (created.secret ? (
          <SecretOnce secret={created.secret} url={`${hookBase}/${created.id}`} />
        ) : (
          <Alert
            severity="success"
            small
            description={t("connectors.sources.attachedImport")}
            className="fr-mb-3w"
            role="status"
          />
        ))}
      {feedback.formError && <Alert severity="error" small description={feedback.formError} className="fr-mb-3w" />}
      <Select
        label={t("connectors.sources.kind")}
        nativeSelectProps={{ ...register("kind") }}
        {...fieldState(message(errors.kind?.message))}
      >
        {sourceKinds.map((value) => (
          <option key={value} value={value}>
            {t(`connectors.kinds.${value}`)}
          </option>
        ))}
      </Select>
      <Input
        label={t("connectors.sources.label")}
        hintText={t("connectors.sources.labelHint")}
        nativeInputProps={{ ...register("label"), autoComplete: "off", required: true }}
        {...fieldState(message(errors.label?.message))}
      />
      <Select
        label={t("connectors.sources.contributionType")}
        hint={t("connectors.sources.contributionTypeHint")}
        nativeSelectProps={{ ...register("contributionType") }}
        {...fieldState(message(errors.contributionType?.message))}
      >
        {contributionTypes.map((value) => (
          <option key={value} value={value}>
            {t(`ledger.types.${value}`)}
          </option>
        ))}
      </Select>
      {kind === "OSM" && (
        <>
          <Input
            label={t("connectors.sources.osmUser")}
            nativeInputProps={{ ...register("osmUser"), autoComplete: "off" }}
            {...fieldState(message(errors.osmUser?.message))}
          />
          <Input
            label={t("connectors.sources.osmBbox")}
            hintText={t("connectors.sources.osmBboxHint")}
            nativeInputProps={{ ...register("osmBbox"), autoComplete: "off", inputMode: "decimal" }}
            {...fieldState(message(errors.osmBbox?.message))}
          />
        </>
      )}
      {kind === "STAC" && (
        <>
          <Input
            label={t("connectors.sources.stacUrl")}
            hintText={t("connectors.sources.stacUrlHint")}
            nativeInputProps={{ ...register("stacUrl"), type: "url", autoComplete: "off" }}
            {...fieldState(message(errors.stacUrl?.message))}
          />
          <Input
            label={t("connectors.sources.stacCollection")}
            nativeInputProps={{ ...register("stacCollection"), autoComplete: "off" }}
            {...fieldState(message(errors.stacCollection?.message))}
          />
          <Input
            label={t("connectors.sources.stacAuthor")}
            nativeInputProps={{ ...register("stacAuthor"), autoComplete: "off" }}
            {...fieldState(message(errors.stacAuthor?.message))}
          />
        </>
      )}
      <Checkbox
        options={[
          {
            label: t("connectors.sources.autoValidate"),
            hintText: t("connectors.sources.autoValidateHint"),
            nativeInputProps: { ...register("autoValidate") },
          },
        ]}
        {...fieldState(message(errors.autoValidate?.message))}
      />
      <Button type="submit" disabled={isSubmitting}>
        {t("connectors.sources.attach")}
      </Button>
    </form>
  );
}
