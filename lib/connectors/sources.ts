/**
 * A commons' contribution sources, managed by those who carry it and administrators
 * ("commons.manageSources", canManageSources): attaching one (its webhook secret shown once),
 * rotating the secret, turning it off or changing whether its contributions count at once, and
 * reading its deliveries, last error and "to claim" list. A source of another commons is a 404.
 */
import type { Db, DbTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { ForbiddenError, NotFoundError, UnauthenticatedError, canManageSources } from "@/lib/policy/can";
import type { Actor } from "@/lib/communities/access";
import { ledgerAccess, type LedgerAccess } from "@/lib/commons/ledger";
import { withInput } from "@/lib/core/use-case";
import { createSourceSchema, isWebhookKind, updateSourceSchema, type CreateSource } from "./schemas";
import { encryptSecret, generateSecret, secretHint } from "./secret";

export type CommonsRef = { communitySlug: string; commonsSlug: string } | { commonsId: string };

/** The commons if the person may manage its sources; 404 if they may not see it, 403 otherwise. */
export async function sourcesAccess(db: DbTx, actor: Actor | null, ref: CommonsRef): Promise<LedgerAccess> {
  if (!actor) throw new UnauthenticatedError();
  const access = await ledgerAccess(db, actor, ref);
  if (!canManageSources(access.access.subject, access.access.community, { carried: access.isSteward })) {
    throw new ForbiddenError("commons.manageSources");
  }
  return access;
}

/** Whether the person may manage the commons' sources (for pages deciding which controls to show). */
export function mayManageSources(access: LedgerAccess): boolean {
  return canManageSources(access.access.subject, access.access.community, { carried: access.isSteward });
}

function configOf(input: CreateSource): Prisma.InputJsonObject {
  switch (input.kind) {
    case "OSM":
      return { displayName: input.osmUser ?? null, bbox: input.osmBbox ?? null };
    case "STAC":
      return { url: input.stacUrl ?? null, collection: input.stacCollection ?? null, author: input.stacAuthor ?? null };
    default:
      return {};
  }
}

export const createSource = withInput(
  createSourceSchema,
  async (
    db: Db,
    { actor, input, ...ref }: { actor: Actor | null; input: CreateSource } & CommonsRef,
  ): Promise<{ id: string; secret: string | null }> => {
    const { commons } = await sourcesAccess(db, actor, ref);
    const secret = isWebhookKind(input.kind) ? generateSecret() : null;
    return db.$transaction(async (tx) => {
      const source = await tx.contributionSource.create({
        data: {
          commonsId: commons.id,
          kind: input.kind,
          label: input.label,
          autoValidate: input.autoValidate,
          contributionType: input.contributionType,
          config: configOf(input),
          secretCiphertext: secret ? encryptSecret(secret) : null,
          secretHint: secret ? secretHint(secret) : null,
          createdById: actor!.id,
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: actor!.id,
        communityId: commons.community.id,
        action: "source.attached",
        details: { commonsId: commons.id, commonsSlug: commons.slug, sourceId: source.id, kind: input.kind, label: input.label },
      });
      return { id: source.id, secret };
    });
  },
);

async function ownSource(db: DbTx, commonsId: string, sourceId: string) {
  const source = await db.contributionSource.findUnique({
    where: { id: sourceId },
    select: { id: true, commonsId: true, kind: true },
  });
  if (!source || source.commonsId !== commonsId) throw new NotFoundError();
  return source;
}

/** A new secret replaces the old one at once (deliveries signed with the old one are refused from now on). */
export async function rotateSecret(
  db: Db,
  { actor, sourceId, ...ref }: { actor: Actor | null; sourceId: string } & CommonsRef,
): Promise<{ secret: string }> {
  const { commons } = await sourcesAccess(db, actor, ref);
  const source = await ownSource(db, commons.id, sourceId);
  if (!isWebhookKind(source.kind)) throw new NotFoundError();
  const secret = generateSecret();
  await db.$transaction(async (tx) => {
    await tx.contributionSource.update({
      where: { id: source.id },
      data: { secretCiphertext: encryptSecret(secret), secretHint: secretHint(secret), secretRotatedAt: new Date() },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      communityId: commons.community.id,
      action: "source.secretRotated",
      details: { commonsId: commons.id, commonsSlug: commons.slug, sourceId: source.id },
    });
  });
  return { secret };
}

export const updateSource = withInput(
  updateSourceSchema,
  async (
    db: Db,
    {
      actor,
      input,
      ...ref
    }: { actor: Actor | null; input: { sourceId: string; autoValidate: boolean; active: boolean } } & CommonsRef,
  ): Promise<void> => {
    const { commons } = await sourcesAccess(db, actor, ref);
    const source = await ownSource(db, commons.id, input.sourceId);
    await db.$transaction(async (tx) => {
      await tx.contributionSource.update({
        where: { id: source.id },
        data: { autoValidate: input.autoValidate, active: input.active },
      });
      await recordAudit(tx, {
        actorId: actor!.id,
        communityId: commons.community.id,
        action: "source.updated",
        details: {
          commonsId: commons.id,
          commonsSlug: commons.slug,
          sourceId: source.id,
          autoValidate: input.autoValidate,
          active: input.active,
        },
      });
    });
  },
);

export type SourceView = {
  id: string;
  kind: string;
  label: string;
  autoValidate: boolean;
  active: boolean;
  contributionType: string;
  config: Record<string, unknown>;
  secretHint: string | null;
  secretRotatedAt: Date | null;
  ignoredCount: number;
  lastDeliveryAt: Date | null;
  lastImportAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  createdAt: Date;
  contributions: number;
  deliveries: { id: string; externalId: string; event: string; outcome: string; receivedAt: Date }[];
  toClaim: ToClaimView[];
};

export type ToClaimView = {
  id: string;
  provider: string;
  externalUsername: string;
  type: string;
  description: string;
  date: Date;
  quantity: number | null;
  unit: string | null;
  link: string | null;
};

const toClaimSelect = {
  id: true,
  provider: true,
  externalUsername: true,
  type: true,
  description: true,
  date: true,
  quantity: true,
  unit: true,
  link: true,
} as const;

/** The commons' sources with their last deliveries and unclaimed events (stewards and administrators). */
export async function listSources(db: Db, { actor, ...ref }: { actor: Actor | null } & CommonsRef): Promise<SourceView[]> {
  const { commons } = await sourcesAccess(db, actor, ref);
  const sources = await db.contributionSource.findMany({
    where: { commonsId: commons.id },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      kind: true,
      label: true,
      autoValidate: true,
      active: true,
      contributionType: true,
      config: true,
      secretHint: true,
      secretRotatedAt: true,
      ignoredCount: true,
      lastDeliveryAt: true,
      lastImportAt: true,
      lastError: true,
      lastErrorAt: true,
      createdAt: true,
      _count: { select: { contributions: true } },
      deliveries: {
        orderBy: { receivedAt: "desc" },
        take: 10,
        select: { id: true, externalId: true, event: true, outcome: true, receivedAt: true },
      },
      unmatched: { where: { claimedAt: null }, orderBy: { date: "desc" }, take: 50, select: toClaimSelect },
    },
  });
  return sources.map(({ _count, unmatched, config, ...source }) => ({
    ...source,
    config: (config ?? {}) as Record<string, unknown>,
    contributions: _count.contributions,
    toClaim: unmatched,
  }));
}

/** One source of the commons (404 when it belongs to another commons). */
export async function getSource(
  db: Db,
  { actor, sourceId, ...ref }: { actor: Actor | null; sourceId: string } & CommonsRef,
): Promise<SourceView> {
  const { commons } = await sourcesAccess(db, actor, ref);
  await ownSource(db, commons.id, sourceId);
  const all = await listSources(db, { actor, commonsId: commons.id });
  const found = all.find((s) => s.id === sourceId);
  if (!found) throw new NotFoundError();
  return found;
}
