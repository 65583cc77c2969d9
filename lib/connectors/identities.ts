/**
 * A member's accounts elsewhere (issue 16): they link one (provider + username) and receive a
 * challenge string; they publish it where only that account can (a public gist's description on
 * GitHub, their profile's bio on GitLab or Gitea/Forgejo, their OpenStreetMap profile text, the title
 * or description of a collection they produced on a STAC/Panoramax server of the platform's sources), and
 * verification fetches it from the provider (base URLs configurable). A verified identity belongs
 * to one member only: linking one that another member verified is refused at the field, and the
 * partial unique index of the migration settles two verifications racing. Once verified, the
 * member may claim the events of that account waiting in sources' "to claim" lists.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/core/errors";
import { invalidField } from "@/lib/core/validation";
import { withInput } from "@/lib/core/use-case";
import { Prisma } from "@/lib/generated/prisma/client";
import type { IdentityProvider } from "@/lib/generated/prisma/enums";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError, UnauthenticatedError } from "@/lib/policy/can";
import type { Actor } from "@/lib/communities/access";
import { linkIdentitySchema, type LinkableProvider } from "./schemas";
import { identityKey, createSourcedContribution, mayRecordIn } from "./record";
import { assertPublicUrl, connectorUrls, fetchCapped, joinUrl, type ConnectorUrls } from "./settings";

export class IdentityTakenError extends AppError {
  constructor() {
    super("identity_taken", "connectors.errors.identityTaken", 409, undefined, "username");
  }
}

const newChallenge = () => `geocommuns-verify-${randomBytes(12).toString("hex")}`;

export type IdentityView = {
  id: string;
  provider: IdentityProvider;
  externalUsername: string;
  challenge: string;
  verifiedAt: Date | null;
  createdAt: Date;
};

export async function listIdentities(db: Db, { actor }: { actor: Actor | null }): Promise<IdentityView[]> {
  if (!actor) throw new UnauthenticatedError();
  return db.externalIdentity.findMany({
    where: { userId: actor.id },
    orderBy: { createdAt: "asc" },
    select: { id: true, provider: true, externalUsername: true, challenge: true, verifiedAt: true, createdAt: true },
  });
}

async function takenByAnother(db: Db, userId: string, provider: IdentityProvider, key: string): Promise<boolean> {
  const other = await db.externalIdentity.findFirst({
    where: { provider, externalKey: key, verifiedAt: { not: null }, userId: { not: userId } },
    select: { id: true },
  });
  return other !== null;
}

export const linkIdentity = withInput(
  linkIdentitySchema,
  async (
    db: Db,
    { actor, input }: { actor: Actor | null; input: { provider: LinkableProvider; username: string } },
  ): Promise<IdentityView> => {
    if (!actor) throw new UnauthenticatedError();
    const key = identityKey(input.username);
    if (await takenByAnother(db, actor.id, input.provider, key))
      throw invalidField("username", "connectors.errors.identityTaken");
    const select = {
      id: true,
      provider: true,
      externalUsername: true,
      challenge: true,
      verifiedAt: true,
      createdAt: true,
    } as const;
    const existing = await db.externalIdentity.findUnique({
      where: { userId_provider_externalKey: { userId: actor.id, provider: input.provider, externalKey: key } },
      select,
    });
    if (existing) return existing;
    return db.externalIdentity.create({
      data: {
        userId: actor.id,
        provider: input.provider,
        externalUsername: input.username,
        externalKey: key,
        challenge: newChallenge(),
      },
      select,
    });
  },
);

export async function unlinkIdentity(db: Db, { actor, identityId }: { actor: Actor | null; identityId: string }): Promise<void> {
  if (!actor) throw new UnauthenticatedError();
  const { count } = await db.externalIdentity.deleteMany({ where: { id: identityId, userId: actor.id } });
  if (count === 0) throw new NotFoundError();
}

type Json = Record<string, unknown>;
const asJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("verify_unavailable", "connectors.errors.verifyUnavailable", 502);
  }
};
const text = (value: unknown) => (typeof value === "string" ? value : "");

/** Where the challenge must appear for this account: the texts to search, fetched from the provider. */
async function publishedTexts(
  provider: IdentityProvider,
  username: string,
  urls: ConnectorUrls,
  stacServers: () => Promise<string[]>,
): Promise<string[]> {
  const name = encodeURIComponent(username);
  switch (provider) {
    case "GITHUB": {
      const gists = asJson(await fetchCapped(joinUrl(urls.github, `/users/${name}/gists?per_page=100`)));
      return Array.isArray(gists) ? gists.map((g) => text((g as Json).description)) : [];
    }
    case "GITLAB": {
      const users = asJson(await fetchCapped(joinUrl(urls.gitlab, `/api/v4/users?username=${name}`)));
      const id = Array.isArray(users) ? (users[0] as Json | undefined)?.id : undefined;
      if (typeof id !== "number") return [];
      const user = asJson(await fetchCapped(joinUrl(urls.gitlab, `/api/v4/users/${id}`))) as Json;
      return [text(user.bio)];
    }
    case "GITEA": {
      const user = asJson(await fetchCapped(joinUrl(urls.gitea, `/api/v1/users/${name}`))) as Json;
      return [text(user.description)];
    }
    case "OSM": {
      // The OSM API finds a user by id only: their changesets (display_name) name it.
      const xml = await fetchCapped(joinUrl(urls.osm, `/api/0.6/changesets?display_name=${name}&limit=1`));
      const uid = /<changeset\b[^>]*\buid="(\d+)"/.exec(xml)?.[1];
      if (!uid) return [];
      const user = asJson(await fetchCapped(joinUrl(urls.osm, `/api/0.6/user/${uid}.json`))) as { user?: Json };
      return [text(user.user?.description)];
    }
    case "STAC": {
      // A collection (a Panoramax sequence) the account produced, on a STAC server of the platform's
      // sources, whose title or description holds the challenge.
      const texts: string[] = [];
      for (const server of await stacServers()) {
        await assertPublicUrl(server);
        let next: string | null = joinUrl(server, "/collections?limit=100");
        for (let page = 0; next && page < 5; page++) {
          const body = asJson(await fetchCapped(next, { redirect: "error" })) as { collections?: unknown; links?: unknown };
          const collections = Array.isArray(body.collections) ? (body.collections as Json[]) : [];
          for (const collection of collections) {
            const providers = Array.isArray(collection.providers) ? (collection.providers as Json[]) : [];
            const produced = providers.some(
              (p) =>
                typeof p.name === "string" &&
                p.name.toLowerCase() === username.toLowerCase() &&
                Array.isArray(p.roles) &&
                p.roles.includes("producer"),
            );
            if (produced) texts.push(`${text(collection.title)}\n${text(collection.description)}`);
          }
          const links = Array.isArray(body.links) ? (body.links as Json[]) : [];
          const href = links.find((l) => l.rel === "next" && typeof l.href === "string")?.href as string | undefined;
          next = href && new URL(href, next).origin === new URL(server).origin ? new URL(href, next).toString() : null;
        }
      }
      return texts;
    }
    default:
      throw new AppError("not_verifiable", "connectors.errors.notVerifiable", 409);
  }
}

