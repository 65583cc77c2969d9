/** A person's notification preferences: read with the defaults filled in, and saved all at once. */
import type { Db, DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/forms";
import { kindSettings, notificationKinds, type NotificationChannel, type NotificationKind } from "./kinds";
import { preferencesSchema } from "./schemas";

export type PreferenceView = {
  kind: NotificationKind;
  channel: NotificationChannel;
  defaultChannel: NotificationChannel;
  channels: readonly NotificationChannel[];
};

export class PreferencesInputError extends AppError {
  constructor(readonly fieldErrors: Record<string, string>) {
    super("invalid_preferences", Object.values(fieldErrors)[0] ?? "errors.invalid", 400, undefined, Object.keys(fieldErrors)[0]);
  }
}

export async function getPreferences(db: DbTx, userId: string): Promise<PreferenceView[]> {
  const rows = await db.notificationPreference.findMany({ where: { userId }, select: { kind: true, channel: true } });
  const chosen = new Map(rows.map((r) => [r.kind, r.channel]));
  return notificationKinds.map((kind) => {
    const { defaultChannel, channels } = kindSettings[kind];
    const channel = chosen.get(kind);
    return { kind, channel: channel && channels.includes(channel) ? channel : defaultChannel, defaultChannel, channels };
  });
}

/** Saves the choices given (kinds left out keep theirs); a choice equal to the default is stored as such. */
export async function savePreferences(db: Db, { userId, input }: { userId: string; input: unknown }): Promise<void> {
  const parsed = preferencesSchema.safeParse(input);
  // Errors keep the form's field names ("preferences.3.channel").
  if (!parsed.success) throw new PreferencesInputError(fieldErrorsOf(parsed.error));
  await db.$transaction(async (tx) => {
    for (const { kind, channel } of parsed.data.preferences) {
      await tx.notificationPreference.upsert({
        where: { userId_kind: { userId, kind } },
        create: { userId, kind, channel },
        update: { channel },
      });
    }
  });
}
