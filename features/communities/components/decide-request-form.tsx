"use client";
/** Approve or refuse one request to join, with an optional message sent to the person. */
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { decideSchema } from "@/lib/communities/schemas";
import type { z } from "zod";
import { decideRequestAction } from "@/features/communities/admin-actions";
import { useT } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";
import { useServerFeedback } from "@/components/forms/use-server-feedback";

type DecideInput = z.input<typeof decideSchema>;

type Props = { slug: string; membershipId: string; name: string; onDecided: (notice: string) => void };

export function DecideRequestForm({ slug, membershipId, name, onDecided }: Props) {
  const t = useT();
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<DecideInput>({
    resolver: zodResolver(decideSchema),
    defaultValues: { membershipId, decision: "approve", message: "" },
  });
  const feedback = useServerFeedback(setError, { fields: ["message"] });

  const submitAs = (decision: "approve" | "refuse") => {
    setValue("decision", decision);
    return handleSubmit(async (values) => {
      const result = await decideRequestAction({ ...values, slug, decision });
      if (!feedback.apply(result)) return;
      onDecided(t(decision === "approve" ? "pages.admin.requests.approved" : "pages.admin.requests.refused", { name }));
    })();
  };

  return (
    <form onSubmit={(event) => event.preventDefault()} noValidate aria-label={t("pages.admin.requests.formLabel", { name })}>
      {feedback.formError && <Alert severity="error" small description={feedback.formError} className="fr-mb-2w" />}
      <Input
        textArea
        label={t("pages.admin.requests.answer")}
        hintText={t("pages.admin.requests.answerHint")}
        nativeTextAreaProps={{ ...register("message"), rows: 2 }}
        {...fieldState(feedback.message(errors.message?.message))}
      />
      <ul className="fr-btns-group fr-btns-group--inline-sm">
        <li>
          <Button type="button" disabled={isSubmitting} onClick={() => submitAs("approve")}>
            {t("pages.admin.requests.approve")}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" disabled={isSubmitting} onClick={() => submitAs("refuse")}>
            {t("pages.admin.requests.refuse")}
          </Button>
        </li>
      </ul>
    </form>
  );
}
