/**
 * A proposal with its community and the person's policy subject; 404 when they may not read it.
 *
 * One statement: the proposal, its community and the person's membership are read together (Prisma
 * would send one query per relation). getProposalView reads the same columns inside its own single
 * statement (`proposalAccessColumns`, `proposalAccessJoins`, `proposalAccessOf`), so every reader of a
 * proposal builds the policy's subject from the same row, the same way.
 */
import type { DbTx } from "@/lib/db/client";
import { dateOf, epochMs, readRows } from "@/lib/db/read";
import { Prisma } from "@/lib/generated/prisma/client";
import type {
  ActorKind,
  JoinPolicy,
  MemberRole,
  MembershipStatus,
  ProposalStatus,
  Visibility,
} from "@/lib/generated/prisma/enums";
import type { Subject } from "@/lib/policy/roles";
import { assertCan, can, NotFoundError, UnauthenticatedError, type Action } from "@/lib/policy/can";
import type { Actor } from "@/lib/communities/access";

/** The row of the access read: proposal `p`, community `c`, the person's membership `m`. */
export type ProposalAccessRow = {
  p_id: string;
  p_authorId: string;
  p_status: ProposalStatus;
  p_communityId: string;
  c_slug: string;
  c_name: string;
  c_summary: string;
  c_description: string;
  c_visibility: Visibility;
  c_joinPolicy: JoinPolicy;
  c_weightingEnabled: boolean;
  c_collegeMinWeight: number;
  c_collegeMaxWeight: number;
  c_createdAt: number;
  m_id: string | null;
  m_role: MemberRole | null;
  m_status: MembershipStatus | null;
  m_suspendedUntil: number | null;
  m_college: ActorKind | null;
};

/** The columns of {@link ProposalAccessRow}, over `"Proposal" p` and {@link proposalAccessJoins}. */
export const proposalAccessColumns = Prisma.sql`
  p."id" AS "p_id", p."authorId" AS "p_authorId", p."status"::text AS "p_status", p."communityId" AS "p_communityId",
  c."slug" AS "c_slug", c."name" AS "c_name", c."summary" AS "c_summary", c."description" AS "c_description",
  c."visibility"::text AS "c_visibility", c."joinPolicy"::text AS "c_joinPolicy",
  c."weightingEnabled" AS "c_weightingEnabled", c."collegeMinWeight" AS "c_collegeMinWeight",
  c."collegeMaxWeight" AS "c_collegeMaxWeight", ${epochMs(Prisma.raw('c."createdAt"'))} AS "c_createdAt",
  m."id" AS "m_id", m."role"::text AS "m_role", m."status"::text AS "m_status",
  ${epochMs(Prisma.raw('m."suspendedUntil"'))} AS "m_suspendedUntil", m."college"::text AS "m_college"`;

/** The proposal's community (`c`) and the person's membership there (`m`, none when anonymous). */
export function proposalAccessJoins(actor: Actor | null): Prisma.Sql {
  return Prisma.sql`JOIN "Community" c ON c."id" = p."communityId"
    LEFT JOIN "Membership" m ON ${actor ? Prisma.sql`m."communityId" = c."id" AND m."userId" = ${actor.id}` : Prisma.sql`false`}`;
}

/** The access as loadCommunityAccess gives it (community, membership, subject), with the proposal. */
export function proposalAccessOf(row: ProposalAccessRow, actor: Actor | null) {
  const community = {
    id: row.p_communityId,
    slug: row.c_slug,
    name: row.c_name,
    summary: row.c_summary,
    description: row.c_description,
    visibility: row.c_visibility,
    joinPolicy: row.c_joinPolicy,
    weightingEnabled: row.c_weightingEnabled,
    collegeMinWeight: row.c_collegeMinWeight,
    collegeMaxWeight: row.c_collegeMaxWeight,
    createdAt: new Date(row.c_createdAt),
  };
  const membership =
    row.m_id && row.m_role && row.m_status && row.m_college
      ? {
          id: row.m_id,
          role: row.m_role,
          status: row.m_status,
          suspendedUntil: dateOf(row.m_suspendedUntil),
          college: row.m_college,
        }
      : null;
  const subject: Subject = { user: actor, membership };
  const proposal = {
    id: row.p_id,
    authorId: row.p_authorId,
    status: row.p_status,
    communityId: row.p_communityId,
    community: { slug: row.c_slug },
  };
  return { proposal, community, membership, subject };
}

export type ProposalAccess = ReturnType<typeof proposalAccessOf>;

/** The checks every reader of a proposal makes: may read its community (404 otherwise), then `action`. */
export function assertProposalAccess(access: ProposalAccess, action?: Action): void {
  assertCan(access.subject, "community.read", access.community);
  if (action) assertCan(access.subject, action, access.community);
}

export async function requireProposalAccess(
  db: DbTx,
  { proposalId, actor, action }: { proposalId: string; actor: Actor | null; action?: Action },
): Promise<ProposalAccess> {
  const [row] = await readRows<ProposalAccessRow>(
    db,
    Prisma.sql`SELECT ${proposalAccessColumns} FROM "Proposal" p ${proposalAccessJoins(actor)} WHERE p."id" = ${proposalId}`,
  );
  if (!row) throw new NotFoundError();
  const access = proposalAccessOf(row, actor);
  assertProposalAccess(access, action);
  return access;
}

/** Authors manage their own proposals while they may still propose; administrators manage any. */
export function canManage(access: ProposalAccess, actor: Actor | null): boolean {
  if (!actor) throw new UnauthenticatedError();
  const { proposal, subject, community } = access;
  if (can(subject, "proposal.manage", community)) return true;
  return proposal.authorId === actor.id && can(subject, "proposal.create", community);
}
