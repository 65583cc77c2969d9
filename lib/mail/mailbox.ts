import type { DbTx } from "@/lib/db/client";

/** The latest outbox messages, for the demo mailbox page. */
export async function listOutbox(db: DbTx, { take = 50 }: { take?: number } = {}) {
  return db.outboxEmail.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, to: true, subject: true, text: true, status: true, createdAt: true },
  });
}
