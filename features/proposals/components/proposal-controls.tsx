"use client";
/**
 * The lifecycle buttons the person may use (asked to lib/policy by the page): discuss, open, withdraw,
 * close early. Closing early is never one click: it asks for confirmation, states the charter's rule
 * and takes the reason (required when the charter lets administrators close with a reason).
 */
import { useId, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { closeEarlyAction, proposalStepAction } from "@/features/proposals/actions";
import { useT, useTranslateDynamic } from "@/components/i18n/i18n-provider";
import type { EarlyCloseRule } from "@/lib/charter/parameters";

type Step = "discuss" | "open" | "withdraw" | "closeEarly";
type Result = { ok: boolean; formError?: string; fieldErrors?: Record<string, string>; values?: Record<string, string | number> };

export function ProposalControls({
  proposalId,
  steps,
  earlyClose,
}: {
  proposalId: string;
  steps: Step[];
  earlyClose?: EarlyCloseRule | null;
}) {
  const t = useT();
  const tr = useTranslateDynamic();
  const reasonId = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [reasonError, setReasonError] = useState<string>();
  const [done, setDone] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState("");
  if (steps.length === 0) return null;
  const labels: Record<Step, string> = {
    discuss: t("votes.page.startDiscussion"),
    open: t("votes.page.openVoting"),
    withdraw: t("votes.page.withdraw"),
    closeEarly: t("votes.page.closeEarly"),
  };
  const settle = (result: Result) => {
    setPending(false);
    if (!result.ok) {
      const reasonIssue = result.fieldErrors?.reason;
      if (reasonIssue) setReasonError(tr(reasonIssue, result.values));
      else setError(tr(result.formError ?? Object.values(result.fieldErrors ?? {})[0] ?? "errors.invalid", result.values));
      return;
    }
    setConfirming(false);
    setDone(true);
  };
  const run = async (step: Step) => {
    if (step === "closeEarly") {
      setConfirming(true);
      return;
    }
    setPending(true);
    setError(undefined);
    settle(await proposalStepAction({ proposalId, step }));
  };
  const closeEarly = async () => {
    setPending(true);
    setError(undefined);
    setReasonError(undefined);
    settle(await closeEarlyAction({ proposalId, reason }));
  };
  return (
    <div className="fr-mb-4w">
      {error && <Alert severity="error" small description={error} className="fr-mb-2w" />}
      {done && (
        <p role="status" className="fr-sr-only">
          {t("votes.page.done")}
        </p>
      )}
      <ul className="fr-btns-group fr-btns-group--inline-md">
        {steps.map((step) => (
          <li key={step}>
            <Button
              type="button"
              priority={step === "withdraw" || step === "closeEarly" ? "secondary" : "primary"}
              disabled={pending || (step === "closeEarly" && confirming)}
              onClick={() => void run(step)}
            >
              {labels[step]}
            </Button>
          </li>
        ))}
      </ul>
      {steps.includes("closeEarly") && earlyClose && (
        <p className="fr-hint-text">{t(`votes.page.closeEarlyRule.${earlyClose}`)}</p>
      )}
      {confirming && (
        <section className="fr-callout fr-mt-2w" aria-labelledby={`${reasonId}-title`}>
          <h2 id={`${reasonId}-title`} className="fr-callout__title fr-h6">
            {t("votes.page.closeEarlyConfirmTitle")}
          </h2>
          <p className="fr-callout__text">{t("votes.page.closeEarlyConfirmText")}</p>
          <Input
            textArea
            label={t(earlyClose === "administrators" ? "votes.page.closeEarlyReason" : "votes.page.closeEarlyReasonOptional")}
            nativeTextAreaProps={{ value: reason, onChange: (event) => setReason(event.target.value), rows: 3 }}
            state={reasonError ? "error" : "default"}
            stateRelatedMessage={reasonError}
          />
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li>
              <Button type="button" disabled={pending} onClick={() => void closeEarly()}>
                {t("votes.page.closeEarlyConfirm")}
              </Button>
            </li>
            <li>
              <Button type="button" priority="tertiary" disabled={pending} onClick={() => setConfirming(false)}>
                {t("votes.page.closeEarlyCancel")}
              </Button>
            </li>
          </ul>
        </section>
      )}
    </div>
  );
}
