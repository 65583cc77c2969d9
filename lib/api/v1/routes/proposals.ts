/**
 * Proposals and ballots: list and draft a community's proposals, read one (results only when
 * visible), cast, change or withdraw one's ballot, and read the stored decision. The rules live in
 * lib/proposals and lib/votes; these routes only map them to HTTP.
 */
import { z } from "zod";
import { named } from "../../openapi";
import { pageSchema, paginationQuerySchema } from "@/lib/core/pagination";
import { defineRoute } from "../../route";
import { actorOf } from "../../authenticate";
import { NotFoundError } from "@/lib/policy/can";
import { draftProposal } from "@/lib/proposals/create-proposal";
import { editDraft } from "@/lib/proposals/edit-draft";
import { createProposalSchema, proposalKinds, proposalStatuses } from "@/lib/proposals/schemas";
import { getProposalView, listProposals } from "@/lib/proposals/queries";
import { proposalSearchSchema, proposalSorts } from "@/lib/proposals/list-filters";
import { voteOnProposal, withdrawMyBallot } from "@/lib/proposals/ballots";
import { ballotChoiceSchema } from "@/lib/votes/schemas";
import { votingMethods } from "@/lib/charter/parameters";
import { slugParamsSchema } from "./communities";
import { amendmentSchema } from "@/lib/charter/amendments";

const proposalIdParamsSchema = z.object({ id: z.string().min(1).max(60).describe("The proposal's id") });
const status = z.enum(proposalStatuses);
const method = z.enum(votingMethods);
const outcome = z.enum(["ADOPTED", "REJECTED", "VOID"]);
const iso = (date: Date | null) => date?.toISOString() ?? null;

const proposalListItemSchema = named(
  "ProposalListItem",
  z.object({
    id: z.string(),
    kind: z.enum(proposalKinds),
    title: z.string(),
    status,
    method,
    outcome: outcome.nullable(),
    author: z.string(),
    createdAt: z.string().describe("ISO 8601"),
    votingClosesAt: z.string().nullable().describe("ISO 8601; planned while DRAFT or DISCUSSION"),
  }),
);

const decisionSchema = named(
  "Decision",
  z.object({
    method,
    electorateSize: z.number().int(),
    turnout: z.number().int(),
    outcome,
    result: z
      .record(z.string(), z.unknown())
      .describe(
        "Counts overall and per college, weights, quorum. Secret weighted ballots: colleges with fewer ballots than the charter's secretBallotMinCollegeSize are merged into the group MERGED, counted with the sum of their weights; `secrecy` names them and gives the weights the tally used",
      ),
    digest: z.string().describe("SHA-256 (hex) of the JSON list of [receipt, choice] pairs"),
    ballots: z
      .array(z.tuple([z.string(), z.unknown().meta({ $ref: "#/components/schemas/BallotChoice" })]))
      .describe("[receipt, choice] pairs sorted by receipt; never names"),
  }),
);

const proposalSchema = named(
  "Proposal",
  proposalListItemSchema.extend({
    body: z.string().describe("Markdown"),
    community: z.object({ slug: z.string(), name: z.string() }),
    threshold: z.string().nullable(),
    quorumPercent: z.number().int(),
    collegeQuorumPercent: z.number().int(),
    secret: z.boolean(),
    liveResults: z.boolean(),
    options: z.array(z.object({ id: z.string(), label: z.string() })),
    amendment: z
      .unknown()
      .optional()
      .meta({ $ref: "#/components/schemas/CharterAmendment", description: "CHARTER_AMENDMENT proposals: the exact changes" }),
    openedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    electorateSize: z.number().int().nullable().describe("Once voting has opened"),
    turnout: z.number().int().nullable().describe("Ballots cast (not withdrawn), once voting has opened"),
    liveCounts: z
      .object({ overall: z.record(z.string(), z.number()), byCollege: z.record(z.string(), z.record(z.string(), z.number())) })
      .nullable()
      .describe("While voting, only when the proposal has live results; byCollege is empty for secret ballots"),
    decision: decisionSchema.nullable().describe("After the close"),
    voters: z
      .array(
        z.object({
          name: z.string(),
          college: z.string(),
          choice: z.unknown().meta({ $ref: "#/components/schemas/BallotChoice" }),
        }),
      )
      .nullable()
      .describe("Public ballots only, after the close"),
    myBallot: z
      .object({ receipt: z.string(), choice: z.unknown().meta({ $ref: "#/components/schemas/BallotChoice" }) })
      .nullable(),
  }),
);

