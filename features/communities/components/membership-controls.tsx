"use client";
/** Join, ask to join (with an optional message) and leave (after confirmation), on the community page. */
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { joinSchema } from "@/lib/communities/schemas";
import type { ActionResult } from "@/lib/core/forms";
import { joinCommunityAction, leaveCommunityAction } from "@/features/communities/membership-actions";
import { useT, useTranslateDynamic } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";
import { useServerFeedback } from "@/components/forms/use-server-feedback";

function useFormError() {
  const tr = useTranslateDynamic();
  const [error, setError] = useState<string>();
  return {
    error,
    /** True on success; otherwise keeps the first message to show. */
    take(result: ActionResult<unknown>) {
      if (result.ok) {
        setError(undefined);
        return true;
      }
      const key = result.formError ?? Object.values(result.fieldErrors ?? {})[0] ?? "errors.invalid";
      setError(tr(key, result.values));
      return false;
    },
  };
}

export function JoinButton({ slug }: { slug: string }) {
  const t = useT();
  const [pending, setPending] = useState(false);
  const feedback = useFormError();
  return (
    <>
      {feedback.error && <Alert severity="error" small description={feedback.error} className="fr-mb-2w" />}
      <Button
        iconId="fr-icon-user-add-line"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          feedback.take(await joinCommunityAction({ slug }));
          setPending(false);
        }}
      >
        {t("pages.membership.join")}
      </Button>
    </>
  );
}

type JoinInput = z.input<typeof joinSchema>;

export function RequestForm({ slug }: { slug: string }) {
  const t = useT();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<JoinInput>({ resolver: zodResolver(joinSchema), defaultValues: { message: "" } });
  const feedback = useServerFeedback(setError, { fields: ["message"] });
  const onSubmit = handleSubmit(async (values) => {
    feedback.apply(await joinCommunityAction({ slug, message: values.message ?? "" }));
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("pages.membership.request")}>
      {feedback.formError && <Alert severity="error" small description={feedback.formError} className="fr-mb-2w" />}
      <Input
        textArea
        label={t("pages.membership.requestMessage")}
        hintText={t("pages.membership.requestMessageHint")}
        nativeTextAreaProps={{ ...register("message"), rows: 4 }}
        {...fieldState(feedback.message(errors.message?.message))}
      />
      <Button type="submit" iconId="fr-icon-mail-line" disabled={isSubmitting}>
        {t("pages.membership.request")}
      </Button>
    </form>
  );
}

export function LeaveControl({ slug, communityName }: { slug: string; communityName: string }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const feedback = useFormError();
  const confirmRef = useRef<HTMLDivElement>(null);
  if (!confirming) {
    return (
      <Button
        priority="secondary"
        iconId="fr-icon-logout-box-r-line"
        onClick={() => {
          setConfirming(true);
          // Move focus to the question so that keyboard and screen reader users hear it.
          requestAnimationFrame(() => confirmRef.current?.focus());
        }}
      >
        {t("pages.membership.leave")}
      </Button>
    );
  }
  return (
    <div ref={confirmRef} tabIndex={-1} role="group" aria-labelledby="leave-question" data-testid="leave-confirmation">
      {feedback.error && <Alert severity="error" small description={feedback.error} className="fr-mb-2w" />}
      <p id="leave-question">{t("pages.membership.leaveConfirm", { community: communityName })}</p>
      <ul className="fr-btns-group fr-btns-group--inline-sm">
        <li>
          <Button
            disabled={pending}
            onClick={async () => {
              setPending(true);
              const ok = feedback.take(await leaveCommunityAction({ slug }));
              setPending(false);
              if (ok) {
                setConfirming(false);
              }
            }}
          >
            {t("pages.membership.leaveConfirmButton")}
          </Button>
        </li>
        <li>
          <Button priority="secondary" onClick={() => setConfirming(false)}>
            {t("pages.common.cancel")}
          </Button>
        </li>
      </ul>
    </div>
  );
}
