/**
 * Administrators edit a community's presentation and rules of entry. The slug never changes (links
 * and API clients rely on it). Audited with the fields that changed, before and after.
 */
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { requireCommunityAccess, type Actor } from "./access";
import type { UpdateCommunity } from "./schemas";

export async function updateCommunity(
  db: Db,
  { actor, slug, input }: { actor: Actor; slug: string; input: UpdateCommunity },
): Promise<void> {
  const { community } = await requireCommunityAccess(db, { slug, actor, action: "community.update" });
  const fields = ["name", "summary", "description", "visibility", "joinPolicy"] as const;
  const changed = fields.filter((field) => input[field] !== community[field]);
  if (changed.length === 0) return;
  await db.$transaction(async (tx) => {
    await tx.community.update({ where: { id: community.id }, data: input });
    const before: Prisma.InputJsonObject = Object.fromEntries(
      changed.map((f) => [f, f === "description" ? `${community[f].length} chars` : community[f]]),
    );
    const after: Prisma.InputJsonObject = Object.fromEntries(
      changed.map((f) => [f, f === "description" ? `${input[f].length} chars` : input[f]]),
    );
    await recordAudit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "community.updated",
      details: { changed: [...changed], before, after },
    });
  });
}
