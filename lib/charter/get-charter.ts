/**
 * Reading a charter: the current version or a given one, and the list of versions. readCharter() is
 * the checked entry point (charter.read) for pages and route handlers.
 */
import type { DbTx } from "@/lib/db/client";
import { requireCommunityAccess, type Actor } from "@/lib/communities/access";
import type { CharterChange } from "./amendments";
import { amendmentSchema } from "./amendments";
import { parseRules, type CharterContent } from "./content";
import { charterParametersSchema, defaultCharterParameters } from "./parameters";

export type CharterVersionView = CharterContent & {
  /** This version's number, and the charter's current one. */
  number: number;
  currentVersion: number;
  createdAt: Date;
  changes: CharterChange[];
  proposal: { id: string; title: string } | null;
};

export type CharterVersionSummary = {
  number: number;
  createdAt: Date;
  changeCount: number;
  proposal: { id: string; title: string } | null;
};

/** The current version, or `version` when given; null when there is none (not founded, or no such number). */
export async function getCharter(
  db: DbTx,
  { communityId, version }: { communityId: string; version?: number },
): Promise<CharterVersionView | null> {
  const charter = await db.charter.findUnique({ where: { communityId }, select: { id: true, currentVersion: true } });
  if (!charter || charter.currentVersion === 0) return null;
  const number = version ?? charter.currentVersion;
  if (!Number.isInteger(number) || number < 1 || number > charter.currentVersion) return null;
  const row = await db.charterVersion.findUnique({
    where: { charterId_number: { charterId: charter.id, number } },
    select: { number: true, rules: true, parameters: true, changes: true, createdAt: true, proposalId: true },
  });
  if (!row) return null;
  const parameters = charterParametersSchema.safeParse(row.parameters);
  const changes = amendmentSchema.safeParse(row.changes);
  const proposal = row.proposalId
    ? await db.proposal.findUnique({ where: { id: row.proposalId }, select: { id: true, title: true } })
    : null;
  return {
    number: row.number,
    currentVersion: charter.currentVersion,
    createdAt: row.createdAt,
    rules: parseRules(row.rules),
    parameters: parameters.success ? parameters.data : defaultCharterParameters,
    changes: changes.success ? changes.data : [],
    proposal,
  };
}

/** Every version, newest first, with the proposal that made it (two queries whatever the count). */
export async function listCharterVersions(db: DbTx, communityId: string): Promise<CharterVersionSummary[]> {
  const rows = await db.charterVersion.findMany({
    where: { charter: { communityId } },
    orderBy: { number: "desc" },
    select: { number: true, createdAt: true, changes: true, proposalId: true },
  });
  const ids = rows.map((row) => row.proposalId).filter((id): id is string => Boolean(id));
  const proposals = ids.length
    ? await db.proposal.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } })
    : [];
  const byId = new Map(proposals.map((proposal) => [proposal.id, proposal]));
  return rows.map((row) => ({
    number: row.number,
    createdAt: row.createdAt,
    changeCount: Array.isArray(row.changes) ? row.changes.length : 0,
    proposal: row.proposalId ? (byId.get(row.proposalId) ?? null) : null,
  }));
}

/** Checked read for pages and exports: 404 when the person may not read the community (or no such version). */
export async function readCharter(db: DbTx, { actor, slug, version }: { actor: Actor | null; slug: string; version?: number }) {
  const { community } = await requireCommunityAccess(db, { slug, actor, action: "charter.read" });
  const charter = await getCharter(db, { communityId: community.id, version });
  return { community, charter };
}