/** The same schema as the ballot form's server action (lib/votes/schemas.ts). */
export const ballotBodySchema = named("BallotChoice", ballotChoiceSchema);
/** The changes of a charter amendment, as drafted and as read back (lib/charter/amendments.ts). */
named("CharterAmendment", amendmentSchema);

export const listProposalsRoute = defineRoute({
  operationId: "listProposals",
  method: "GET",
  path: "/api/v1/communities/{slug}/proposals",
  summary: "List a community's proposals",
  description:
    "Oldest first by id unless `sort` asks newest or oldest by creation; `status` and `kind` filter; `q` keeps proposals whose title or text holds every word (case-insensitive). 404 when the caller may not read the community.",
  tags: ["proposals"],
  scope: "read",
  params: slugParamsSchema,
  query: paginationQuerySchema.extend({
    status: status.optional(),
    kind: z.enum(proposalKinds).optional(),
    q: proposalSearchSchema.optional().describe("Words that must each appear in the title or the text"),
    sort: z.enum(proposalSorts).optional().describe("By creation date; by id when absent"),
  }),
  response: {
    status: 200,
    description: "A page of proposals",
    schema: named("ProposalPage", pageSchema(proposalListItemSchema)),
  },
  errors: [404],
  handle: async ({ db, principal, params, query }) => {
    const page = await listProposals(db, {
      actor: principal.user,
      slug: params.slug,
      status: query.status,
      kind: query.kind,
      q: query.q || undefined,
      sort: query.sort,
      after: query.cursor,
      limit: query.limit,
    });
    return {
      ...page,
      data: page.data.map((p) => ({ ...p, createdAt: p.createdAt.toISOString(), votingClosesAt: iso(p.votingClosesAt) })),
    };
  },
});

export const createProposalRoute = defineRoute({
  operationId: "createProposal",
  method: "POST",
  path: "/api/v1/communities/{slug}/proposals",
  summary: "Draft a proposal",
  description:
    "Created as DRAFT under the community's charter: allowed methods, minimum voting duration (400 on votingDays), amendments' thresholds; 403 member_too_recent when the charter requires a longer membership.",
  tags: ["proposals"],
  scope: "write",
  params: slugParamsSchema,
  body: createProposalSchema,
  response: { status: 201, description: "The draft", schema: named("CreatedProposal", z.object({ id: z.string() })) },
  /** 429: RATE_LIMIT_PROPOSALS_PER_HOUR per person. */
  errors: [404, 429],
  handle: ({ db, principal, params, body }) => draftProposal(db, { actor: actorOf(principal), slug: params.slug, values: body }),
});

export const editDraftRoute = defineRoute({
  operationId: "editDraft",
  method: "PATCH",
  path: "/api/v1/proposals/{id}",
  summary: "Edit a draft proposal",
  description:
    "By its author, while it is a DRAFT: the whole draft again (the body of createProposal, same kind), under the same charter floors (400 at the field). 403 for another reader, 404 for whoever may not read the draft, 409 not_draft once the discussion is open; nothing stored when refused.",
  tags: ["proposals"],
  scope: "write",
  params: proposalIdParamsSchema,
  body: editDraft.schema,
  response: { status: 200, description: "The draft", schema: named("EditedProposal", z.object({ id: z.string() })) },
  errors: [404, 409],
  handle: ({ db, principal, params, body }) =>
    editDraft.run(db, { actor: actorOf(principal), proposalId: params.id, input: body }),
});

