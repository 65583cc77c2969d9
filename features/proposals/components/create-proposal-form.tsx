"use client";
/**
 * Drafting a proposal. The same zod schema as the server; the charter's own rules (allowed methods,
 * and the floors no proposal may go below: quorum, threshold, discussion and voting durations) come
 * as props, so the form shows them and offers only what the server will accept.
 */
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useFieldArray, useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@/components/forms/select";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import {
  createProposalSchema,
  methodsWithOptions,
  proposalKinds,
  type CreateProposalInput,
  type CreateProposalValues,
} from "@/lib/proposals/schemas";
import { thresholdNames } from "@/lib/charter/parameters";
import { createProposalAction, editDraftAction } from "@/features/proposals/create-actions";
import { useT } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";
import { useServerFeedback } from "@/components/forms/use-server-feedback";
import type { CharterChange } from "@/lib/charter/amendments";
import { AmendmentEditor, type EditorArticle, type EditorParameter } from "@/features/proposals/components/amendment-editor";

const FIELDS = [
  "kind",
  "title",
  "body",
  "method",
  "options",
  "threshold",
  "quorumPercent",
  "secret",
  "liveResults",
  "discussionDays",
  "votingDays",
  "amendment",
  "commonsId",
] as const;

type Method = CreateProposalValues["method"];

/** The first message in a nested error (an amendment's change, its rule's title…), shown at the editor. */
function firstMessage(error: unknown): string | undefined {
  if (!error || typeof error !== "object") return undefined;
  const { message } = error as { message?: unknown };
  if (typeof message === "string") return message;
  for (const value of Object.values(error)) {
    const found = value !== (error as { ref?: unknown }).ref ? firstMessage(value) : undefined;
    if (found) return found;
  }
  return undefined;
}