/** The STAC servers of the platform's active STAC sources (where a Panoramax account may publish its challenge). */
async function stacServersOf(db: Db): Promise<string[]> {
  const sources = await db.contributionSource.findMany({ where: { kind: "STAC", active: true }, select: { config: true } });
  const urls = sources.map((s) => (s.config as { url?: unknown } | null)?.url).filter((u): u is string => typeof u === "string");
  return [...new Set(urls)].slice(0, 10);
}

/** Looks for the challenge where the account publishes it; verifies the identity when found. */
export async function verifyIdentity(
  db: Db,
  { actor, identityId, urls = connectorUrls() }: { actor: Actor | null; identityId: string; urls?: ConnectorUrls },
): Promise<{ verified: true }> {
  if (!actor) throw new UnauthenticatedError();
  const identity = await db.externalIdentity.findFirst({ where: { id: identityId, userId: actor.id } });
  if (!identity) throw new NotFoundError();
  if (identity.verifiedAt) return { verified: true };
  if (await takenByAnother(db, actor.id, identity.provider, identity.externalKey)) throw new IdentityTakenError();
  if (await signedInThroughForge(db, actor.id, identity, urls)) {
    await markVerified(db, actor.id, identity, "oauth");
    return { verified: true };
  }
  let texts: string[];
  try {
    texts = await publishedTexts(identity.provider, identity.externalUsername, urls, () => stacServersOf(db));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("verify_unavailable", "connectors.errors.verifyUnavailable", 502);
  }
  if (!texts.some((t) => t.includes(identity.challenge))) {
    throw new AppError("challenge_not_found", "connectors.errors.challengeNotFound", 409);
  }
  await markVerified(db, actor.id, identity, "challenge");
  return { verified: true };
}

async function markVerified(
  db: Db,
  actorId: string,
  identity: { id: string; provider: IdentityProvider; externalUsername: string },
  how: "challenge" | "oauth",
): Promise<void> {
  try {
    await db.$transaction(async (tx) => {
      await tx.externalIdentity.update({ where: { id: identity.id }, data: { verifiedAt: new Date(), verifiedBy: how } });
      await recordAudit(tx, {
        actorId,
        communityId: null,
        action: "identity.verified",
        details: { identityId: identity.id, provider: identity.provider, username: identity.externalUsername, how },
      });
    });
  } catch (error) {
    // Another member verified the same account in the meantime (partial unique index).
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new IdentityTakenError();
    throw error;
  }
}

/**
 * Where the platform's OpenID Connect provider is the forge itself (a GitLab or Gitea/Forgejo
 * instance), a person who signed in through it has proven the account: their sign-in's subject is
 * the forge's user id, which the forge's API gives for the username.
 */
