/**
 * What the proposal pages and the API show. Results appear only when visible: after the close (the
 * stored decision), or while voting when the proposal has live results (counted now, same shape).
 * Secret ballots never reveal who chose what; public ballots list voters and choices after the close.
 */
import { getCharterParameters } from "@/lib/charter/parameters";
import type { DbTx } from "@/lib/db/client";
import type { ProposalKind, ProposalOutcome, ProposalStatus, VotingMethod } from "@/lib/generated/prisma/enums";
import { requireCommunityAccess, type Actor } from "@/lib/communities/access";
import { can, NotFoundError } from "@/lib/policy/can";
import { proposalScope } from "@/lib/policy/scopes";
import { toPage, type Page } from "@/lib/core/pagination";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ProposalSort } from "./list-filters";
import { publishedBallots } from "@/lib/votes/published-ballots";
import { requireProposalAccess, canManage } from "./access";
import {
  countChoices,
  explainResult,
  publishedDecisionResult,
  publishedLiveCounts,
  standingOf,
  type ConsentReason,
  type ResultExplanation,
} from "./results";

export type ProposalListItem = {
  id: string;
  kind: ProposalKind;
  title: string;
  status: ProposalStatus;
  method: VotingMethod;
  outcome: ProposalOutcome | null;
  createdAt: Date;
  votingClosesAt: Date | null;
  author: string;
  /** An open public vote, for members: the electors who have not voted yet (null otherwise). */
  pendingElectors: string[] | null;
};

export async function listProposals(
  db: DbTx,
  {
    actor,
    slug,
    status,
    kind,
    q,
    sort,
    after,
    limit = 20,
  }: {
    actor: Actor | null;
    slug: string;
    status?: ProposalStatus;
    kind?: ProposalKind;
    /** Words that must each appear in the title or the text (case-insensitive). */
    q?: string;
    /** newest / oldest by creation; by id when absent (the API's stable order). */
    sort?: ProposalSort;
    after?: string;
    limit?: number;
  },
): Promise<Page<ProposalListItem>> {
  const { community, subject } = await requireCommunityAccess(db, { slug, actor, action: "community.read" });
  // Each word matched literally: LIKE's wildcards and escape character escaped (Prisma's `contains` leaves them).
  const words = (q ?? "")
    .split(" ")
    .filter(Boolean)
    .slice(0, 10)
    .map((word) => word.replace(/[\\%_]/g, "\\$&"));
  const direction = sort === "oldest" ? "asc" : "desc";
  // Keyset pagination on (createdAt, id) when sorted by date: the cursor row's place, found once.
  const from = after && sort ? await db.proposal.findUnique({ where: { id: after }, select: { createdAt: true } }) : null;
  const cursor = !after
    ? {}
    : !sort
      ? { id: { gt: after } }
      : from
        ? {
            OR: [
              { createdAt: direction === "desc" ? { lt: from.createdAt } : { gt: from.createdAt } },
              { createdAt: from.createdAt, id: direction === "desc" ? { lt: after } : { gt: after } },
            ],
          }
        : { id: { in: [] } };
  // The policy's proposal scope: drafts for their author, hidden ones for their author and moderators.
  const rows = await db.proposal.findMany({
    where: {
      AND: [
        proposalScope.where(actor),
        { communityId: community.id, ...(status ? { status } : {}), ...(kind ? { kind } : {}) },
        ...words.map((word) => ({
          OR: [
            { title: { contains: word, mode: "insensitive" as const } },
            { body: { contains: word, mode: "insensitive" as const } },
          ],
        })),
        cursor,
      ],
    },
    orderBy: sort ? [{ createdAt: direction }, { id: direction }] : { id: "asc" },
    take: limit + 1,
    select: {
      id: true,
      kind: true,
      title: true,
      status: true,
      method: true,
      outcome: true,
      secret: true,
      createdAt: true,
      votingClosesAt: true,
      author: { select: { displayName: true, name: true } },
    },
  });
  const page = toPage(rows, {
    limit,
    keyOf: (row) => row.id,
    map: ({ author, secret, ...row }) => ({ ...row, secret, author: author.displayName ?? author.name ?? "—" }),
  });
  // Open public votes: who has not voted yet, for the members (lib/policy), so that a community can remind them.
  const open = page.data.filter((row) => row.status === "VOTING" && !row.secret).map((row) => row.id);
  const pending =
    open.length > 0 && can(subject, "proposal.readPendingElectors", community) ? await pendingElectors(db, open) : null;
  return {
    ...page,
    data: page.data.map(({ secret: _secret, ...row }) => {
      void _secret;
      return { ...row, pendingElectors: pending && open.includes(row.id) ? (pending.get(row.id) ?? []) : null };
    }),
  };
}

