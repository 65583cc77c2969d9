"use client";
/**
 * After the close: anyone checks that a receipt is in the published decision, with its choice. The
 * receipt is accepted with or without its dashes (receiptSchema normalises it, here and on the
 * server); typing another receipt clears the previous answer, so an answer always matches the field.
 */
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { receiptSchema } from "@/lib/proposals/schemas";
import { verifyReceiptAction, type ReceiptCheck as Check } from "@/features/proposals/actions";
import { useT } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";
import { useServerFeedback } from "@/components/forms/use-server-feedback";
import { describeChoice } from "@/features/proposals/components/describe-choice";

export function ReceiptCheck({ proposalId, options }: { proposalId: string; options: { id: string; label: string }[] }) {
  const t = useT();
  const [check, setCheck] = useState<Check>();
  const [checked, setChecked] = useState<string>();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof receiptSchema>, unknown, z.output<typeof receiptSchema>>({
    resolver: zodResolver(receiptSchema),
    defaultValues: { receipt: "" },
  });
  const feedback = useServerFeedback(setError, { fields: ["receipt"] });
  const formError = feedback.formError;
  const onSubmit = handleSubmit(async (values) => {
    const result = await verifyReceiptAction({ proposalId, ...values });
    if (!feedback.apply(result) || !result.ok || !result.data) {
      setCheck(undefined);
      return;
    }
    setCheck(result.data);
    setChecked(values.receipt);
  });
  return (
    <section aria-labelledby="receipt-title" className="fr-mb-4w">
      <h2 id="receipt-title">{t("votes.receipt.title")}</h2>
      <form onSubmit={onSubmit} noValidate aria-label={t("votes.receipt.title")}>
        {formError && <Alert severity="error" small description={formError} className="fr-mb-2w" />}
        <Input
          label={t("votes.receipt.label")}
          hintText={t("results.receiptHint")}
          nativeInputProps={{
            ...register("receipt", { onChange: () => setCheck(undefined) }),
            autoComplete: "off",
            spellCheck: false,
          }}
          {...fieldState(feedback.message(errors.receipt?.message))}
        />
        <Button type="submit" disabled={isSubmitting}>
          {t("votes.receipt.submit")}
        </Button>
      </form>
      <div aria-live="polite">
        {check && (
          <div className="fr-mt-2w" data-testid="receipt-check">
            <Alert
              severity={check.found && check.digestValid ? "success" : "warning"}
              small
              description={[
                check.found
                  ? t("votes.receipt.found", { choice: describeChoice(t, check.choice, options) })
                  : t("votes.receipt.notFound"),
                check.digestValid ? t("votes.receipt.digestValid") : t("votes.receipt.digestInvalid"),
              ].join(" ")}
            />
            {check.found && checked && (
              <p className="fr-text--sm fr-mt-1w">
                <a href={`/api/v1/log/proposals/${encodeURIComponent(proposalId)}/receipts/${encodeURIComponent(checked)}`}>
                  {t("translog.page.receiptProof")}
                </a>
              </p>
            )}
          </div>
        )}
      </div>
      <p className="fr-text--sm fr-mt-2w">
        <a href="/verifier">{t("translog.page.receiptLink")}</a>
      </p>
    </section>
  );
}
