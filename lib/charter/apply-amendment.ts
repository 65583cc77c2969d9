/**
 * An adopted CHARTER_AMENDMENT proposal becomes charter version N+1. Runs inside the caller's
 * transaction (the one that stores the decision), so the decision and the new version exist together
 * or not at all. validateAmendment() checks the same changes against the current version when the
 * proposal is created, so a proposal that could never apply is refused early.
 */
import type { DbTx } from "@/lib/db/client";
import { Prisma as PrismaNs, type Prisma } from "@/lib/generated/prisma/client";
import { AppError, isAppError } from "@/lib/core/errors";
import { recordAudit } from "@/lib/audit/record";
import { logCharterVersion } from "@/lib/translog/events";
import { amendmentSchema, type CharterChange } from "./amendments";
import { applyChanges, diffVersions, parseRules, type CharterContent, type CharterDiff } from "./content";
import { charterParametersSchema, defaultCharterParameters } from "./parameters";

export class CharterNotFoundedError extends AppError {
  constructor() {
    super("charter_not_founded", "charter.errors.notFounded", 409);
  }
}

export class CharterConflictError extends AppError {
  constructor() {
    super("charter_conflict", "charter.errors.conflict", 409);
  }
}

/** The highest rule number any version ever used (repealed numbers are never reused). */
async function highestRuleNumber(db: DbTx, charterId: string): Promise<number> {
  const rows = await db.$queryRaw<{ highest: number | null }[]>`
    SELECT max((rule->>'number')::int) AS highest
    FROM "CharterVersion" v, jsonb_array_elements(v.rules) AS rule
    WHERE v."charterId" = ${charterId}`;
  return Number(rows[0]?.highest ?? 0);
}

async function currentContent(db: DbTx, charterId: string, number: number): Promise<CharterContent> {
  const version = await db.charterVersion.findUniqueOrThrow({
    where: { charterId_number: { charterId, number } },
    select: { rules: true, parameters: true },
  });
  const parameters = charterParametersSchema.safeParse(version.parameters);
  return { rules: parseRules(version.rules), parameters: parameters.success ? parameters.data : defaultCharterParameters };
}

function parseChanges(changes: unknown): CharterChange[] {
  const parsed = amendmentSchema.safeParse(changes);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.message && /^[a-z]+(\.[A-Za-z]+)+$/.test(issue.message) ? issue.message : "charter.errors.invalidChange";
    throw new AppError("charter_change_invalid", key, 400, undefined, ["changes", ...(issue?.path ?? [])].join("."));
  }
  return parsed.data;
}

/**
 * Throws the AppError the amendment would raise if applied now (400 malformed or invalid parameter,
 * 409 unknown rule or charter not founded); returns the resulting content otherwise.
 */
export async function validateAmendment(db: DbTx, communityId: string, changes: unknown): Promise<CharterContent> {
  const parsed = parseChanges(changes);
  const charter = await db.charter.findUnique({ where: { communityId }, select: { id: true, currentVersion: true } });
  if (!charter || charter.currentVersion === 0) throw new CharterNotFoundedError();
  const content = await currentContent(db, charter.id, charter.currentVersion);
  return applyChanges(content, parsed, { highestNumber: await highestRuleNumber(db, charter.id) });
}

/**
 * What the amendment would change in the charter as it stands now, as the history shows an adopted
 * version (voters read a diff, not the changes' JSON); null when it no longer applies.
 */
export async function previewAmendment(db: DbTx, communityId: string, changes: unknown): Promise<CharterDiff | null> {
  try {
    const charter = await db.charter.findUnique({ where: { communityId }, select: { id: true, currentVersion: true } });
    if (!charter || charter.currentVersion === 0) return null;
    const before = await currentContent(db, charter.id, charter.currentVersion);
    const after = applyChanges(before, parseChanges(changes), { highestNumber: await highestRuleNumber(db, charter.id) });
    return diffVersions(before, after);
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

async function createVersion(tx: DbTx, data: Prisma.CharterVersionUncheckedCreateInput) {
  try {
    await tx.charterVersion.create({ data });
  } catch (error) {
    // The unique (charterId, number) and proposalId are the last arbiters of a race.
    if (error instanceof PrismaNs.PrismaClientKnownRequestError && error.code === "P2002") throw new CharterConflictError();
    throw error;
  }
}

export async function applyAmendment(
  tx: DbTx,
  {
    communityId,
    proposalId,
    changes,
    actorId,
  }: { communityId: string; proposalId: string; changes: unknown; actorId: string | null },
): Promise<{ version: number }> {
  const parsed = parseChanges(changes);
  // Lock the charter row for the caller's transaction: two amendments adopted at once apply one
  // after the other (N+1, then N+2 on top of it) instead of both starting from N.
  const [charter] = await tx.$queryRaw<{ id: string; currentVersion: number }[]>`
    SELECT id, "currentVersion" FROM "Charter" WHERE "communityId" = ${communityId} FOR UPDATE`;
  if (!charter || charter.currentVersion === 0) throw new CharterNotFoundedError();
  const base = charter.currentVersion;
  // Applied already (the proposal closed twice, or two workers raced): never a second version.
  const applied = await tx.charterVersion.findUnique({ where: { proposalId }, select: { id: true } });
  if (applied) throw new CharterConflictError();
  // Everything that can fail on bad changes runs before any write: a caller that catches the error
  // (to record the decision as not applicable) is left with nothing half-done.
  const content = applyChanges(await currentContent(tx, charter.id, base), parsed, {
    highestNumber: await highestRuleNumber(tx, charter.id),
  });
  // Conditional update: even without the lock (a client outside a transaction), a second application
  // from the same base finds currentVersion moved and stops here instead of creating N+1 twice.
  const moved = await tx.charter.updateMany({
    where: { id: charter.id, currentVersion: base },
    data: { currentVersion: base + 1 },
  });
  if (moved.count === 0) throw new CharterConflictError();
  await createVersion(tx, {
    charterId: charter.id,
    number: base + 1,
    rules: content.rules as Prisma.InputJsonArray,
    parameters: content.parameters as Prisma.InputJsonObject,
    changes: parsed as Prisma.InputJsonArray,
    proposalId,
    createdById: actorId,
  });
  await recordAudit(tx, {
    actorId,
    communityId,
    action: "charter.amended",
    details: { version: base + 1, proposalId, changes: parsed.length },
  });
  await logCharterVersion(tx, { communityId, number: base + 1 });
  return { version: base + 1 };
}