/** Electors of each vote who have no counted ballot (none cast, or withdrawn), by name. */
async function pendingElectors(db: DbTx, proposalIds: string[]): Promise<Map<string, string[]>> {
  const rows = await db.$queryRaw<{ proposalId: string; displayName: string | null; name: string | null }[]>`
    SELECT e."proposalId", u."displayName", u."name" FROM "ElectorMember" e JOIN "User" u ON u."id" = e."userId"
    WHERE e."proposalId" IN (${Prisma.join(proposalIds)})
      AND NOT EXISTS (SELECT 1 FROM "Ballot" b
        WHERE b."proposalId" = e."proposalId" AND b."userId" = e."userId" AND b."withdrawnAt" IS NULL)
    ORDER BY u."id"`;
  const byProposal = new Map<string, string[]>();
  for (const row of rows) {
    const list = byProposal.get(row.proposalId) ?? [];
    list.push(row.displayName ?? row.name ?? "—");
    byProposal.set(row.proposalId, list);
  }
  // Alphabetical as people read names (accents included), not by the database's collation.
  for (const list of byProposal.values()) list.sort((a, b) => a.localeCompare(b, "fr", { sensitivity: "base" }));
  return byProposal;
}

/** Ballots counted (not withdrawn) grouped by college and choice: one row per distinct choice, not per ballot. */
async function groupedBallots(db: DbTx, proposalId: string) {
  const rows = await db.$queryRaw<{ college: string; choice: unknown; n: bigint }[]>`
    SELECT "college"::text AS "college", "choice", count(*) AS "n" FROM "Ballot"
    WHERE "proposalId" = ${proposalId} AND "withdrawnAt" IS NULL
    GROUP BY "college", "choice"`;
  return rows.map((row) => ({ college: row.college, choice: row.choice, count: Number(row.n) }));
}

/**
 * Consent objections and blocks with their reasons, as the published [receipt, choice] list holds
 * them (no name, no college), in receipt order (which says nothing of who or when).
 */
async function consentReasons(db: DbTx, proposalId: string): Promise<ConsentReason[]> {
  const rows = await db.$queryRaw<{ choice: "object" | "block"; reason: string | null }[]>`
    SELECT "choice"->>'choice' AS "choice", nullif(btrim("choice"->>'reason'), '') AS "reason" FROM "Ballot"
    WHERE "proposalId" = ${proposalId} AND "withdrawnAt" IS NULL AND "choice"->>'choice' IN ('object', 'block')
    ORDER BY ("choice"->>'choice') = 'object', "receipt"`;
  return rows.map((row) => ({ choice: row.choice, reason: row.reason }));
}

/** Public ballots only, after the close: who voted what, in order of casting. */
/** Voters per page of the public list on the proposal's page (the API gives them all). */
export const VOTERS_PAGE_SIZE = 100;

async function publicVoters(db: DbTx, proposalId: string, page: number | "all") {
  // One statement, one page: a vote of 100 000 public ballots is not read whole to show 100 names.
  const window = page === "all" ? Prisma.empty : Prisma.sql`LIMIT ${VOTERS_PAGE_SIZE} OFFSET ${(page - 1) * VOTERS_PAGE_SIZE}`;
  return db.$queryRaw<{ name: string; college: string; choice: unknown }[]>`
    SELECT coalesce(u."displayName", u."name", '—') AS "name", b."college"::text AS "college", b."choice"
    FROM "Ballot" b LEFT JOIN "User" u ON u."id" = b."userId"
    WHERE b."proposalId" = ${proposalId} AND b."withdrawnAt" IS NULL
    ORDER BY b."castAt", b."id" ${window}`;
}

