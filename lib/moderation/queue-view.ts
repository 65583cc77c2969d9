/**
 * What a moderator needs to judge a report: the reported item in context (a short excerpt, a link to
 * where it lives, whether it is already hidden) and its author's name. Reporters are never named.
 */
import type { DbTx } from "@/lib/db/client";
import type { ReportTargetKind } from "@/lib/generated/prisma/enums";

export type TargetContext = {
  exists: boolean;
  excerpt: string;
  href: string | null;
  hidden: boolean;
};

const EXCERPT = 280;
export const excerptOf = (text: string) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
};

const keyOf = (kind: ReportTargetKind, id: string) => `${kind}:${id}`;

export async function describeTargets(
  db: DbTx,
  {
    communityId,
    communitySlug,
    items,
  }: {
    communityId: string;
    communitySlug: string;
    items: { targetKind: ReportTargetKind; targetId: string; targetAuthorId: string }[];
  },
): Promise<{ targets: Map<string, TargetContext>; authors: Map<string, string>; key: typeof keyOf }> {
  const ids = (kind: ReportTargetKind) => [...new Set(items.filter((i) => i.targetKind === kind).map((i) => i.targetId))];
  const [proposals, comments, commons, contributions, people] = await Promise.all([
    db.proposal.findMany({
      where: { id: { in: ids("PROPOSAL") }, communityId },
      select: { id: true, title: true, body: true, hiddenAt: true },
    }),
    db.proposalComment.findMany({
      where: { id: { in: ids("COMMENT") } },
      select: { id: true, body: true, proposalId: true, hiddenAt: true, deletedAt: true },
    }),
    db.commons.findMany({
      where: { id: { in: ids("COMMONS") }, communityId },
      select: { id: true, slug: true, title: true, summary: true, hiddenAt: true },
    }),
    db.contribution.findMany({
      where: { id: { in: ids("CONTRIBUTION") }, commons: { communityId } },
      select: { id: true, description: true, hiddenAt: true, commons: { select: { slug: true } } },
    }),
    db.user.findMany({
      where: { id: { in: [...new Set(items.map((i) => i.targetAuthorId))] } },
      select: { id: true, displayName: true, name: true },
    }),
  ]);
  const inCommunity = new Set(
    (
      await db.proposal.findMany({
        where: { id: { in: [...new Set(comments.map((c) => c.proposalId))] }, communityId },
        select: { id: true },
      })
    ).map((p) => p.id),
  );
  const targets = new Map<string, TargetContext>();
  const base = `/communities/${communitySlug}`;
  for (const p of proposals) {
    targets.set(keyOf("PROPOSAL", p.id), {
      exists: true,
      excerpt: excerptOf(`${p.title} — ${p.body}`),
      href: `/proposals/${p.id}`,
      hidden: p.hiddenAt !== null,
    });
  }
  for (const c of comments) {
    if (!inCommunity.has(c.proposalId)) continue;
    targets.set(keyOf("COMMENT", c.id), {
      exists: c.deletedAt === null,
      excerpt: excerptOf(c.body),
      href: `/proposals/${c.proposalId}#comments-title`,
      hidden: c.hiddenAt !== null,
    });
  }
  for (const c of commons) {
    targets.set(keyOf("COMMONS", c.id), {
      exists: true,
      excerpt: excerptOf(`${c.title} — ${c.summary}`),
      href: `${base}/commons/${c.slug}`,
      hidden: c.hiddenAt !== null,
    });
  }
  for (const c of contributions) {
    targets.set(keyOf("CONTRIBUTION", c.id), {
      exists: true,
      excerpt: excerptOf(c.description),
      href: `${base}/commons/${c.commons.slug}/ledger`,
      hidden: c.hiddenAt !== null,
    });
  }
  const authors = new Map(people.map((p) => [p.id, p.displayName ?? p.name ?? "—"]));
  for (const item of items) {
    if (item.targetKind === "PROFILE") {
      targets.set(keyOf("PROFILE", item.targetId), {
        exists: authors.has(item.targetId),
        excerpt: authors.get(item.targetId) ?? "",
        href: `/people/${item.targetId}`,
        hidden: false,
      });
    }
  }
  return { targets, authors, key: keyOf };
}
