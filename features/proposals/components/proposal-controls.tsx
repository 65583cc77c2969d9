"use client";
/**
 * The lifecycle buttons the person may use (asked to lib/policy by the page): discuss, open, withdraw,
 * close early. The irreversible ones (withdraw, close early) are never one click: both ask for
 * confirmation in the same way — a confirmation panel that takes the focus, says what cannot be
 * undone, and closes with its Cancel button or Escape, giving the focus back to the button that opened
 * it. Closing early also states the charter's rule and takes the reason (required when the charter
 * lets administrators close with a reason).
 */
import { useEffect, useId, useRef, useState } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { closeEarlyAction, proposalStepAction } from "@/features/proposals/actions";
import { useT, useTranslateDynamic } from "@/components/i18n/i18n-provider";
import type { EarlyCloseRule } from "@/lib/charter/parameters";

type Step = "discuss" | "open" | "withdraw" | "closeEarly";
type Irreversible = "withdraw" | "closeEarly";
type Result = { ok: boolean; formError?: string; fieldErrors?: Record<string, string>; values?: Record<string, string | number> };

const irreversible = (step: Step): step is Irreversible => step === "withdraw" || step === "closeEarly";

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
  const id = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [reasonError, setReasonError] = useState<string>();
  const [done, setDone] = useState(false);
  const [confirming, setConfirming] = useState<Irreversible | null>(null);
  const [reason, setReason] = useState("");
  const triggers = useRef<Partial<Record<Step, HTMLButtonElement | null>>>({});
  const title = useRef<HTMLHeadingElement>(null);
  const returnTo = useRef<Step | null>(null);
  useEffect(() => {
    if (confirming) title.current?.focus();
    else if (returnTo.current) {
      triggers.current[returnTo.current]?.focus();
      returnTo.current = null;
    }
  }, [confirming]);
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
    setConfirming(null);
    setDone(true);
  };
  const run = async (step: Step) => {
    setError(undefined);
    if (irreversible(step)) {
      setReasonError(undefined);
      setConfirming(step);
      return;
    }
    setPending(true);
    settle(await proposalStepAction({ proposalId, step }));
  };
  const cancel = () => {
    returnTo.current = confirming;
    setConfirming(null);
    setReasonError(undefined);
  };
  const confirm = async () => {
    setPending(true);
    setError(undefined);
    setReasonError(undefined);
    settle(
      confirming === "closeEarly"
        ? await closeEarlyAction({ proposalId, reason })
        : await proposalStepAction({ proposalId, step: "withdraw" }),
    );
  };
  const texts =
    confirming === "closeEarly"
      ? {
          title: t("votes.page.closeEarlyConfirmTitle"),
          text: t("votes.page.closeEarlyConfirmText"),
          confirm: t("votes.page.closeEarlyConfirm"),
        }
      : {
          title: t("results.confirm.withdrawTitle"),
          text: t("results.confirm.withdrawText"),
          confirm: t("results.confirm.withdrawConfirm"),
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
            <button
              type="button"
              ref={(element) => {
                triggers.current[step] = element;
              }}
              className={`fr-btn${irreversible(step) ? " fr-btn--secondary" : ""}`}
              disabled={pending}
              aria-expanded={irreversible(step) ? confirming === step : undefined}
              aria-controls={irreversible(step) && confirming === step ? `${id}-confirm` : undefined}
              onClick={() => void run(step)}
            >
              {labels[step]}
            </button>
          </li>
        ))}
      </ul>
      {steps.includes("closeEarly") && earlyClose && (
        <p className="fr-hint-text">{t(`votes.page.closeEarlyRule.${earlyClose}`)}</p>
      )}
      {confirming && (
        <section
          id={`${id}-confirm`}
          className="fr-callout fr-mt-2w"
          aria-labelledby={`${id}-title`}
          data-testid={`confirm-${confirming}`}
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              event.preventDefault();
              cancel();
            }
          }}
        >
          <h2 id={`${id}-title`} className="fr-callout__title fr-h6" tabIndex={-1} ref={title}>
            {texts.title}
          </h2>
          <p className="fr-callout__text">{texts.text}</p>
          <p className="fr-hint-text">{t("results.confirm.escape")}</p>
          {confirming === "closeEarly" && (
            <Input
              textArea
              label={t(earlyClose === "administrators" ? "votes.page.closeEarlyReason" : "votes.page.closeEarlyReasonOptional")}
              nativeTextAreaProps={{ value: reason, onChange: (event) => setReason(event.target.value), rows: 3 }}
              state={reasonError ? "error" : "default"}
              stateRelatedMessage={reasonError}
            />
          )}
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li>
              <button type="button" className="fr-btn" disabled={pending} onClick={() => void confirm()}>
                {texts.confirm}
              </button>
            </li>
            <li>
              <button type="button" className="fr-btn fr-btn--tertiary" disabled={pending} onClick={cancel}>
                {t("results.confirm.cancel")}
              </button>
            </li>
          </ul>
        </section>
      )}
    </div>
  );
}
