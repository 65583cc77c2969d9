/**
 * The ledger and dashboard pages' way in: the commons if the person may see it (else the 404 page, as
 * if it did not exist), loaded once per request for the metadata and the page.
 */
import { cache } from "react";
import { notFound } from "next/navigation";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/core/errors";
import { ledgerAccess, type LedgerAccess } from "@/lib/commons/ledger";
import { currentUser } from "@/lib/web/request";

export const ledgerPageAccess = cache(
  async (
    communitySlug: string,
    commonsSlug: string,
  ): Promise<(LedgerAccess & { user: Awaited<ReturnType<typeof currentUser>> }) | null> => {
    const user = await currentUser();
    try {
      return { ...(await ledgerAccess(db(), user, { communitySlug, commonsSlug })), user };
    } catch (error) {
      if (isAppError(error) && (error.status === 404 || error.status === 401 || error.status === 403)) return null;
      throw error;
    }
  },
);

export async function requireLedgerPage(communitySlug: string, commonsSlug: string) {
  const access = await ledgerPageAccess(communitySlug, commonsSlug);
  if (!access) notFound();
  return access;
}
