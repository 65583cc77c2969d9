/** A person's notification preferences: read with the defaults filled in, and saved all at once. */
import type { Db, DbTx } from "@/lib/db/client";
import { kindSettings, notificationKinds, type NotificationChannel, type NotificationKind } from "./kinds";
import type { z } from "zod";
import { withInput } from "@/lib/core/use-case";
import { preferencesSchema } from "./schemas";

export type PreferenceView = {
  kind: NotificationKind;
  channel: NotificationChannel;
  defaultChannel: NotificationChannel;
  channels: readonly NotificationChannel[];
};

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
export const savePreferences = withInput(
  preferencesSchema,
  async (db: Db, { userId, input }: { userId: string; input: z.output<typeof preferencesSchema> }): Promise<void> => {
    await db.$transaction(async (tx) => {
      for (const { kind, channel } of input.preferences) {
        await tx.notificationPreference.upsert({
          where: { userId_kind: { userId, kind } },
          create: { userId, kind, channel },
          update: { channel },
        });
      }
    });
  },
);
