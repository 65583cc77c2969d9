"use client";
/**
 * The ballot for the proposal's method, validated with the schema the server uses: for / against /
 * abstain; agree / object / block with a reason; approval checkboxes; the majority judgment grid
 * (one radio group per option, in an accessible table). After casting, the receipt; the voter may
 * change or withdraw their ballot until the close.
 */
import { useState } from "react";
import { Controller, useForm, type FieldValues } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { ballotChoiceSchema, ballotSchemaFor } from "@/lib/votes/schemas";
import { useServerFeedback } from "@/components/forms/use-server-feedback";
import { grades } from "@/lib/votes/tally/majority-judgment";
import { castBallotAction, withdrawBallotAction } from "@/features/proposals/actions";
import { useT, useTranslateDynamic } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";

type Method = "THRESHOLD" | "CONSENT" | "APPROVAL" | "MAJORITY_JUDGMENT";
type Option = { id: string; label: string };

const answers = { THRESHOLD: ["for", "against", "abstain"], CONSENT: ["agree", "object", "block"] } as const;

function defaultsFor(method: Method, options: Option[], current: unknown): FieldValues {
  const value = (current ?? {}) as { choice?: string; reason?: string; approve?: string[]; grades?: Record<string, string> };
  switch (method) {
    case "THRESHOLD":
      return { choice: value.choice };
    case "CONSENT":
      return { choice: value.choice, reason: value.reason ?? "" };
    case "APPROVAL":
      return { approve: value.approve ?? [] };
    case "MAJORITY_JUDGMENT":
      return { grades: Object.fromEntries(options.map((o) => [o.id, value.grades?.[o.id]])) };
  }
}

export function BallotForm({
  proposalId,
  method,
  options,
  current,
  tieRule = null,
}: {
  proposalId: string;
  method: Method;
  options: Option[];
  current: { receipt: string; choice: unknown } | null;
  /** The charter's rule for a tie, shown before voting (null: this vote cannot tie, e.g. consent). */
  tieRule?: "reject" | "secondRound" | null;
}) {
  const t = useT();
  const tr = useTranslateDynamic();
  const [notice, setNotice] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const schema = ballotSchemaFor(
    method,
    options.map((o) => o.id),
  ) as z.ZodType<FieldValues, FieldValues>;
  const {
    register,
    handleSubmit,
    control,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<FieldValues>({ resolver: zodResolver(schema), defaultValues: defaultsFor(method, options, current?.choice) });
  // The server answers at the same fields as this form: the action's input nests the choice under
  // `choice` (e.g. `choice.reason`), the check against the proposal's options does not (`grades.<id>`).
  const fields = ["choice", "reason", "approve", ...options.map((option) => `grades.${option.id}`)];
  const feedback = useServerFeedback(setError, {
    fields,
    rename: Object.fromEntries(fields.map((field) => [`choice.${field}`, field])),
  });
  const error = (path: string) => {
    const found = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], errors);
    const message = (found as { message?: string } | undefined)?.message;
    return feedback.message(message);
  };

  const shownError = formError ?? feedback.formError;

  const onSubmit = handleSubmit(async (choice) => {
    setFormError(undefined);
    const result = await castBallotAction({ proposalId, choice: choice as z.input<typeof ballotChoiceSchema> });
    if (!feedback.apply(result)) return;
    setNotice(t(result.ok && result.data?.changed ? "votes.ballot.changed" : "votes.ballot.recorded"));
  });

  const withdraw = async () => {
    setFormError(undefined);
    const result = await withdrawBallotAction({ proposalId });
    if (!result.ok) {
      setFormError(tr(result.formError ?? "errors.invalid", result.values));
      return;
    }
    setNotice(t("votes.ballot.withdrawn"));
  };

  return (
    <section aria-labelledby="ballot-title" className="fr-mb-4w">
      <h2 id="ballot-title">{t("votes.ballot.title")}</h2>
      {tieRule && (
        <p className="fr-text--sm" data-testid="tie-rule">
          {t(`votes.ballot.tieRule.${tieRule}`)}
        </p>
      )}
      {notice && <Alert severity="success" small description={notice} className="fr-mb-2w" />}
      {shownError && <Alert severity="error" small description={shownError} className="fr-mb-2w" />}
      {current && (
        <div className="fr-callout fr-mb-3w">
          <p className="fr-callout__text" data-testid="receipt">
            {t("votes.ballot.receipt", { receipt: current.receipt })}
          </p>
          <p className="fr-text--sm fr-mb-0">{t("votes.ballot.receiptHint")}</p>
        </div>
      )}
      <form onSubmit={onSubmit} noValidate aria-label={t("votes.ballot.title")}>
        {(method === "THRESHOLD" || method === "CONSENT") && (
          <RadioButtons
            legend={t("votes.ballot.choice")}
            name="choice"
            options={answers[method].map((answer) => ({
              label: t(`votes.choice.${answer}`),
              nativeInputProps: { ...register("choice"), value: answer },
            }))}
            {...fieldState(error("choice"))}
          />
        )}
        {method === "CONSENT" && (
          <Input
            textArea
            label={t("votes.ballot.reason")}
            nativeTextAreaProps={{ ...register("reason"), rows: 3 }}
            {...fieldState(error("reason"))}
          />
        )}
        {method === "APPROVAL" && (
          <Controller
            control={control}
            name="approve"
            render={({ field }) => {
              const selected = (field.value as string[] | undefined) ?? [];
              return (
                <Checkbox
                  legend={t("votes.ballot.approve")}
                  options={options.map((option) => ({
                    label: option.label,
                    nativeInputProps: {
                      name: "approve",
                      value: option.id,
                      checked: selected.includes(option.id),
                      onChange: (event) =>
                        field.onChange(
                          event.target.checked ? [...selected, option.id] : selected.filter((id) => id !== option.id),
                        ),
                    },
                  }))}
                  {...fieldState(error("approve"))}
                />
              );
            }}
          />
        )}
        {method === "MAJORITY_JUDGMENT" && (
          <div className="fr-table fr-table--no-caption-top fr-mb-3w">
            <div className="fr-table__wrapper">
              <div className="fr-table__container">
                <div className="fr-table__content">
                  <table>
                    <caption>{t("votes.ballot.gradesCaption")}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("votes.ballot.option")}</th>
                        {grades.map((grade) => (
                          <th key={grade} scope="col">
                            {t(`votes.grade.${grade}`)}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {options.map((option) => {
                        const message = error(`grades.${option.id}`);
                        return (
                          <tr key={option.id}>
                            <th scope="row">
                              {option.label}
                              {message && <p className="fr-error-text">{message}</p>}
                            </th>
                            {grades.map((grade) => (
                              <td key={grade}>
                                <input
                                  type="radio"
                                  value={grade}
                                  {...register(`grades.${option.id}`)}
                                  aria-label={t("votes.ballot.gradeFor", {
                                    grade: t(`votes.grade.${grade}`),
                                    option: option.label,
                                  })}
                                />
                              </td>
                            ))}
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              </div>
            </div>
            {error("grades") && <p className="fr-error-text">{error("grades")}</p>}
          </div>
        )}
        <p className="fr-text--sm">{t("votes.ballot.canChange")}</p>
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <Button type="submit" disabled={isSubmitting}>
              {current ? t("votes.ballot.change") : t("votes.ballot.submit")}
            </Button>
          </li>
          {current && (
            <li>
              <Button type="button" priority="secondary" onClick={() => void withdraw()}>
                {t("votes.ballot.withdraw")}
              </Button>
            </li>
          )}
        </ul>
      </form>
    </section>
  );
}
