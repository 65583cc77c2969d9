/**
 * What the use cases call, inside their transaction, to notify about what they just did. Each hook
 * builds the recipients and the data of one kind; the actor is never notified of their own act.
 */
import type { Db, DbTx } from "@/lib/db/client";
import { communityMembers, followersOf, proposalPath } from "./audience";
import { notify } from "./notify";

const nameOf = (user: { displayName: string | null; name: string | null } | null) => user?.displayName ?? user?.name ?? "";
const without = (ids: string[], actorId: string) => ids.filter((id) => id !== actorId);

/** A proposal is put up for discussion: its community's members, and the followers of its commons. */
export async function notifyProposalCreated(tx: DbTx, { proposalId, actorId }: { proposalId: string; actorId: string }) {
  const proposal = await tx.proposal.findUnique({
    where: { id: proposalId },
    select: { id: true, kind: true, title: true, communityId: true, commonsId: true, community: { select: { name: true } } },
  });
  if (!proposal) return;
  const followers = proposal.commonsId
    ? await followersOf(tx, proposal.communityId, [{ targetKind: "COMMONS", targetId: proposal.commonsId }])
    : [];
  await notify(tx, {
    userIds: without([...(await communityMembers(tx, proposal.communityId)), ...followers], actorId),
    kind: "proposal.created",
    communityId: proposal.communityId,
    data: {
      title: proposal.title,
      proposalKind: proposal.kind,
      path: proposalPath(proposal.id),
      communityName: proposal.community.name,
    },
  });
}

/** Lower-case, accents removed, anything else than letters and digits turned into single dashes. */
export function mentionSlug(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * The members a comment mentions: `@name` where name is a member's display name (as typed, any case,
 * also with spaces) or its slug ("@marie-curie" for "Marie Curie").
 */
