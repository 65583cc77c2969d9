/**
 * The demo seed's charters: version 1 written by the founder, in the seed's transaction, with its
 * audit entry. Communities without demo charter data are left without a charter.
 */
import type { DbTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { logCharterVersion } from "@/lib/translog/events";
import { demoCharters } from "@/lib/demo/charter-data";
import { foundCharterSchema } from "@/lib/charter/schemas";
import { collegeSettings } from "@/lib/communities/colleges";

export async function seedCharter(
  tx: DbTx,
  { communityId, founderId, slug }: { communityId: string; founderId: string | null; slug: string },
): Promise<{ seeded: boolean }> {
  const data = demoCharters[slug];
  if (!data) return { seeded: false };
  const { rules, parameters } = foundCharterSchema.parse(data);
  const numbered = rules.map((rule, index) => ({ number: index + 1, ...rule }));
  await tx.charter.create({
    data: {
      communityId,
      currentVersion: 1,
      versions: {
        create: {
          number: 1,
          rules: numbered as Prisma.InputJsonArray,
          // As foundCharter does: the colleges as they stand become the charter's.
          parameters: { ...parameters, ...(await collegeSettings(tx, communityId)) } as Prisma.InputJsonObject,
          changes: [],
          createdById: founderId,
        },
      },
    },
  });
  await recordAudit(tx, {
    actorId: founderId,
    communityId,
    action: "charter.founded",
    details: { version: 1, rules: numbered.length, source: "demo" },
  });
  await logCharterVersion(tx, { communityId, number: 1 });
  return { seeded: true };
}
