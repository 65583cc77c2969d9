"use client";
/** The lifecycle buttons the person may use (asked to lib/policy by the page): discuss, open, withdraw, close early. */
import { useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { proposalStepAction } from "@/features/proposals/actions";
import { useT, useTranslateDynamic } from "@/components/i18n/i18n-provider";

type Step = "discuss" | "open" | "withdraw" | "closeEarly";

export function ProposalControls({ proposalId, steps }: { proposalId: string; steps: Step[] }) {
  const t = useT();
  const tr = useTranslateDynamic();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState(false);
  if (steps.length === 0) return null;
  const labels: Record<Step, string> = {
    discuss: t("votes.page.startDiscussion"),
    open: t("votes.page.openVoting"),
    withdraw: t("votes.page.withdraw"),
    closeEarly: t("votes.page.closeEarly"),
  };
  const run = async (step: Step) => {
    setPending(true);
    setError(undefined);
    const result = await proposalStepAction({ proposalId, step });
    setPending(false);
    if (!result.ok) {
      setError(tr(result.formError ?? Object.values(result.fieldErrors ?? {})[0] ?? "errors.invalid", result.values));
      return;
    }
    setDone(true);
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
              disabled={pending}
              onClick={() => void run(step)}
            >
              {labels[step]}
            </Button>
          </li>
        ))}
      </ul>
      {steps.includes("closeEarly") && <p className="fr-hint-text">{t("votes.page.closeEarlyHint")}</p>}
    </div>
  );
}
