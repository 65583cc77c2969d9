/**
 * What the proposal pages and the API show. Results appear only when visible: after the close (the
 * stored decision), or while voting when the proposal has live results (counted now, same shape).
 * Secret ballots never reveal who chose what; public ballots list voters and choices after the close.
 */
import { charterParametersSchema, defaultCharterParameters, type CharterParameters } from "@/lib/charter/parameters";
import type { DbTx } from "@/lib/db/client";
import type { ProposalKind, ProposalOutcome, ProposalStatus, VotingMethod } from "@/lib/generated/prisma/enums";
import { requireCommunityAccess, type Actor } from "@/lib/communities/access";
import { can, NotFoundError } from "@/lib/policy/can";
import { proposalScope } from "@/lib/policy/scopes";
import { toPage, type Page } from "@/lib/core/pagination";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ProposalSort } from "./list-filters";
import { publishedBallots } from "@/lib/votes/published-ballots";
import { dateOf, epochMs, readRows } from "@/lib/db/read";
import {
  assertProposalAccess,
  canManage,
  proposalAccessColumns,
  proposalAccessJoins,
  proposalAccessOf,
  type ProposalAccessRow,
} from "./access";
import { commentRowsSql, commentViewsOf, type CommentRow } from "./comments";
import { finalityOf, finalitySql, type FinalityRow } from "@/lib/translog/queries";
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

/** Voters per page of the public list on the proposal's page (the API gives them all). */
export const VOTERS_PAGE_SIZE = 100;

type Json = Prisma.JsonValue;

/** One row of {@link getProposalView}'s single statement. */
type ViewRow = ProposalAccessRow & {
  kind: ProposalKind;
  title: string;
  body: string;
  method: VotingMethod;
  threshold: string | null;
  quorumPercent: number;
  collegeQuorumPercent: number;
  secret: boolean;
  liveResults: boolean;
  weighted: boolean;
  collegeWeights: Json;
  amendment: Json | null;
  discussionEndsAt: number | null;
  votingOpensAt: number | null;
  votingClosesAt: number | null;
  openedAt: number | null;
  closedAt: number | null;
  outcome: ProposalOutcome | null;
  createdAt: number;
  hiddenAt: number | null;
  hiddenReason: string | null;
  authorName: string | null;
  commonsSlug: string | null;
  commonsTitle: string | null;
  options: { id: string; label: string }[];
  d_id: string | null;
  d_method: VotingMethod | null;
  d_electorateSize: number | null;
  d_turnout: number | null;
  d_outcome: ProposalOutcome | null;
  d_result: Json;
  d_digest: string | null;
  d_ballots: Json | null;
  d_createdAt: number | null;
  electorateSize: number | null;
  turnout: number | null;
  myReceipt: string | null;
  myChoice: Json;
  myWithdrawnAt: number | null;
  myUpdatedAt: number | null;
  isElector: boolean;
  following: boolean;
  charterParameters: unknown;
  groups: { college: string; choice: unknown; count: number }[] | null;
  reasons: ConsentReason[] | null;
  voters: { name: string; college: string; choice: unknown }[] | null;
  comments: CommentRow[] | null;
  finality: FinalityRow | null;
};

/**
 * A proposal as its page and the API show it, in ONE statement whatever the size of the vote: the
 * proposal, its community and the person's membership (the policy's subject, lib/proposals/access.ts),
 * author, commons, options, decision, electorate and turnout counts, the person's ballot and whether
 * they are an elector or follow it, the charter's parameters while voting, and only when they are
 * shown: the ballots grouped by college and choice (live results, decisions; GROUP BY, never one row
 * per ballot), consent reasons, one page of the public voter list, and (`comments`) the thread.
 *
 * The policy decides on the row in hand (community.read, then the proposal scope, as `allows` does for
 * any row) before anything read is returned: a refused viewer gets the same 404 as before.
 */
