"use client";
/**
 * Validating or rejecting someone else's pending contribution, with a comment. Shown only to those
 * lib/policy allows (never the author); the server checks again.
 */
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import {
  reviewContributionSchema,
  type ReviewContributionInput,
  type ReviewContributionValues,
} from "@/lib/commons/ledger-schemas";
import { reviewContributionAction } from "@/features/ledger/actions";
import { useT } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";
import { useServerFeedback } from "@/components/forms/use-server-feedback";
import { useAnnounceReview } from "@/features/ledger/components/review-feedback";

const FIELDS = ["decision", "comment"] as const;

export function ReviewContributionForm({
  communitySlug,
  commonsSlug,
  contributionId,
  label,
}: {
  communitySlug: string;
  commonsSlug: string;
  contributionId: string;
  /** Names the contribution, for screen readers moving from form to form. */
  label: string;
}) {
  const t = useT();
  const [done, setDone] = useState<"VALIDATED" | "REJECTED">();
  const announce = useAnnounceReview();
  const {
    register,
    handleSubmit,
    setError,
    getValues,
    formState: { errors, isSubmitting },
  } = useForm<ReviewContributionInput, unknown, ReviewContributionValues>({
    resolver: zodResolver(reviewContributionSchema),
    defaultValues: { decision: undefined, comment: "" },
  });
  const feedback = useServerFeedback(setError, { fields: FIELDS });

  const onSubmit = handleSubmit(async (values) => {
    const result = await reviewContributionAction({ ...getValues(), slug: communitySlug, commonsSlug, contributionId });
    if (!feedback.apply(result)) return;
    if (announce) announce(t(`ledger.review.done.${values.decision}`));
    else setDone(values.decision);
  });

  if (done) return <Alert severity="success" small description={t(`ledger.review.done.${done}`)} className="fr-mt-2w" />;

  return (
    <form onSubmit={onSubmit} noValidate aria-label={label} className="fr-mt-2w">
      {feedback.formError && <Alert severity="error" small description={feedback.formError} className="fr-mb-2w" />}
      <RadioButtons
        legend={t("ledger.review.legend")}
        name="decision"
        orientation="horizontal"
        small
        options={[
          { label: t("ledger.review.validate"), nativeInputProps: { ...register("decision"), value: "VALIDATED" } },
          { label: t("ledger.review.reject"), nativeInputProps: { ...register("decision"), value: "REJECTED" } },
        ]}
        {...fieldState(feedback.message(errors.decision?.message))}
      />
      <Input
        textArea
        label={t("ledger.review.comment")}
        hintText={t("ledger.review.commentHint")}
        nativeTextAreaProps={{ ...register("comment"), rows: 2 }}
        {...fieldState(feedback.message(errors.comment?.message))}
      />
      <Button type="submit" size="small" priority="secondary" disabled={isSubmitting}>
        {t("ledger.review.submit")}
      </Button>
    </form>
  );
}