export const getProposalRoute = defineRoute({
  operationId: "getProposal",
  method: "GET",
  path: "/api/v1/proposals/{id}",
  summary: "Get a proposal",
  description: "Results come only when visible: while voting with live results, or after the close.",
  tags: ["proposals"],
  scope: "read",
  params: proposalIdParamsSchema,
  response: { status: 200, description: "The proposal", schema: proposalSchema },
  errors: [404],
  handle: async ({ db, principal, params }) => {
    const view = await getProposalView(db, { actor: principal.user, proposalId: params.id, publishedList: true });
    // Hidden by moderation: members get the placeholder, the author and moderators the text (the policy's proposal scope).
    const withheld = view.withheld;
    return {
      id: view.id,
      kind: view.kind,
      // Withheld with the body: a hidden proposal's title is as much its text (empty, like the body).
      title: withheld ? "" : view.title,
      status: view.status,
      method: view.method,
      outcome: view.outcome,
      author: view.author,
      body: withheld ? "" : view.body,
      community: view.community,
      threshold: view.threshold,
      quorumPercent: view.quorumPercent,
      collegeQuorumPercent: view.collegeQuorumPercent,
      secret: view.secret,
      liveResults: view.liveResults,
      options: view.options,
      amendment: view.amendment ?? undefined,
      createdAt: view.createdAt.toISOString(),
      votingClosesAt: iso(view.votingClosesAt),
      openedAt: iso(view.openedAt),
      closedAt: iso(view.closedAt),
      electorateSize: view.electorateSize,
      turnout: view.turnout,
      liveCounts: view.live,
      decision: view.decision
        ? {
            ...view.decision,
            result: view.decision.result as Record<string, unknown>,
            ballots: view.decision.ballots as [string, unknown][],
          }
        : null,
      voters: view.voters,
      myBallot: view.myBallot ? { receipt: view.myBallot.receipt, choice: view.myBallot.choice } : null,
    };
  },
});

export const castBallotRoute = defineRoute({
  operationId: "castBallot",
  method: "PUT",
  path: "/api/v1/proposals/{id}/ballot",
  summary: "Cast or change one's ballot",
  description:
    "The choice for the proposal's method: {choice: for|against|abstain}, {choice: agree|object|block, reason}, {approve: [optionId]}, {grades: {optionId: grade}}. The receipt stays the same when the ballot changes. 403 not_elector, 409 voting_closed.",
  tags: ["proposals"],
  scope: "write",
  params: proposalIdParamsSchema,
  body: ballotBodySchema,
  response: {
    status: 200,
    description: "The ballot's receipt",
    schema: named("BallotReceipt", z.object({ receipt: z.string(), changed: z.boolean() })),
  },
  errors: [404, 409],
  handle: ({ db, principal, params, body }) =>
    voteOnProposal(db, { actor: actorOf(principal), proposalId: params.id, choice: body }),
});

export const withdrawBallotRoute = defineRoute({
  operationId: "withdrawBallot",
  method: "DELETE",
  path: "/api/v1/proposals/{id}/ballot",
  summary: "Withdraw one's ballot before the close",
  tags: ["proposals"],
  scope: "write",
  params: proposalIdParamsSchema,
  response: { status: 204, description: "Withdrawn" },
  errors: [404, 409],
  handle: async ({ db, principal, params }) => {
    await withdrawMyBallot(db, { actor: actorOf(principal), proposalId: params.id });
  },
});

export const getDecisionRoute = defineRoute({
  operationId: "getDecision",
  method: "GET",
  path: "/api/v1/proposals/{id}/decision",
  summary: "Get the decision of a closed proposal",
  description:
    "The stored, immutable decision: counts, outcome, the published [receipt, choice] list and its digest. 404 before the close.",
  tags: ["proposals"],
  scope: "read",
  params: proposalIdParamsSchema,
  response: { status: 200, description: "The decision", schema: decisionSchema },
  errors: [404],
  handle: async ({ db, principal, params }) => {
    const view = await getProposalView(db, { actor: principal.user, proposalId: params.id, publishedList: true });
    if (!view.decision) throw new NotFoundError();
    const { method, electorateSize, turnout, outcome, result, digest, ballots } = view.decision;
    return {
      method,
      electorateSize,
      turnout,
      outcome,
      result: result as Record<string, unknown>,
      digest,
      ballots: ballots as [string, unknown][],
    };
  },
});