export async function getProposalView(
  db: DbTx,
  {
    actor,
    proposalId,
    now = new Date(),
    publishedList = false,
    votersPage = "all",
    comments = false,
  }: {
    actor: Actor | null;
    proposalId: string;
    now?: Date;
    /** The decision's whole [receipt, choice] list (the API's decision); pages count in SQL instead. */
    publishedList?: boolean;
    /** The page of the public voter list (1-based, VOTERS_PAGE_SIZE each; the page), or all of it (the API). */
    votersPage?: number | "all";
    /** The comment thread as this viewer may read it (the page), in the same statement. */
    comments?: boolean;
  },
) {
  const me = actor?.id ?? null;
  const votingSql = Prisma.sql`p."status" = 'VOTING'`;
  const counted = Prisma.sql`(${votingSql} OR d."id" IS NOT NULL)`;
  // One statement, one page: a vote of 100 000 public ballots is not read whole to show 100 names.
  const window =
    votersPage === "all" ? Prisma.empty : Prisma.sql`LIMIT ${VOTERS_PAGE_SIZE} OFFSET ${(votersPage - 1) * VOTERS_PAGE_SIZE}`;
  const ms = (alias: string, column: string) =>
    Prisma.sql`${epochMs(Prisma.raw(`${alias}."${column}"`))} AS ${Prisma.raw(`"${column}"`)}`;
  const [row] = await readRows<ViewRow>(
    db,
    Prisma.sql`
    SELECT ${proposalAccessColumns},
      p."kind"::text AS "kind", p."title", p."body", p."method"::text AS "method", p."threshold",
      p."quorumPercent", p."collegeQuorumPercent", p."secret", p."liveResults", p."weighted", p."collegeWeights",
      p."amendment", ${ms("p", "discussionEndsAt")}, ${ms("p", "votingOpensAt")}, ${ms("p", "votingClosesAt")},
      ${ms("p", "openedAt")}, ${ms("p", "closedAt")}, p."outcome"::text AS "outcome", ${ms("p", "createdAt")},
      ${ms("p", "hiddenAt")}, p."hiddenReason",
      coalesce(au."displayName", au."name") AS "authorName",
      cm."slug" AS "commonsSlug", cm."title" AS "commonsTitle",
      (SELECT coalesce(json_agg(json_build_object('id', o."id", 'label', o."label") ORDER BY o."position"), '[]'::json)
        FROM "ProposalOption" o WHERE o."proposalId" = p."id") AS "options",
      d."id" AS "d_id", d."method"::text AS "d_method", d."electorateSize" AS "d_electorateSize", d."turnout" AS "d_turnout",
      d."outcome"::text AS "d_outcome", d."result" AS "d_result", d."digest" AS "d_digest",
      ${publishedList ? Prisma.sql`d."ballots"` : Prisma.sql`NULL::jsonb`} AS "d_ballots", ${epochMs(Prisma.raw('d."createdAt"'))} AS "d_createdAt",
      -- The electorate is frozen when voting opens: once decided, the decision's count of it (closing sums the
      -- same rows by college) instead of counting 50 000 electors again on every view.
      CASE WHEN d."id" IS NOT NULL THEN d."electorateSize"
        WHEN ${votingSql} THEN (SELECT count(*)::int FROM "ElectorMember" e WHERE e."proposalId" = p."id") END AS "electorateSize",
      CASE WHEN ${counted} THEN (SELECT count(*)::int FROM "Ballot" b WHERE b."proposalId" = p."id" AND b."withdrawnAt" IS NULL) END AS "turnout",
      mb."receipt" AS "myReceipt", mb."choice" AS "myChoice", ${epochMs(Prisma.raw('mb."withdrawnAt"'))} AS "myWithdrawnAt",
      ${epochMs(Prisma.raw('mb."updatedAt"'))} AS "myUpdatedAt",
      EXISTS (SELECT 1 FROM "ElectorMember" e WHERE e."proposalId" = p."id" AND e."userId" = ${me}) AS "isElector",
      EXISTS (SELECT 1 FROM "Follow" f WHERE f."userId" = ${me} AND f."targetKind" = 'PROPOSAL' AND f."targetId" = p."id") AS "following",
      -- Whether and how the vote may close before its date, and what a tie means: the charter's, while voting.
      CASE WHEN ${votingSql} THEN (SELECT v."parameters" FROM "Charter" ch
        JOIN "CharterVersion" v ON v."charterId" = ch."id" AND v."number" = ch."currentVersion"
        WHERE ch."communityId" = p."communityId" AND ch."currentVersion" > 0) END AS "charterParameters",
      -- Live counts while voting (when the proposal shows them), counted results once decided: by GROUP BY,
      -- one row per distinct choice and college, never one per ballot.
      CASE WHEN (${votingSql} AND p."liveResults") OR d."id" IS NOT NULL THEN (
        SELECT coalesce(json_agg(json_build_object('college', g."college", 'choice', g."choice", 'count', g."n")), '[]'::json)
        FROM (SELECT b."college"::text AS "college", b."choice", count(*)::int AS "n" FROM "Ballot" b
          WHERE b."proposalId" = p."id" AND b."withdrawnAt" IS NULL GROUP BY b."college", b."choice") g) END AS "groups",
      -- Consent objections and blocks with their reasons, as the published [receipt, choice] list holds
      -- them (no name, no college), in receipt order (which says nothing of who or when).
      CASE WHEN p."method" = 'CONSENT' AND (d."id" IS NOT NULL OR (${votingSql} AND p."liveResults" AND NOT p."secret")) THEN (
        SELECT coalesce(json_agg(json_build_object('choice', r."choice", 'reason', r."reason")
          ORDER BY r."choice" = 'object', r."receipt"), '[]'::json)
        FROM (SELECT b."choice"->>'choice' AS "choice", nullif(btrim(b."choice"->>'reason'), '') AS "reason", b."receipt"
          FROM "Ballot" b WHERE b."proposalId" = p."id" AND b."withdrawnAt" IS NULL
            AND b."choice"->>'choice' IN ('object', 'block')) r) END AS "reasons",
      -- Public ballots only, after the close: who voted what, in order of casting.
      CASE WHEN d."id" IS NOT NULL AND NOT p."secret" THEN (
        SELECT coalesce(json_agg(json_build_object('name', w."name", 'college', w."college", 'choice', w."choice")
          ORDER BY w."castAt", w."id"), '[]'::json)
        FROM (SELECT coalesce(u."displayName", u."name", '—') AS "name", b."college"::text AS "college", b."choice",
            b."castAt", b."id"
          FROM "Ballot" b LEFT JOIN "User" u ON u."id" = b."userId"
          WHERE b."proposalId" = p."id" AND b."withdrawnAt" IS NULL
          ORDER BY b."castAt", b."id" ${window}) w) END AS "voters",
      ${comments ? commentRowsSql(Prisma.sql`p."id"`) : Prisma.sql`NULL::json`} AS "comments",
      -- Decided: whether the close is final in the public log (co-signed by enough witnesses).
      CASE WHEN d."id" IS NOT NULL THEN ${finalitySql(Prisma.sql`p."id"`)} END AS "finality"
    FROM "Proposal" p
    ${proposalAccessJoins(actor)}
    JOIN "User" au ON au."id" = p."authorId"
    LEFT JOIN "Commons" cm ON cm."id" = p."commonsId"
    LEFT JOIN "Decision" d ON d."proposalId" = p."id"
    LEFT JOIN "Ballot" mb ON mb."proposalId" = p."id" AND mb."userId" = ${me}
    WHERE p."id" = ${proposalId}`,
  );
  if (!row) throw new NotFoundError();
  const access = proposalAccessOf(row, actor);
  assertProposalAccess(access);
  const { subject, community } = access;
  // A draft is for its author and administrators (404 for anyone else, as if it did not exist); a
  // proposal hidden by moderation keeps its place, its title and text withheld from those the scope
  // would leave it out for.
  const status = row.p_status;
  const authorId = row.p_authorId;
  const facts = { community, authorId, status, hidden: row.hiddenAt !== null };
  if (!proposalScope.allows(subject, facts, { hidden: "placeholder" }, now)) throw new NotFoundError();
  const withheld = !proposalScope.allows(subject, facts, {}, now);

  const proposal = {
    id: row.p_id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    status,
    method: row.method,
    threshold: row.threshold,
    quorumPercent: row.quorumPercent,
    collegeQuorumPercent: row.collegeQuorumPercent,
    secret: row.secret,
    liveResults: row.liveResults,
    weighted: row.weighted,
    collegeWeights: row.collegeWeights,
    amendment: row.amendment,
    discussionEndsAt: dateOf(row.discussionEndsAt),
    votingOpensAt: dateOf(row.votingOpensAt),
    votingClosesAt: dateOf(row.votingClosesAt),
    openedAt: dateOf(row.openedAt),
    closedAt: dateOf(row.closedAt),
    outcome: row.outcome,
    createdAt: new Date(row.createdAt),
    authorId,
    hiddenAt: dateOf(row.hiddenAt),
    hiddenReason: row.hiddenReason,
    commons: row.commonsSlug !== null ? { slug: row.commonsSlug, title: row.commonsTitle ?? "" } : null,
    options: row.options,
    decision:
      row.d_id !== null
        ? {
            method: row.d_method!,
            electorateSize: row.d_electorateSize!,
            turnout: row.d_turnout!,
            outcome: row.d_outcome!,
            result: row.d_result,
            digest: row.d_digest!,
            ...(publishedList ? { ballots: row.d_ballots } : {}),
            createdAt: new Date(row.d_createdAt!),
          }
        : null,
  };
  const voting = status === "VOTING";
  const electorateSize = row.electorateSize ?? 0;
  const turnout = row.turnout ?? 0;
  const myBallot =
    row.myReceipt !== null
      ? {
          receipt: row.myReceipt,
          choice: row.myChoice,
          withdrawnAt: dateOf(row.myWithdrawnAt),
          updatedAt: new Date(row.myUpdatedAt!),
        }
      : null;
  // Whether and how the vote may close before its date is the charter's (lib/proposals/lifecycle.ts).
  const charter = voting ? charterParametersOf(row.charterParameters) : null;
  const earlyClose = charter?.earlyClose ?? null;
  // What a tie would mean, for votes that can tie (consent cannot; a threshold only at a simple majority).
  const canTie =
    proposal.method === "APPROVAL" ||
    proposal.method === "MAJORITY_JUDGMENT" ||
    (proposal.method === "THRESHOLD" && (proposal.threshold ?? "simple") === "simple");
  const tieRule = charter && canTie ? charter.tieRule : null;
  const isElector = actor ? row.isElector : false;

  const counts = row.groups ? countChoices(row.groups) : null;
  const countedNow = voting && proposal.liveResults ? counts : null;
  // A secret ballot publishes no per-college figure while voting (lib/votes/secret-ballot.ts).
  const live = countedNow ? publishedLiveCounts(countedNow, proposal) : null;
  // Where the vote stands, by the function closing uses (lib/votes/tally), from the full counts: a
  // page that withholds per-college figures still shows the standing the colleges' weights give.
  const standing = countedNow
    ? standingOf({ ...proposal, secretMinBallots: charter?.secretBallotMinCollegeSize }, countedNow)
    : null;
  const voters = row.voters;
  const decisionResult = proposal.decision ? publishedDecisionResult(proposal.decision.result, proposal) : null;

  // Why the outcome is what it is (lib/proposals/results.ts explainResult), from the decision's
  // published result, or while voting from the standing: all of it for a public ballot, for a secret
  // one only when unweighted (one college: the overall counts), as live per-college figures are withheld.
  const reasons = row.reasons ?? undefined;
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
          voters: presentTurnout(countedNow?.voters ?? {}, proposal),
          reasons,
          tie: standing.tie !== null,
        })
      : null;

  return {
    ...proposal,
    decision: proposal.decision && {
      ...proposal.decision,
      result: decisionResult!,
      // The published list (API only): the frozen ballots, or the copy older decisions stored.
      ...(publishedList ? { ballots: await publishedBallots(db, { proposalId, stored: proposal.decision.ballots }) } : {}),
    },
    explanation,
    author: row.authorName ?? "—",
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
    /** Whether the signed-in person follows this proposal (null: anonymous). */
    following: actor ? row.following : null,
    /** Decided: whether the decision is final in the public log (lib/translog), null before the close or outside the log. */
    finality: proposal.decision ? finalityOf(row.finality) : null,
    /** With `comments`: the thread as this viewer may read it (null otherwise). */
    comments: comments ? commentViewsOf(row.comments ?? [], access, actor) : null,
    permissions: {
      vote:
        voting &&
        isElector &&
        (!proposal.votingClosesAt || proposal.votingClosesAt > now) &&
        can(subject, "proposal.vote", community),
      manage: actor ? canManage(access, actor) && (status === "DRAFT" || status === "DISCUSSION") : false,
      withdraw: actor?.id === authorId && (status === "DRAFT" || status === "DISCUSSION"),
      /** Its author edits a draft until the discussion opens (lib/proposals/edit-draft.ts). */
      editDraft: actor?.id === authorId && status === "DRAFT" && can(subject, "proposal.editDraft", community),
      closeEarly: voting && earlyClose !== "never" && can(subject, "proposal.closeEarly", community),
      comment: can(subject, "proposal.comment", community),
      moderate: can(subject, "proposal.moderateComment", community),
      /** Reads content hidden by moderation (and its reason) in this community. */
      readHidden: can(subject, "content.readHidden", community),
    },
    /** The access loaded once for this request, for the page's other reads: not read twice. */
    access,
  };
}

/** The charter's parameters as getCharterParameters reads them: defaults when none is founded or valid. */
function charterParametersOf(raw: unknown): CharterParameters {
  if (raw === null || raw === undefined) return defaultCharterParameters;
  const parsed = charterParametersSchema.safeParse(raw);
  return parsed.success ? parsed.data : defaultCharterParameters;
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
