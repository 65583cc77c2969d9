"use client";
/**
 * Recording a contribution to a commons. The same zod schema as the server (a date in the future,
 * a negative or absurd quantity, a quantity without its unit are refused at the field, here and
 * again on the server); the server's own refusals land at their field too.
 */
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@/components/forms/select";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { contributionTypes } from "@/lib/commons/schemas";
import {
  recordContributionFormSchema,
  type RecordContributionInput,
  type RecordContributionValues,
} from "@/lib/commons/ledger-schemas";
import { recordContributionAction } from "@/features/ledger/actions";
import { useT } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";
import { useServerFeedback } from "@/components/forms/use-server-feedback";

const FIELDS = ["type", "description", "date", "hours", "quantity", "unit", "link", "longitude", "latitude"] as const;

/** Today in the browser's time zone, as "YYYY-MM-DD" (en-CA formats that way). */
const today = () => new Intl.DateTimeFormat("en-CA").format(new Date());

const empty = (): RecordContributionInput => ({
  type: "" as RecordContributionInput["type"],
  description: "",
  date: today(),
  hours: "",
  quantity: "",
  unit: "",
  link: "",
  longitude: "",
  latitude: "",
});

export function RecordContributionForm({ communitySlug, commonsSlug }: { communitySlug: string; commonsSlug: string }) {
  const t = useT();
  const id = useId();
  const [recorded, setRecorded] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    getValues,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<RecordContributionInput, unknown, RecordContributionValues>({
    resolver: zodResolver(recordContributionFormSchema),
    defaultValues: empty(),
  });
  const feedback = useServerFeedback(setError, { fields: FIELDS });
  const message = (key: string | undefined) => feedback.message(key);

  const onSubmit = handleSubmit(async () => {
    setRecorded(false);
    // The raw values: the server parses them with the same schema.
    const result = await recordContributionAction({ ...getValues(), slug: communitySlug, commonsSlug });
    if (!feedback.apply(result)) return;
    reset(empty());
    setRecorded(true);
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="fr-h5">
        {t("ledger.form.title")}
      </h3>
      {recorded && <Alert severity="success" small description={t("ledger.form.recorded")} className="fr-mb-3w" role="status" />}
      {feedback.formError && <Alert severity="error" small description={feedback.formError} className="fr-mb-3w" />}
      <Select
        label={t("ledger.form.type")}
        nativeSelectProps={{ ...register("type"), required: true }}
        {...fieldState(message(errors.type?.message))}
      >
        <option value="" disabled>
          {t("ledger.form.typePlaceholder")}
        </option>
        {contributionTypes.map((value) => (
          <option key={value} value={value}>
            {t(`ledger.types.${value}`)}
          </option>
        ))}
      </Select>
      <Input
        textArea
        label={t("ledger.form.description")}
        hintText={t("ledger.form.descriptionHint")}
        nativeTextAreaProps={{ ...register("description"), rows: 4, required: true }}
        {...fieldState(message(errors.description?.message))}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={t("ledger.form.date")}
            hintText={t("ledger.form.dateHint")}
            nativeInputProps={{ ...register("date"), type: "date", max: today(), required: true }}
            {...fieldState(message(errors.date?.message))}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={t("ledger.form.hours")}
            hintText={t("ledger.form.hoursHint")}
            nativeInputProps={{ ...register("hours"), inputMode: "decimal", autoComplete: "off" }}
            {...fieldState(message(errors.hours?.message))}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={t("ledger.form.quantity")}
            hintText={t("ledger.form.quantityHint")}
            nativeInputProps={{ ...register("quantity"), inputMode: "decimal", autoComplete: "off" }}
            {...fieldState(message(errors.quantity?.message))}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={t("ledger.form.unit")}
            hintText={t("ledger.form.unitHint")}
            nativeInputProps={{ ...register("unit"), autoComplete: "off" }}
            {...fieldState(message(errors.unit?.message))}
          />
        </div>
      </div>
      <Input
        label={t("ledger.form.link")}
        hintText={t("ledger.form.linkHint")}
        nativeInputProps={{ ...register("link"), type: "url", autoComplete: "url" }}
        {...fieldState(message(errors.link?.message))}
      />
      <fieldset className="fr-fieldset" aria-describedby={`${id}-place-hint`}>
        <legend className="fr-fieldset__legend fr-text--regular">{t("ledger.form.place")}</legend>
        <p id={`${id}-place-hint`} className="fr-hint-text fr-fieldset__element">
          {t("ledger.form.placeHint")}
        </p>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label={t("ledger.form.longitude")}
            nativeInputProps={{ ...register("longitude"), inputMode: "decimal", autoComplete: "off" }}
            {...fieldState(message(errors.longitude?.message))}
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label={t("ledger.form.latitude")}
            nativeInputProps={{ ...register("latitude"), inputMode: "decimal", autoComplete: "off" }}
            {...fieldState(message(errors.latitude?.message))}
          />
        </div>
      </fieldset>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? t("ledger.form.submitting") : t("ledger.form.submit")}
      </Button>
    </form>
  );
}
