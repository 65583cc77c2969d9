"use client";
/**
 * The lifecycle controls of a commons page, shown by the page only to those the policy allows:
 * putting a draft up for adoption; adopting or rejecting (administrators, or "Submit to a vote"
 * where the charter has adoption decided by vote); archiving.
 */
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { CommonsStatus } from "@/lib/generated/prisma/enums";
import { decideCommonsAction, submitCommonsToVoteAction } from "@/features/commons/actions";
import { useT, useTranslateDynamic } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";

type Props = {
  communitySlug: string;
  commonsSlug: string;
  status: CommonsStatus;
  byVote: boolean;
  /** An adoption proposal about it is drafted, discussed or voted: no second one (lockAdoptionTarget refuses it). */
  voteRunning?: boolean;
  /** Proposer, steward or administrator: may put a draft up for adoption and submit it to a vote. */
  mayManage: boolean;
  /** Administrators: adopt, reject (unless by vote), archive. */
  mayDecide: boolean;
};

export function CommonsLifecycle({
  communitySlug,
  commonsSlug,
  status,
  byVote,
  voteRunning = false,
  mayManage,
  mayDecide,
}: Props) {
  const t = useT();
  const tr = useTranslateDynamic();
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ field?: string; message: string }>();
  const [done, setDone] = useState<string>();

  const decide = async (decision: "propose" | "adopt" | "reject" | "archive") => {
    if (decision === "archive" && !window.confirm(t("commons.page.confirmArchive"))) return;
    setPending(true);
    setError(undefined);
    setDone(undefined);
    const result = await decideCommonsAction({ community: communitySlug, commonsSlug, decision, reason });
    setPending(false);
    if (!result.ok) {
      const [field, key] = Object.entries(result.fieldErrors ?? {})[0] ?? [];
      setError({ field, message: tr(key ?? result.formError, result.values) ?? "" });
      return;
    }
    setReason("");
    setDone(t("commons.page.done"));
  };

  const submitToVote = async () => {
    setPending(true);
    setError(undefined);
    const result = await submitCommonsToVoteAction({ community: communitySlug, commonsSlug });
    setPending(false);
    if (!result.ok || !result.data) {
      const key = Object.values(result.ok ? {} : (result.fieldErrors ?? {}))[0] ?? (result.ok ? undefined : result.formError);
      setError({ message: tr(key, result.ok ? undefined : result.values) ?? "" });
      return;
    }
    router.push(`/proposals/${result.data.id}`);
  };

  const canPropose = mayManage && status === "DRAFT";
  const canAdopt = status === "PROPOSED" && ((byVote && mayManage && !voteRunning) || (!byVote && mayDecide));
  const canArchive = mayDecide && status !== "ARCHIVED";
  if (!canPropose && !canAdopt && !canArchive) return null;

  return (
    <section aria-labelledby="commons-lifecycle-title" className="fr-mb-4w">
      <h2 id="commons-lifecycle-title">{t("commons.page.lifecycle")}</h2>
      {status === "PROPOSED" && (
        <p className="fr-text--sm">{byVote ? t("commons.page.byVoteNotice") : t("commons.page.byAdminsNotice")}</p>
      )}
      {error && error.field !== "reason" && <Alert severity="error" small description={error.message} className="fr-mb-2w" />}
      {done && (
        <p role="status" className="fr-text--sm">
          {done}
        </p>
      )}
      {mayDecide && (canArchive || (canAdopt && !byVote)) && (
        <Input
          label={t("commons.page.reason")}
          nativeInputProps={{ value: reason, onChange: (event) => setReason(event.currentTarget.value), maxLength: 1100 }}
          {...fieldState(error?.field === "reason" ? error.message : undefined)}
        />
      )}
      <ul className="fr-btns-group fr-btns-group--inline-md">
        {canPropose && (
          <li>
            <Button type="button" disabled={pending} onClick={() => void decide("propose")}>
              {t("commons.page.submitForAdoption")}
            </Button>
          </li>
        )}
        {canAdopt && byVote && (
          <li>
            <Button type="button" disabled={pending} onClick={() => void submitToVote()}>
              {t("commons.page.submitToVote")}
            </Button>
          </li>
        )}
        {canAdopt && !byVote && (
          <>
            <li>
              <Button type="button" disabled={pending} onClick={() => void decide("adopt")}>
                {t("commons.page.adopt")}
              </Button>
            </li>
            <li>
              <Button type="button" priority="secondary" disabled={pending} onClick={() => void decide("reject")}>
                {t("commons.page.reject")}
              </Button>
            </li>
          </>
        )}
        {canArchive && (
          <li>
            <Button type="button" priority="tertiary" disabled={pending} onClick={() => void decide("archive")}>
              {t("commons.page.archive")}
            </Button>
          </li>
        )}
      </ul>
    </section>
  );
}
