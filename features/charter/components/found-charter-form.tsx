"use client";
/**
 * The founder's form: articles (add, remove; title, text, Ostrom principle) and the parameters, with
 * the platform's defaults prefilled. Validated with the schema the server action parses with; the
 * server's errors come back at the field they concern.
 */
import { useFieldArray, useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@/components/forms/select";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { ostromPrinciples } from "@/lib/charter/amendments";
import { defaultCharterParameters, earlyCloseRules, thresholdNames, tieRules, votingMethods } from "@/lib/charter/parameters";
import { foundCharterSchema } from "@/lib/charter/schemas";
import { principleName } from "@/lib/charter/describe";
import { foundCharterAction } from "@/features/charter/actions";
import { useT } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";
import { useServerFeedback } from "@/components/forms/use-server-feedback";

type FoundInput = z.input<typeof foundCharterSchema>;
type Found = z.output<typeof foundCharterSchema>;

const numberFields = [
  ["defaultVotingDays", 1, 90],
  ["minVotingDays", 1, 90],
  ["minDiscussionDays", 0, 60],
  ["quorumPercent", 0, 100],
  ["amendmentQuorumPercent", 0, 100],
  ["amendmentCollegeQuorumPercent", 0, 100],
  ["proposeAfterDays", 0, 365],
  ["autoHideAfterReports", 0, 100],
  ["secretBallotMinCollegeSize", 1, 50],
] as const;

const emptyRule = { title: "", text: "", principle: 1 };
const sanctionKinds = ["WARNING", "SUSPENSION", "BAN"] as const;
/** An empty optional number is "none", not NaN. */
const optionalNumber = (value: unknown) =>
  value === "" || value === null || value === undefined || Number.isNaN(Number(value)) ? undefined : Number(value);

export function FoundCharterForm({ slug }: { slug: string }) {
  const t = useT();
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<FoundInput, unknown, Found>({
    resolver: zodResolver(foundCharterSchema),
    defaultValues: { rules: [emptyRule], parameters: defaultCharterParameters },
  });
  const rules = useFieldArray({ control, name: "rules" });
  const ladder = useFieldArray({ control, name: "parameters.sanctionsLadder" });
  const fields = [
    "rules",
    ...rules.fields.flatMap((_, i) => [`rules.${i}.title`, `rules.${i}.text`, `rules.${i}.principle`]),
    ...Object.keys(defaultCharterParameters).map((key) => `parameters.${key}`),
    ...ladder.fields.flatMap((_, i) =>
      ["sanction", "days", "expiresAfterDays"].map((name) => `parameters.sanctionsLadder.${i}.${name}`),
    ),
  ];
  const feedback = useServerFeedback(setError, { fields });

  const onSubmit = handleSubmit(async (values) => {
    if (!feedback.apply(await foundCharterAction({ ...values, slug }))) return;
  });

  const parameterError = (key: keyof typeof defaultCharterParameters) =>
    fieldState(feedback.message(errors.parameters?.[key]?.message));

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="found-charter-title" data-testid="found-charter-form">
      <h2 id="found-charter-title">{t("charter.found.title")}</h2>
      <p>{t("charter.found.lead")}</p>
      {feedback.formError && <Alert severity="error" small description={feedback.formError} className="fr-mb-2w" />}
      <fieldset className="fr-fieldset" aria-labelledby="rules-legend">
        <legend className="fr-fieldset__legend" id="rules-legend">
          <span className="fr-h3">{t("charter.found.rulesLegend")}</span>
        </legend>
        {rules.fields.map((field, index) => (
          <fieldset key={field.id} className="fr-fieldset fr-fieldset__element" aria-labelledby={`rule-legend-${index}`}>
            <legend className="fr-fieldset__legend fr-text--lg" id={`rule-legend-${index}`}>
              {t("charter.found.ruleLegend", { number: index + 1 })}
            </legend>
            <div className="fr-fieldset__element">
              <Input
                label={t("charter.found.ruleTitle")}
                nativeInputProps={{ ...register(`rules.${index}.title`), maxLength: 160 }}
                {...fieldState(feedback.message(errors.rules?.[index]?.title?.message))}
              />
            </div>
            <div className="fr-fieldset__element">
              <Input
                textArea
                label={t("charter.found.ruleText")}
                hintText={t("charter.found.ruleTextHint")}
                nativeTextAreaProps={{ ...register(`rules.${index}.text`), rows: 4 }}
                {...fieldState(feedback.message(errors.rules?.[index]?.text?.message))}
              />
            </div>
            <div className="fr-fieldset__element">
              <Select
                label={t("charter.found.rulePrinciple")}
                nativeSelectProps={register(`rules.${index}.principle`, { valueAsNumber: true })}
                {...fieldState(feedback.message(errors.rules?.[index]?.principle?.message))}
              >
                {ostromPrinciples.map((principle) => (
                  <option key={principle} value={principle}>
                    {t("charter.principle", { number: principle, name: principleName(t, principle) })}
                  </option>
                ))}
              </Select>
            </div>
            {rules.fields.length > 1 && (
              <div className="fr-fieldset__element">
                <Button type="button" priority="tertiary" size="small" onClick={() => rules.remove(index)}>
                  {t("charter.found.removeRule", { number: index + 1 })}
                </Button>
              </div>
            )}
          </fieldset>
        ))}
        {errors.rules?.root?.message && (
          <p className="fr-message fr-message--error">{feedback.message(errors.rules.root.message)}</p>
        )}
        <div className="fr-fieldset__element">
          <Button type="button" priority="secondary" iconId="fr-icon-add-line" onClick={() => rules.append(emptyRule)}>
            {t("charter.found.addRule")}
          </Button>
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby="parameters-legend">
        <legend className="fr-fieldset__legend" id="parameters-legend">
          <span className="fr-h3">{t("charter.found.parametersLegend")}</span>
          <span className="fr-hint-text">{t("charter.found.parametersHint")}</span>
        </legend>
        {numberFields.map(([key, min, max]) => (
          <div key={key} className="fr-fieldset__element">
            <Input
              label={t(`charter.parameterNames.${key}`)}
              nativeInputProps={{
                ...register(`parameters.${key}`, { valueAsNumber: true }),
                type: "number",
                inputMode: "numeric",
                min,
                max,
                step: 1,
              }}
              {...parameterError(key)}
            />
          </div>
        ))}
        {(["generalThreshold", "amendmentThreshold"] as const).map((key) => (
          <div key={key} className="fr-fieldset__element">
            <Select
              label={t(`charter.parameterNames.${key}`)}
              nativeSelectProps={register(`parameters.${key}`)}
              {...parameterError(key)}
            >
              {thresholdNames.map((name) => (
                <option key={name} value={name}>
                  {t(`charter.thresholds.${name}`)}
                </option>
              ))}
            </Select>
          </div>
        ))}
        <div className="fr-fieldset__element">
          <Select
            label={t("charter.parameterNames.earlyClose")}
            nativeSelectProps={register("parameters.earlyClose")}
            {...parameterError("earlyClose")}
          >
            {earlyCloseRules.map((rule) => (
              <option key={rule} value={rule}>
                {t(`charter.earlyCloseRules.${rule}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-fieldset__element">
          <Select
            label={t("charter.parameterNames.tieRule")}
            nativeSelectProps={register("parameters.tieRule")}
            {...parameterError("tieRule")}
          >
            {tieRules.map((rule) => (
              <option key={rule} value={rule}>
                {t(`charter.tieRules.${rule}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-fieldset__element">
          <Checkbox
            legend={t("charter.parameterNames.allowedMethods")}
            {...parameterError("allowedMethods")}
            options={votingMethods.map((method) => ({
              label: t(`charter.methods.${method}`),
              nativeInputProps: { ...register("parameters.allowedMethods"), value: method },
            }))}
          />
        </div>
        <div className="fr-fieldset__element">
          <Checkbox
            options={[
              {
                label: t("charter.parameterNames.secretBallotByDefault"),
                nativeInputProps: register("parameters.secretBallotByDefault"),
              },
              {
                label: t("charter.parameterNames.commonsAdoptionByVote"),
                nativeInputProps: register("parameters.commonsAdoptionByVote"),
              },
            ]}
          />
        </div>
        <fieldset className="fr-fieldset fr-fieldset__element" aria-labelledby="ladder-legend">
          <legend className="fr-fieldset__legend fr-text--lg" id="ladder-legend">
            {t("charter.found.ladderLegend")}
            <span className="fr-hint-text">{t("charter.found.ladderHint")}</span>
          </legend>
          {ladder.fields.map((field, index) => (
            <div key={field.id} className="fr-fieldset__element" role="group" aria-labelledby={`step-legend-${index}`}>
              <p className="fr-text--bold fr-mb-1w" id={`step-legend-${index}`}>
                {t("charter.found.stepLegend", { number: index + 1 })}
              </p>
              <div className="fr-grid-row fr-grid-row--gutters">
                <div className="fr-col-12 fr-col-md-4">
                  <Select
                    label={t("charter.found.stepSanction")}
                    nativeSelectProps={register(`parameters.sanctionsLadder.${index}.sanction`)}
                    {...fieldState(feedback.message(errors.parameters?.sanctionsLadder?.[index]?.sanction?.message))}
                  >
                    {sanctionKinds.map((sanction) => (
                      <option key={sanction} value={sanction}>
                        {t(`charter.sanctionNames.${sanction}`)}
                      </option>
                    ))}
                  </Select>
                </div>
                <div className="fr-col-12 fr-col-md-4">
                  <Input
                    label={t("charter.found.stepDays")}
                    hintText={t("charter.found.stepDaysHint")}
                    nativeInputProps={{
                      ...register(`parameters.sanctionsLadder.${index}.days`, { setValueAs: optionalNumber }),
                      type: "number",
                      inputMode: "numeric",
                      min: 1,
                      max: 365,
                    }}
                    {...fieldState(feedback.message(errors.parameters?.sanctionsLadder?.[index]?.days?.message))}
                  />
                </div>
                <div className="fr-col-12 fr-col-md-4">
                  <Input
                    label={t("charter.found.stepExpires")}
                    nativeInputProps={{
                      ...register(`parameters.sanctionsLadder.${index}.expiresAfterDays`, { valueAsNumber: true }),
                      type: "number",
                      inputMode: "numeric",
                      min: 1,
                      max: 3650,
                    }}
                    {...fieldState(feedback.message(errors.parameters?.sanctionsLadder?.[index]?.expiresAfterDays?.message))}
                  />
                </div>
              </div>
              <Button type="button" priority="tertiary" size="small" onClick={() => ladder.remove(index)}>
                {t("charter.found.removeStep", { number: index + 1 })}
              </Button>
            </div>
          ))}
          {ladder.fields.length < 10 && (
            <div className="fr-fieldset__element">
              <Button
                type="button"
                priority="secondary"
                size="small"
                iconId="fr-icon-add-line"
                onClick={() => ladder.append({ sanction: "WARNING", expiresAfterDays: 180 })}
              >
                {t("charter.found.addStep")}
              </Button>
            </div>
          )}
        </fieldset>
      </fieldset>
      <Button type="submit" disabled={isSubmitting}>
        {t("charter.found.submit")}
      </Button>
    </form>
  );
}