async function signedInThroughForge(
  db: Db,
  userId: string,
  identity: { provider: IdentityProvider; externalUsername: string },
  urls: ConnectorUrls,
): Promise<boolean> {
  if (!urls.oidcIssuer || (identity.provider !== "GITLAB" && identity.provider !== "GITEA")) return false;
  const forge = identity.provider === "GITLAB" ? urls.gitlab : urls.gitea;
  if (new URL(urls.oidcIssuer).origin !== new URL(forge).origin) return false;
  const account = await db.account.findFirst({ where: { userId, provider: "oidc" }, select: { providerAccountId: true } });
  if (!account) return false;
  const name = encodeURIComponent(identity.externalUsername);
  try {
    const found =
      identity.provider === "GITLAB"
        ? (asJson(await fetchCapped(joinUrl(urls.gitlab, `/api/v4/users?username=${name}`))) as Json[])[0]
        : (asJson(await fetchCapped(joinUrl(urls.gitea, `/api/v1/users/${name}`))) as Json);
    return found !== undefined && found !== null && String(found.id) === account.providerAccountId;
  } catch {
    // The forge did not answer: the published challenge still works.
    return false;
  }
}

export type ClaimableEvent = {
  id: string;
  provider: IdentityProvider;
  externalUsername: string;
  description: string;
  date: Date;
  quantity: number | null;
  unit: string | null;
  link: string | null;
  commons: { slug: string; title: string; community: { slug: string; name: string } };
};

/** Unclaimed events of the person's verified accounts, in the communities where they are an active member. */
export async function claimableEvents(db: Db, { actor }: { actor: Actor | null }): Promise<ClaimableEvent[]> {
  if (!actor) throw new UnauthenticatedError();
  const identities = await db.externalIdentity.findMany({
    where: { userId: actor.id, verifiedAt: { not: null } },
    select: { provider: true, externalKey: true },
  });
  if (identities.length === 0) return [];
  const rows = await db.unmatchedEvent.findMany({
    where: {
      claimedAt: null,
      OR: identities.map((i) => ({ provider: i.provider, externalKey: i.externalKey })),
      // Only where they may record contributions (claimEvent checks it again).
      source: { commons: { community: { memberships: { some: { userId: actor.id, status: "ACTIVE" } } } } },
    },
    orderBy: { date: "desc" },
    take: 100,
    select: {
      id: true,
      provider: true,
      externalUsername: true,
      description: true,
      date: true,
      quantity: true,
      unit: true,
      link: true,
      source: { select: { commons: { select: { slug: true, title: true, community: { select: { slug: true, name: true } } } } } },
    },
  });
  return rows.map(({ source, ...row }) => ({ ...row, commons: source.commons }));
}

/** Claims an event of one of the person's verified accounts: it becomes their contribution. */
export async function claimEvent(
  db: Db,
  { actor, unmatchedId, now = new Date() }: { actor: Actor | null; unmatchedId: string; now?: Date },
): Promise<{ contributionId: string }> {
  if (!actor) throw new UnauthenticatedError();
  const event = await db.unmatchedEvent.findUnique({
    where: { id: unmatchedId },
    include: {
      source: {
        select: {
          id: true,
          kind: true,
          autoValidate: true,
          contributionType: true,
          commons: { select: { id: true, slug: true, community: { select: { id: true, slug: true } } } },
        },
      },
    },
  });
  if (!event) throw new NotFoundError();
  const identity = await db.externalIdentity.findFirst({
    where: { userId: actor.id, provider: event.provider, externalKey: event.externalKey, verifiedAt: { not: null } },
    select: { id: true },
  });
  // Someone else's event is not theirs to see.
  if (!identity) throw new NotFoundError();
  if (event.claimedAt) throw new AppError("already_claimed", "connectors.errors.alreadyClaimed", 409);
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { id: true, onboardedAt: true, isPlatformAdmin: true, platformSuspendedUntil: true },
  });
  if (!(await mayRecordIn(db, event.source.commons.community.slug, user))) {
    throw new AppError("not_a_member", "connectors.errors.notMember", 403);
  }
  return db.$transaction(async (tx) => {
    const { count } = await tx.unmatchedEvent.updateMany({
      where: { id: event.id, claimedAt: null },
      data: { claimedAt: now, claimedById: actor.id },
    });
    if (count === 0) throw new AppError("already_claimed", "connectors.errors.alreadyClaimed", 409);
    const contributionId = await createSourcedContribution(tx, event.source, event, actor.id, now, "claim");
    if (!contributionId) throw new AppError("already_claimed", "connectors.errors.alreadyClaimed", 409);
    await tx.unmatchedEvent.update({ where: { id: event.id }, data: { contributionId } });
    await recordAudit(tx, {
      actorId: actor.id,
      communityId: event.source.commons.community.id,
      action: "contribution.claimed",
      details: {
        commonsId: event.source.commons.id,
        commonsSlug: event.source.commons.slug,
        contributionId,
        unmatchedId: event.id,
      },
    });
    return { contributionId };
  });
}