export function findMentions(body: string, members: { id: string; name: string }[]): string[] {
  if (!body.includes("@")) return [];
  const tokens = new Set([...body.matchAll(/@([\p{L}\p{N}_.'-]+)/gu)].map((m) => mentionSlug(m[1] ?? "")));
  const lower = body.toLowerCase();
  return members
    .filter(({ name }) => {
      if (!name) return false;
      const slug = mentionSlug(name);
      if (slug && tokens.has(slug)) return true;
      // "@Marie Curie": the whole name after the @, not followed by more of a word.
      const at = lower.indexOf(`@${name.toLowerCase()}`);
      if (at < 0) return false;
      const next = body.charAt(at + 1 + name.length);
      return !/[\p{L}\p{N}]/u.test(next);
    })
    .map((m) => m.id);
}

/** A new comment: its parent's author hears of the reply; members named with @ of the mention. */
export async function notifyComment(tx: DbTx, { commentId, actorId }: { commentId: string; actorId: string }): Promise<void> {
  const comment = await tx.proposalComment.findUnique({
    where: { id: commentId },
    select: { id: true, body: true, parentId: true, proposalId: true },
  });
  if (!comment) return;
  const proposal = await tx.proposal.findUnique({
    where: { id: comment.proposalId },
    select: { id: true, kind: true, title: true, communityId: true, community: { select: { name: true } } },
  });
  if (!proposal) return;
  const author = await tx.user.findUnique({ where: { id: actorId }, select: { displayName: true, name: true } });
  const data = {
    title: proposal.title,
    proposalKind: proposal.kind,
    path: `${proposalPath(proposal.id)}#comments-title`,
    communityName: proposal.community.name,
    authorName: nameOf(author),
    personId: actorId,
  };
  let replied: string | null = null;
  if (comment.parentId) {
    const parent = await tx.proposalComment.findUnique({ where: { id: comment.parentId }, select: { authorId: true } });
    if (parent && parent.authorId !== actorId) {
      replied = parent.authorId;
      await notify(tx, { userIds: [parent.authorId], kind: "comment.reply", communityId: proposal.communityId, data });
    }
  }
  if (!comment.body.includes("@")) return;
  const members = await tx.membership.findMany({
    where: { communityId: proposal.communityId, status: { in: ["ACTIVE", "SUSPENDED"] } },
    select: { userId: true, user: { select: { displayName: true, name: true } } },
  });
  const mentioned = findMentions(
    comment.body,
    members.map((m) => ({ id: m.userId, name: nameOf(m.user) })),
  ).filter((id) => id !== actorId && id !== replied);
  await notify(tx, { userIds: mentioned, kind: "comment.mention", communityId: proposal.communityId, data });
}

/** Someone asks to join: the community's administrators. */
export async function notifyMembershipRequested(
  tx: DbTx,
  { communityId, requesterId }: { communityId: string; requesterId: string },
) {
  const community = await tx.community.findUnique({ where: { id: communityId }, select: { name: true, slug: true } });
  if (!community) return;
  const requester = await tx.user.findUnique({ where: { id: requesterId }, select: { displayName: true, name: true } });
  await notify(tx, {
    userIds: without(await communityMembers(tx, communityId, { roles: ["ADMIN"] }), requesterId),
    kind: "membership.requested",
    communityId,
    data: {
      title: community.name,
      path: `/communities/${community.slug}/admin`,
      requesterName: nameOf(requester),
      personId: requesterId,
    },
  });
}

/** The outcome of a request to join: the requester. */
export async function notifyMembershipDecided(
  tx: DbTx,
  { communityId, userId, approved, message }: { communityId: string; userId: string; approved: boolean; message?: string | null },
) {
  const community = await tx.community.findUnique({ where: { id: communityId }, select: { name: true, slug: true } });
  if (!community) return;
  await notify(tx, {
    userIds: [userId],
    kind: "membership.decided",
    communityId,
    data: { title: community.name, path: `/communities/${community.slug}`, accepted: approved, reason: message ?? null },
  });
}

/** An invitation to an address that already has an account: in the app as well as by email. */
export async function notifyInvitation(
  tx: DbTx,
  { communityId, email, inviterId, token }: { communityId: string; email: string; inviterId: string; token: string },
) {
  const invitee = await tx.user.findUnique({ where: { email }, select: { id: true } });
  if (!invitee) return;
  const [community, inviter] = await Promise.all([
    tx.community.findUnique({ where: { id: communityId }, select: { name: true } }),
    tx.user.findUnique({ where: { id: inviterId }, select: { displayName: true, name: true } }),
  ]);
  if (!community) return;
  await notify(tx, {
    userIds: [invitee.id],
    kind: "invitation.received",
    communityId,
    data: { title: community.name, path: `/invitations/${token}`, inviterName: nameOf(inviter), personId: inviterId },
  });
}

/**
 * A commons changed status: its followers (those who may read it). To be called by lib/commons in
 * the transaction of the change (transition() in commons.ts, applyAdoptionOutcome() in adoption.ts),
 * after the update: `notifyCommonsUpdated(tx, { commonsId, actorId })` (actorId null for a vote).
 */
export async function notifyCommonsUpdated(tx: DbTx, { commonsId, actorId }: { commonsId: string; actorId?: string | null }) {
  const commons = await tx.commons.findUnique({
    where: { id: commonsId },
    select: {
      id: true,
      slug: true,
      title: true,
      status: true,
      communityId: true,
      community: { select: { slug: true, name: true } },
    },
  });
  if (!commons) return;
  const followers = await followersOf(tx, commons.communityId, [{ targetKind: "COMMONS", targetId: commons.id }]);
  await notify(tx, {
    userIds: actorId ? without(followers, actorId) : followers,
    kind: "commons.updated",
    communityId: commons.communityId,
    data: {
      title: commons.title,
      path: `/communities/${commons.community.slug}/commons/${commons.slug}`,
      communityName: commons.community.name,
      status: commons.status,
    },
  });
}

/**
 * Runs `fn` in a transaction: a new one on a client, the caller's own when `db` already is one (use
 * cases typed with DbTx accept both), so a change and its notifications commit together.
 */
export async function inTransaction<T>(db: DbTx, fn: (tx: DbTx) => Promise<T>): Promise<T> {
  const client = db as Partial<Pick<Db, "$transaction">>;
  return typeof client.$transaction === "function" ? client.$transaction((tx) => fn(tx)) : fn(db);
}
