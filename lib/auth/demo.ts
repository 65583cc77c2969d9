/** One-click sign-in as a demo person. Callers must check demo mode; this refuses non-demo accounts. */
import type { DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/core/errors";
import { createSession } from "./sessions";

export async function signInAsDemoPerson(db: DbTx, userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, isDemo: true, erasedAt: true } });
  // An erased demo person stays erased: the account keeps its demo flag, not its person.
  if (!user?.isDemo || user.erasedAt) throw new AppError("not_demo", "errors.forbidden", 403);
  return createSession(db, user.id);
}

export async function listDemoPeople(db: DbTx) {
  return db.user.findMany({
    where: { isDemo: true, erasedAt: null },
    orderBy: [{ actorKind: "asc" }, { displayName: "asc" }],
    select: { id: true, displayName: true, actorKind: true, organization: { select: { name: true } } },
  });
}
