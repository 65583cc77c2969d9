"use client";
/**
 * One choice per kind of notification (in the app, email at once, daily digest, off), validated by
 * the same zod schema as the server. Kinds that cannot be switched off do not offer it.
 */
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Select } from "@/components/forms/select";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { savePreferencesAction } from "@/features/notifications/preferences-actions";
import { useT, useTranslateDynamic } from "@/components/i18n/i18n-provider";
import type { NotificationChannel, NotificationKind } from "@/lib/notifications/kinds";
import { preferencesSchema, type Preferences, type PreferencesInput } from "@/lib/notifications/schemas";

type Row = {
  kind: NotificationKind;
  channel: NotificationChannel;
  defaultChannel: NotificationChannel;
  channels: readonly NotificationChannel[];
};

export function PreferencesForm({ rows }: { rows: Row[] }) {
  const t = useT();
  const tr = useTranslateDynamic();
  const [status, setStatus] = useState<{ kind: "saved" } | { kind: "error"; message: string }>();
  const {
    register,
    handleSubmit,
    getValues,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<PreferencesInput, unknown, Preferences>({
    resolver: zodResolver(preferencesSchema),
    defaultValues: { preferences: rows.map(({ kind, channel }) => ({ kind, channel })) },
  });

  const onSubmit = handleSubmit(async () => {
    setStatus(undefined);
    // What the person chose, not the client's parse: the server parses it again with the same schema.
    const result = await savePreferencesAction(getValues());
    if (!result.ok) {
      for (const [field, key] of Object.entries(result.fieldErrors ?? {})) {
        setError(field as `preferences.${number}.channel`, { message: key });
      }
      if (result.formError) setStatus({ kind: "error", message: tr(result.formError, result.values) ?? "" });
      return;
    }
    setStatus({ kind: "saved" });
  });

  return (
    <form onSubmit={onSubmit} noValidate data-testid="preferences-form">
      {status?.kind === "saved" && (
        <Alert severity="success" small description={t("notifications.preferences.saved")} className="fr-mb-3w" />
      )}
      {status?.kind === "error" && <Alert severity="error" small description={status.message} className="fr-mb-3w" />}
      {rows.map((row, index) => {
        const error = errors.preferences?.[index]?.channel?.message ?? errors.preferences?.[index]?.kind?.message;
        return (
          <div key={row.kind}>
            <input type="hidden" {...register(`preferences.${index}.kind`)} />
            <Select
              label={tr(`notifications.kinds.${row.kind}.label`)}
              hint={t("notifications.preferences.defaultHint", { channel: t(`notifications.channels.${row.defaultChannel}`) })}
              nativeSelectProps={register(`preferences.${index}.channel`)}
              state={error ? "error" : "default"}
              stateRelatedMessage={error ? tr(error) : undefined}
            >
              {row.channels.map((channel) => (
                <option key={channel} value={channel}>
                  {t(`notifications.channels.${channel}`)}
                </option>
              ))}
            </Select>
          </div>
        );
      })}
      <Button type="submit" disabled={isSubmitting}>
        {t("notifications.preferences.save")}
      </Button>
    </form>
  );
}