export async function getProposalView(
  db: DbTx,
  {
    actor,
    proposalId,
    now = new Date(),
    publishedList = false,
    votersPage = "all",
  }: {
    actor: Actor | null;
    proposalId: string;
    now?: Date;
    /** The decision's whole [receipt, choice] list (the API's decision); pages count in SQL instead. */
    publishedList?: boolean;
    /** The page of the public voter list (1-based, VOTERS_PAGE_SIZE each; the page), or all of it (the API). */
    votersPage?: number | "all";
  },
) {
  const access = await requireProposalAccess(db, { proposalId, actor });
  const proposal = await db.proposal.findUniqueOrThrow({
    where: { id: proposalId },
    select: {
      id: true,
      kind: true,
      title: true,
      body: true,
      status: true,
      method: true,
      threshold: true,
      quorumPercent: true,
      collegeQuorumPercent: true,
      secret: true,
      liveResults: true,
      weighted: true,
      collegeWeights: true,
      amendment: true,
      discussionEndsAt: true,
      votingOpensAt: true,
      votingClosesAt: true,
      openedAt: true,
      closedAt: true,
      outcome: true,
      createdAt: true,
      authorId: true,
      hiddenAt: true,
      hiddenReason: true,
      author: { select: { displayName: true, name: true } },
      commons: { select: { slug: true, title: true } },
      options: { orderBy: { position: "asc" }, select: { id: true, label: true } },
      decision: {
        select: {
          method: true,
          electorateSize: true,
          turnout: true,
          outcome: true,
          result: true,
          digest: true,
          ballots: publishedList,
          createdAt: true,
        },
      },
    },
  });
  const { subject, community } = access;
  // A draft is for its author and administrators (404 for anyone else, as if it did not exist); a
  // proposal hidden by moderation keeps its place, its title and text withheld from those the scope
  // would leave it out for.
  const facts = { community, authorId: proposal.authorId, status: proposal.status, hidden: proposal.hiddenAt !== null };
  if (!proposalScope.allows(subject, facts, { hidden: "placeholder" }, now)) throw new NotFoundError();
  const withheld = !proposalScope.allows(subject, facts, {}, now);
  const voting = proposal.status === "VOTING";
  const [electorateSize, turnout] = await Promise.all([
    db.electorMember.count({ where: { proposalId } }),
    db.ballot.count({ where: { proposalId, withdrawnAt: null } }),
  ]);
  const myBallot = actor
    ? await db.ballot.findUnique({
        where: { proposalId_userId: { proposalId, userId: actor.id } },
        select: { receipt: true, choice: true, withdrawnAt: true, updatedAt: true },
      })
    : null;
  // Whether and how the vote may close before its date is the charter's (lib/proposals/lifecycle.ts).
  const charter = voting ? await getCharterParameters(db, community.id) : null;
  const earlyClose = charter?.earlyClose ?? null;
  // What a tie would mean, for votes that can tie (consent cannot; a threshold only at a simple majority).
  const canTie =
    proposal.method === "APPROVAL" ||
    proposal.method === "MAJORITY_JUDGMENT" ||
    (proposal.method === "THRESHOLD" && (proposal.threshold ?? "simple") === "simple");
  const tieRule = charter && canTie ? charter.tieRule : null;
  const isElector = actor ? (await db.electorMember.count({ where: { proposalId, userId: actor.id } })) > 0 : false;

  // Live counts while voting (when the proposal shows them), counted results once decided: both by
  // GROUP BY, so the cost does not grow with the number of ballots read into memory.
  const counts =
    (voting && proposal.liveResults) || proposal.decision ? countChoices(await groupedBallots(db, proposalId)) : null;
  const counted = voting && proposal.liveResults ? counts : null;
  // A secret ballot publishes no per-college figure while voting (lib/votes/secret-ballot.ts).
  const live = counted ? publishedLiveCounts(counted, proposal) : null;
  // Where the vote stands, by the function closing uses (lib/votes/tally), from the full counts: a
  // page that withholds per-college figures still shows the standing the colleges' weights give.
  const standing = counted ? standingOf({ ...proposal, secretMinBallots: charter?.secretBallotMinCollegeSize }, counted) : null;
  const voters = proposal.decision && !proposal.secret ? await publicVoters(db, proposalId, votersPage) : null;
  const decisionResult = proposal.decision ? publishedDecisionResult(proposal.decision.result, proposal) : null;

  // Why the outcome is what it is (lib/proposals/results.ts explainResult), from the decision's
  // published result, or while voting from the standing: all of it for a public ballot, for a secret
  // one only when unweighted (one college: the overall counts), as live per-college figures are withheld.
  const reasons =
    proposal.method === "CONSENT" && (proposal.decision || (counted && !proposal.secret))
      ? await consentReasons(db, proposalId)
      : undefined;
  const optionIds = proposal.options.map((o) => o.id);
  const explanation: ResultExplanation | null = decisionResult
    ? explainResult({
        method: proposal.method,
        result: decisionResult,
        options: optionIds,
        threshold: proposal.threshold,
        voters: presentTurnout(counts?.voters ?? {}, proposal),
        reasons,
      })
    : standing && (!proposal.secret || !proposal.weighted)
      ? explainResult({
          method: proposal.method,
          result: standing.result,
          options: optionIds,
          threshold: proposal.threshold,
          voters: presentTurnout(counted?.voters ?? {}, proposal),
          reasons,
          tie: standing.tie !== null,
        })
      : null;

  const author = proposal.author.displayName ?? proposal.author.name ?? "—";
  const { author: _author, ...rest } = proposal;
  void _author;
  return {
    ...rest,
    decision: rest.decision && {
      ...rest.decision,
      result: decisionResult!,
      // The published list (API only): the frozen ballots, or the copy older decisions stored.
      ...(publishedList ? { ballots: await publishedBallots(db, { proposalId, stored: rest.decision.ballots }) } : {}),
    },
    explanation,
    author,
    /** Hidden by moderation and not readable by this viewer: show the placeholder (the text is not sent). */
    withheld,
    title: withheld ? "" : proposal.title,
    body: withheld ? "" : proposal.body,
    hiddenReason: withheld ? null : proposal.hiddenReason,
    communityId: community.id,
    community: { slug: community.slug, name: community.name },
    electorateSize: voting || proposal.decision ? electorateSize : null,
    turnout: voting || proposal.decision ? turnout : null,
    myBallot: myBallot && !myBallot.withdrawnAt ? myBallot : null,
    live,
    /** With live results: what closing would decide now on these ballots, quorum aside (winners: methods with options). */
    standing: standing ? { adopted: standing.adopted, winners: (standing.result.winners as string[] | undefined) ?? null } : null,
    /** Decided proposals: the counted ballots' overall counts (the same ballots the decision published). */
    decidedCounts: proposal.decision ? (counts?.overall ?? {}) : null,
    /**
     * A public ballot's counts per actual college after the close, as while voting (an unweighted
     * decision counts everyone in one college; the public list of voters shows them anyway).
     */
    decidedByCollege: proposal.decision && !proposal.secret ? (counts?.byCollege ?? {}) : null,
    voters,
    /** Pages of the public voter list (null: no list). */
    voterPages: voters ? Math.max(1, Math.ceil(turnout / VOTERS_PAGE_SIZE)) : null,
    /** The page of it shown (null: the whole list). */
    voterPage: voters && votersPage !== "all" ? votersPage : null,
    /** While voting: the charter's rule for closing before the date (never, allVoted, administrators). */
    earlyClose,
    /** While voting, for votes that can tie: the charter's rule for a tie (reject, secondRound), shown on the ballot. */
    tieRule,
    permissions: {
      vote:
        voting &&
        isElector &&
        (!proposal.votingClosesAt || proposal.votingClosesAt > now) &&
        can(subject, "proposal.vote", community),
      manage: actor ? canManage(access, actor) && (proposal.status === "DRAFT" || proposal.status === "DISCUSSION") : false,
      withdraw: actor?.id === proposal.authorId && (proposal.status === "DRAFT" || proposal.status === "DISCUSSION"),
      /** Its author edits a draft until the discussion opens (lib/proposals/edit-draft.ts). */
      editDraft: actor?.id === proposal.authorId && proposal.status === "DRAFT" && can(subject, "proposal.editDraft", community),
      closeEarly: voting && earlyClose !== "never" && can(subject, "proposal.closeEarly", community),
      comment: can(subject, "proposal.comment", community),
      moderate: can(subject, "proposal.moderateComment", community),
      /** Reads content hidden by moderation (and its reason) in this community. */
      readHidden: can(subject, "content.readHidden", community),
    },
    /** The access loaded once for this request, for the page's other reads (comments): not read twice. */
    access,
  };
}
export type ProposalView = Awaited<ReturnType<typeof getProposalView>>;

/**
 * The ballots that weighted figures are a share of: every ballot unweighted, else those of colleges
 * with a weight (the tally's reported figures rescale the present colleges to their own turnout).
 */
function presentTurnout(voters: Record<string, number>, proposal: { weighted: boolean; collegeWeights: unknown }): number {
  const weights = (proposal.collegeWeights ?? {}) as Record<string, number>;
  return Object.entries(voters).reduce(
    (sum, [college, n]) => sum + (!proposal.weighted || (weights[college] ?? 0) > 0 ? n : 0),
    0,
  );
}
