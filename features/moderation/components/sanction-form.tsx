"use client";
/**
 * Warn, suspend until a date, or ban: pre-filled with the step the charter's ladder suggests; a
 * departure from it needs a reason. Validated with the server's schema; the server's refusals
 * (oneself, an administrator, someone not in the community, a date in the past) come back at the field.
 */
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@/components/forms/select";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { sanctionKinds, sanctionSchema } from "@/lib/moderation/schemas";
import { sanctionAction } from "@/features/moderation/actions";
import { useT, useTranslateDynamic } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";

type Form = z.input<typeof sanctionSchema>;
type Kind = (typeof sanctionKinds)[number];
const fields = ["kind", "until", "days", "reason", "ruleReference", "departureReason"] as const;

export function SanctionForm({
  slug,
  userId,
  reportIds,
  suggestedKind,
  suggestedUntil,
  defaultUntil,
  item,
  defaultReason = "",
  onDone,
}: {
  slug: string;
  userId: string;
  reportIds: string[];
  /** The item the sanction answers when no report names it (sanctioning in place after hiding). */
  item?: { kind: "PROPOSAL" | "COMMENT" | "COMMONS" | "CONTRIBUTION"; id: string };
  defaultReason?: string;
  /** In place: told of the new sanction instead of going to its page. */
  onDone?: (sanctionId: string) => void;
  suggestedKind: Kind;
  /** YYYY-MM-DD when the ladder suggests a suspension. */
  suggestedUntil: string | null;
  /** YYYY-MM-DD pre-filled when a suspension is chosen anyway. */
  defaultUntil: string;
}) {
  const t = useT();
  const tr = useTranslateDynamic();
  const router = useRouter();
  const [formError, setFormError] = useState<string>();
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const {
    register,
    handleSubmit,
    control,
    formState: { errors, isSubmitting },
  } = useForm<Form, unknown, z.output<typeof sanctionSchema>>({
    resolver: zodResolver(sanctionSchema),
    defaultValues: {
      userId,
      reportIds,
      ...(item ? { itemKind: item.kind, itemId: item.id } : {}),
      kind: suggestedKind,
      until: suggestedUntil ?? defaultUntil,
      reason: defaultReason,
      ruleReference: "",
      departureReason: "",
    },
  });
  const kind = useWatch({ control, name: "kind" });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    setServerErrors({});
    const input = { ...values, until: values.kind === "SUSPENSION" ? values.until : undefined };
    const result = await sanctionAction({ ...input, slug });
    if (!result.ok) {
      const entries = Object.entries(result.fieldErrors ?? {});
      const shown: Record<string, string> = {};
      for (const [field, key] of entries) {
        if ((fields as readonly string[]).includes(field))
          shown[field === "days" ? "until" : field] = tr(key, result.values) ?? key;
      }
      setServerErrors(shown);
      const other = result.formError ?? entries.find(([f]) => !(fields as readonly string[]).includes(f))?.[1];
      if (other) setFormError(tr(other, result.values));
      return;
    }
    if (onDone) onDone(result.data!.id);
    else router.push(`/communities/${slug}/sanctions/${result.data!.id}`);
  });
  // The server's message for a field (already translated, with its values) wins over zod's key.
  const message = (field: (typeof fields)[number], key: string | undefined) => serverErrors[field] ?? tr(key);
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("modui.sanctionForm.submit")}>
      {formError && (
        <div role="alert" className="fr-mb-2w">
          <Alert severity="error" small description={formError} />
        </div>
      )}
      <Select
        label={t("modui.sanctionForm.kind")}
        nativeSelectProps={{ ...register("kind") }}
        {...fieldState(message("kind", errors.kind?.message))}
      >
        {sanctionKinds.map((k) => (
          <option key={k} value={k}>
            {t(`modui.sanctionKinds.${k}`)}
          </option>
        ))}
      </Select>
      {kind === "SUSPENSION" && (
        <Input
          label={t("modui.sanctionForm.until")}
          hintText={t("modui.sanctionForm.untilHint")}
          nativeInputProps={{ ...register("until"), type: "date" }}
          {...fieldState(message("until", errors.until?.message))}
        />
      )}
      <Input
        textArea
        label={t("modui.sanctionForm.reason")}
        nativeTextAreaProps={{ ...register("reason"), rows: 3 }}
        {...fieldState(message("reason", errors.reason?.message))}
      />
      <Input
        label={t("modui.sanctionForm.ruleReference")}
        hintText={t("modui.sanctionForm.ruleHint")}
        nativeInputProps={{ ...register("ruleReference") }}
        {...fieldState(message("ruleReference", errors.ruleReference?.message))}
      />
      <Input
        textArea
        label={t("modui.sanctionForm.departureReason")}
        hintText={t("modui.sanctionForm.departureHint")}
        nativeTextAreaProps={{ ...register("departureReason"), rows: 2 }}
        {...fieldState(message("departureReason", errors.departureReason?.message))}
      />
      <Button type="submit" disabled={isSubmitting}>
        {t("modui.sanctionForm.submit")}
      </Button>
    </form>
  );
}
