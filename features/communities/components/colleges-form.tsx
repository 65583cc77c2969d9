"use client";
/**
 * Weighting on or off, and each college's share of the vote. The SCIC rule (each used college
 * within the community's bounds, total 100) is checked by the use case; its errors come back at the
 * input they concern, and the total's under the group. Once the charter is founded the weights are
 * its parameters: the form only shows them, with the way to change them (an amendment).
 */
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import Link from "next/link";
import type { ActorKind } from "@/lib/generated/prisma/enums";
import { weightsSchema } from "@/lib/communities/schemas";
import { actorKinds } from "@/lib/users/schemas";
import { configureCollegesAction } from "@/features/communities/admin-actions";
import { useT } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";
import { useServerFeedback } from "@/components/forms/use-server-feedback";

type WeightsInput = z.input<typeof weightsSchema>;
type Weights = z.output<typeof weightsSchema>;

const FIELDS = ["weightingEnabled", "root.weights", ...actorKinds.map((kind) => `weights.${kind}`)];

export function CollegesForm({
  slug,
  weightingEnabled,
  weights,
  bounds,
  lockedByCharter = false,
}: {
  slug: string;
  weightingEnabled: boolean;
  weights: Record<ActorKind, number>;
  bounds: { min: number; max: number };
  /** The charter is founded: weights and weighting change only by an adopted amendment. */
  lockedByCharter?: boolean;
}) {
  const t = useT();
  const [saved, setSaved] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<WeightsInput, unknown, Weights>({
    resolver: zodResolver(weightsSchema),
    defaultValues: { weightingEnabled, weights },
  });
  // The total error belongs to the group, not to the "weights" object react-hook-form holds.
  const feedback = useServerFeedback(setError, { fields: FIELDS, rename: { weights: "root.weights" } });
  const current = useWatch({ control, name: "weights" });
  const total = actorKinds.reduce((sum, kind) => sum + (Number(current?.[kind]) || 0), 0);

  const onSubmit = handleSubmit(async (values) => {
    setSaved(false);
    if (!feedback.apply(await configureCollegesAction({ ...values, slug }))) return;
    setSaved(true);
  });

  const totalError = feedback.message(errors.root?.weights?.message);
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("pages.admin.colleges.title")} data-testid="colleges-form">
      {saved && <Alert severity="success" small description={t("pages.admin.colleges.saved")} className="fr-mb-2w" />}
      {feedback.formError && <Alert severity="error" small description={feedback.formError} className="fr-mb-2w" />}
      {lockedByCharter && (
        <div className="fr-notice fr-notice--info fr-mb-2w" data-testid="colleges-locked">
          <div className="fr-container">
            <div className="fr-notice__body">
              <p className="fr-notice__title">
                {t("pages.admin.colleges.lockedByCharter")}{" "}
                <Link href={`/communities/${slug}/proposals/new`}>{t("pages.admin.colleges.proposeAmendment")}</Link>
              </p>
            </div>
          </div>
        </div>
      )}
      <Checkbox
        disabled={lockedByCharter}
        options={[
          {
            label: t("pages.admin.colleges.weighting"),
            hintText: t("pages.admin.colleges.weightingHint"),
            nativeInputProps: { ...register("weightingEnabled") },
          },
        ]}
      />
      <fieldset
        className={`fr-fieldset${totalError ? " fr-fieldset--error" : ""}`}
        aria-labelledby="weights-legend weights-messages"
        role={totalError ? "group" : undefined}
      >
        <legend className="fr-fieldset__legend" id="weights-legend">
          {t("pages.admin.colleges.weightsLegend")}
          <span className="fr-hint-text">{t("pages.admin.colleges.weightsHint", { min: bounds.min, max: bounds.max })}</span>
        </legend>
        {actorKinds.map((kind) => (
          <div key={kind} className="fr-fieldset__element fr-fieldset__element--inline">
            <Input
              label={t("pages.admin.colleges.weightLabel", { college: t(`actorKind.${kind}`) })}
              nativeInputProps={{
                ...register(`weights.${kind}`),
                type: "number",
                inputMode: "numeric",
                min: 0,
                max: 100,
                step: 1,
              }}
              disabled={lockedByCharter}
              {...fieldState(feedback.message(errors.weights?.[kind]?.message))}
            />
          </div>
        ))}
        <div className="fr-messages-group" id="weights-messages" aria-live="polite">
          {totalError ? (
            <p className="fr-message fr-message--error" data-testid="weights-total-error">
              {totalError}
            </p>
          ) : (
            <p className="fr-message fr-message--info">{t("pages.admin.colleges.total", { total })}</p>
          )}
        </div>
      </fieldset>
      {!lockedByCharter && (
        <Button type="submit" disabled={isSubmitting}>
          {t("pages.admin.colleges.submit")}
        </Button>
      )}
    </form>
  );
}
