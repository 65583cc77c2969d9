import type { DbTx } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/core";

export async function setUserLocale(db: DbTx, { userId, locale }: { userId: string; locale: Locale }): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { locale } });
}