export function CreateProposalForm({
  slug,
  allowedMethods,
  defaults,
  amendmentRules,
  adoptableCommons = [],
  amendmentEditor,
  draft,
}: {
  slug: string;
  allowedMethods: readonly Method[];
  defaults: {
    votingDays: number;
    minVotingDays: number;
    minDiscussionDays: number;
    quorumPercent: number;
    threshold: string;
    secret: boolean;
  };
  amendmentRules: string;
  /**
   * The commons an adoption proposal may name (lib/commons/adoption-vote.ts); null where the charter
   * does not decide adoption by vote, and the kind is not offered.
   */
  adoptableCommons?: { id: string; title: string }[] | null;
  /** The charter as it stands, for the amendment editor (articles, parameters with their bounds). */
  amendmentEditor?: { articles: EditorArticle[]; parameters: EditorParameter[] };
  /** Editing a draft (lib/proposals/edit-draft.ts): its values; its kind stays. */
  draft?: { id: string; values: CreateProposalInput };
}) {
  const t = useT();
  const router = useRouter();
  const [amendmentText, setAmendmentText] = useState(() =>
    draft?.values.amendment ? JSON.stringify(draft.values.amendment) : "",
  );
  const [amendmentError, setAmendmentError] = useState<string>();
  const [changes, setChanges] = useState<CharterChange[]>(() => (draft?.values.amendment as CharterChange[] | undefined) ?? []);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    getValues,
    control,
    formState: { errors, isSubmitting },
  } = useForm<CreateProposalInput, unknown, CreateProposalValues>({
    resolver: zodResolver(createProposalSchema),
    defaultValues: draft?.values ?? {
      kind: "GENERAL",
      title: "",
      body: "",
      method: allowedMethods[0] ?? "THRESHOLD",
      options: [],
      threshold: defaults.threshold as CreateProposalValues["threshold"],
      quorumPercent: defaults.quorumPercent,
      secret: defaults.secret,
      liveResults: false,
      discussionDays: defaults.minDiscussionDays,
      votingDays: defaults.votingDays,
    },
  });
  const { fields, append, remove } = useFieldArray({ control, name: "options" });
  const feedback = useServerFeedback(setError, { fields: FIELDS });
  const kind = useWatch({ control, name: "kind" });
  const method = useWatch({ control, name: "method" });
  const withOptions = (methodsWithOptions as readonly string[]).includes(method);
  const optionsError = errors.options?.message ?? errors.options?.root?.message;

  const onSubmit = handleSubmit(async (values) => {
    const result = draft
      ? await editDraftAction({ ...values, proposalId: draft.id })
      : await createProposalAction({ ...values, community: slug });
    if (!feedback.apply(result) || !result.ok || !result.data) return;
    router.push(`/proposals/${result.data.id}`);
  });

  /** The amendment is typed as JSON; parsed on submit so the schema checks the changes themselves. */
  const changeAmendment = (text: string) => {
    setAmendmentText(text);
    setAmendmentError(undefined);
  };

  return (
    <form
      onSubmit={(event) => {
        if (kind === "CHARTER_AMENDMENT") {
          try {
            const parsed: unknown = amendmentEditor
              ? changes.length > 0
                ? changes
                : undefined
              : amendmentText.trim()
                ? JSON.parse(amendmentText)
                : undefined;
            // The parsed changes go through the schema like every other field.
            setValue("amendment", parsed as CreateProposalInput["amendment"]);
            // An amendment is voted at the charter's own threshold and quorum (shown above), not the form's.
            setValue("threshold", undefined);
            setValue("quorumPercent", undefined);
          } catch {
            event.preventDefault();
            setAmendmentError(t("votes.create.amendmentInvalid"));
            return;
          }
        } else {
          setValue("amendment", undefined);
          if (kind === "COMMONS_ADOPTION" && !draft) {
            // The proposal takes the commons' title (the kind stores it with the commons locked).
            const chosen = adoptableCommons?.find((c) => c.id === getValues("commonsId"));
            if (!chosen) {
              event.preventDefault();
              setError("commonsId", { message: "votes.errors.adoptionCommonsRequired" });
              return;
            }
            setValue("title", chosen.title);
            setValue("method", "THRESHOLD");
          }
          if (kind !== "COMMONS_ADOPTION") setValue("commonsId", undefined);
          if (!getValues("threshold")) setValue("threshold", defaults.threshold as CreateProposalValues["threshold"]);
          if (getValues("quorumPercent") === undefined) setValue("quorumPercent", defaults.quorumPercent);
        }
        void onSubmit(event);
      }}
      noValidate
      aria-label={t(draft ? "votes.edit.title" : "votes.create.title")}
    >
      {feedback.formError && <Alert severity="error" small description={feedback.formError} className="fr-mb-3w" />}
      {draft ? (
        <p>
          {t("pages.labelSuffix", { label: t("votes.create.kind") })} {t(`votes.kind.${kind}`)}
        </p>
      ) : (
        <Select
          label={t("votes.create.kind")}
          nativeSelectProps={register("kind")}
          {...fieldState(feedback.message(errors.kind?.message))}
        >
          {proposalKinds
            .filter((value) => value !== "COMMONS_ADOPTION" || adoptableCommons)
            .map((value) => (
              <option key={value} value={value}>
                {t(`votes.kind.${value}`)}
              </option>
            ))}
        </Select>
      )}
      {kind === "COMMONS_ADOPTION" && !draft ? (
        adoptableCommons?.length ? (
          <Select
            label={t("votes.create.commons")}
            hint={t("votes.create.commonsHint")}
            nativeSelectProps={register("commonsId")}
            {...fieldState(feedback.message(errors.commonsId?.message ?? errors.title?.message))}
          >
            <option value="">{t("votes.create.commonsChoose")}</option>
            {adoptableCommons.map((commons) => (
              <option key={commons.id} value={commons.id}>
                {commons.title}
              </option>
            ))}
          </Select>
        ) : (
          <Alert severity="info" small description={t("votes.create.noAdoptableCommons")} className="fr-mb-3w" />
        )
      ) : (
        <Input
          label={t("votes.create.titleLabel")}
          nativeInputProps={{ ...register("title"), autoComplete: "off" }}
          {...fieldState(feedback.message(errors.title?.message))}
        />
      )}
      <Input
        textArea
        label={t("votes.create.body")}
        hintText={t("votes.create.bodyHint")}
        nativeTextAreaProps={{ ...register("body"), rows: 8 }}
        {...fieldState(feedback.message(errors.body?.message))}
      />
      {kind === "CHARTER_AMENDMENT" ? (
        <>
          <p>{amendmentRules}</p>
          {amendmentEditor ? (
            <AmendmentEditor
              articles={amendmentEditor.articles}
              parameters={amendmentEditor.parameters}
              changes={changes}
              onChange={setChanges}
              error={feedback.message(firstMessage(errors.amendment))}
            />
          ) : (
            <Input
              textArea
              label={t("votes.create.amendment")}
              hintText={t("votes.create.amendmentHint")}
              nativeTextAreaProps={{
                name: "amendment",
                rows: 6,
                value: amendmentText,
                onChange: (event) => changeAmendment(event.target.value),
                spellCheck: false,
              }}
              {...fieldState(amendmentError ?? feedback.message(errors.amendment?.message))}
            />
          )}
        </>
      ) : null}
      <Select
        label={t("votes.create.method")}
        nativeSelectProps={register("method")}
        {...fieldState(feedback.message(errors.method?.message))}
      >
        {(kind === "CHARTER_AMENDMENT" || kind === "COMMONS_ADOPTION" ? (["THRESHOLD"] as const) : allowedMethods).map(
          (value) => (
            <option key={value} value={value}>
              {t(`votes.method.${value}`)}
            </option>
          ),
        )}
      </Select>
      {withOptions && (
        <fieldset className="fr-fieldset" aria-describedby="options-hint">
          <legend className="fr-fieldset__legend">{t("votes.create.options")}</legend>
          <p id="options-hint" className="fr-hint-text fr-fieldset__element">
            {t("votes.create.optionsHint")}
          </p>
          {fields.map((field, index) => (
            <div key={field.id} className="fr-fieldset__element">
              <Input
                label={t("votes.create.optionLabel", { number: index + 1 })}
                nativeInputProps={{ ...register(`options.${index}.label`), autoComplete: "off" }}
                {...fieldState(feedback.message(errors.options?.[index]?.label?.message))}
              />
              <Button type="button" priority="tertiary" size="small" onClick={() => remove(index)}>
                {t("votes.create.removeOption", { number: index + 1 })}
              </Button>
            </div>
          ))}
          {optionsError && (
            <p className="fr-error-text fr-fieldset__element" role="alert">
              {feedback.message(optionsError)}
            </p>
          )}
          <div className="fr-fieldset__element">
            <Button type="button" priority="secondary" size="small" onClick={() => append({ label: "" })}>
              {t("votes.create.addOption")}
            </Button>
          </div>
        </fieldset>
      )}
      {method === "THRESHOLD" && kind !== "CHARTER_AMENDMENT" && (
        <Select
          label={t("votes.create.threshold")}
          hint={t("votes.create.thresholdHint")}
          nativeSelectProps={register("threshold")}
          {...fieldState(feedback.message(errors.threshold?.message))}
        >
          {thresholdNames.slice(Math.max(0, thresholdNames.indexOf(defaults.threshold as never))).map((value) => (
            <option key={value} value={value}>
              {t(`votes.threshold.${value}`)}
            </option>
          ))}
        </Select>
      )}
      {kind !== "CHARTER_AMENDMENT" && (
        <Input
          label={t("votes.create.quorum")}
          hintText={t("votes.create.quorumHint", { min: defaults.quorumPercent })}
          nativeInputProps={{
            ...register("quorumPercent", { valueAsNumber: true }),
            type: "number",
            min: defaults.quorumPercent,
            max: 100,
          }}
          {...fieldState(feedback.message(errors.quorumPercent?.message))}
        />
      )}
      <Input
        label={t("votes.create.discussionDays")}
        hintText={t("votes.create.discussionDaysHint", { min: defaults.minDiscussionDays })}
        nativeInputProps={{
          ...register("discussionDays", { valueAsNumber: true }),
          type: "number",
          min: defaults.minDiscussionDays,
          max: 60,
        }}
        {...fieldState(feedback.message(errors.discussionDays?.message))}
      />
      <Input
        label={t("votes.create.votingDays")}
        hintText={t("votes.create.votingDaysHint", { min: defaults.minVotingDays })}
        nativeInputProps={{
          ...register("votingDays", { valueAsNumber: true }),
          type: "number",
          min: defaults.minVotingDays,
          max: 90,
        }}
        {...fieldState(feedback.message(errors.votingDays?.message))}
      />
      <Checkbox
        options={[
          { label: t("votes.create.secret"), hintText: t("votes.create.secretHint"), nativeInputProps: register("secret") },
          { label: t("votes.create.liveResults"), nativeInputProps: register("liveResults") },
        ]}
      />
      <Button type="submit" disabled={isSubmitting}>
        {t(draft ? "votes.edit.submit" : "votes.create.submit")}
      </Button>
    </form>
  );
}
