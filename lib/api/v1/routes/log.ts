/**
 * The governance log (lib/translog): its signed checkpoint at a stable URL (text/plain, a C2SP signed
 * note), the log's verifier key, entries by range, inclusion and consistency proofs (RFC 9162), a
 * voter's receipt traced to a checkpoint, and the checkpoint that includes a decision. Everything but
 * the receipt and the decision is public: entries carry hashes and opaque ids only.
 */
import { z } from "zod";
import { requireProposalAccess } from "@/lib/proposals/access";
import { requireCommunityAccess } from "@/lib/communities/access";
import { NotFoundError } from "@/lib/policy/can";
import { currentCheckpoint, logOrigin, logVerifierKey } from "@/lib/translog/checkpoint";
import { addCheckpoint, witnessName, witnessVerifierKey } from "@/lib/translog/witness";
import { charterVersionContent } from "@/lib/translog/events";
import { AppError } from "@/lib/core/errors";
import { db as processDb, type Db } from "@/lib/db/client";
import {
  consistencyProof,
  decisionInLog,
  inclusionProof,
  listEntries,
  MAX_ENTRIES_PER_PAGE,
  receiptProof,
} from "@/lib/translog/queries";
import { named } from "../../openapi";
import { defineRoute } from "../../route";

const size = (description: string) =>
  z.coerce
    .number({ error: "errors.invalid" })
    .int({ error: "errors.invalid" })
    .min(0, { error: "errors.invalid" })
    .max(Number.MAX_SAFE_INTEGER, { error: "errors.invalid" })
    .describe(description);

const base64Hash = z.string().describe("A SHA-256 hash, base64");
const proofSchema = z.array(base64Hash).describe("RFC 9162 proof: sibling subtree hashes, leaf side first");

const entryWithProofSchema = named(
  "LogEntryWithProof",
  z.object({
    index: z.number().int().describe("The entry's index in the log"),
    data: z.string().describe("The leaf data: canonical JSON whose UTF-8 bytes are hashed as SHA-256(0x00 ‖ data)"),
    leafHash: base64Hash,
    checkpoint: z.string().describe("The signed checkpoint (C2SP signed note) the proof leads to"),
    treeSize: z.number().int().describe("The checkpoint's tree size"),
    proof: proofSchema,
  }),
);

const textCheckpointResponses = {
  200: {
    description: "The checkpoint: a C2SP tlog-checkpoint signed as a C2SP signed note (Ed25519)",
    content: { "text/plain; charset=utf-8": { schema: { type: "string" } } },
  },
};

export const getLogCheckpointRoute = defineRoute({
  operationId: "getLogCheckpoint",
  method: "GET",
  path: "/api/v1/log/checkpoint",
  summary: "The governance log's latest signed checkpoint",
  description:
    "Three lines (origin, tree size, base64 RFC 9162 root hash), a blank line, then the log's Ed25519 signature line `— <origin> base64(key ID ‖ signature)` (c2sp.org/tlog-checkpoint, c2sp.org/signed-note), and any witness cosignatures. Verify it with the key of GET /api/v1/log/key. Issued whenever the log has grown since the last one.",
  tags: ["log"],
  scope: "read",
  response: { status: 200, description: "The signed checkpoint", schema: z.object({ text: z.string() }) },
  openapi: { security: [{}], responses: textCheckpointResponses },
  cacheControl: "no-cache",
  handle: async ({ db }) => {
    const checkpoint = await currentCheckpoint(db);
    const cosignatures = await db.logCosignature.findMany({
      where: { checkpointSize: BigInt(checkpoint.size) },
      orderBy: { createdAt: "asc" },
      select: { line: true },
    });
    return { text: checkpoint.note + cosignatures.map((c) => c.line).join("") };
  },
});

/** Serves a `{ text }` answer as text/plain (the checkpoint), problems unchanged. */
type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };

export function asPlainText(handler: (request: Request, context?: NextContext) => Promise<Response>) {
  return async (request: Request, context?: NextContext): Promise<Response> => {
    const response = await handler(request, context);
    if (!response.ok) return response;
    const { text } = (await response.json()) as { text: string };
    const headers = new Headers(response.headers);
    headers.set("content-type", "text/plain; charset=utf-8");
    return new Response(text, { status: response.status, headers });
  };
}

export const getLogKeyRoute = defineRoute({
  operationId: "getLogKey",
  method: "GET",
  path: "/api/v1/log/key",
  summary: "The key that signs the log's checkpoints",
  description:
    "The origin (the checkpoints' first line and the key name) and the C2SP verifier key `<name>+<key ID>+<base64(0x01 ‖ Ed25519 public key)>`. Keep a copy: a verifier that pinned it notices a replaced key.",
  tags: ["log"],
  scope: "read",
  response: {
    status: 200,
    description: "The log's verifier key",
    schema: named("LogKey", z.object({ origin: z.string(), verifierKey: z.string() })),
  },
  cacheControl: "public, max-age=3600",
  handle: async ({ db }) => ({ origin: await logOrigin(db), verifierKey: await logVerifierKey(db) }),
});

export const listLogEntriesRoute = defineRoute({
  operationId: "listLogEntries",
  method: "GET",
  path: "/api/v1/log/entries",
  summary: "Entries of the governance log by index range",
  description: `Entries [start, end) in index order, at most ${MAX_ENTRIES_PER_PAGE} per request (end defaults to start + ${MAX_ENTRIES_PER_PAGE}, capped at the tree size). Each entry's \`data\` is the leaf: recompute SHA-256(0x00 ‖ data) and the RFC 9162 root to check a checkpoint. 400 when start or end is beyond the tree.`,
  tags: ["log"],
  scope: "read",
  query: z.object({
    start: size("First index (inclusive)").default(0),
    end: size("Last index (exclusive)").optional(),
  }),
  response: {
    status: 200,
    description: "The entries",
    schema: named(
      "LogEntries",
      z.object({
        treeSize: z.number().int().describe("The log's size when answering"),
        entries: z.array(
          z.object({
            index: z.number().int(),
            kind: z
              .string()
              .describe(
                "charter.version, proposal.votingOpened, proposal.ballotBox, proposal.closed, moderation.sanction, moderation.appealDecided, signingKey.created",
              ),
            communityId: z.string().nullable(),
            data: z.string().describe("The leaf data (canonical JSON)"),
            leafHash: base64Hash,
            createdAt: z.string(),
          }),
        ),
      }),
    ),
  },
  cacheControl: "no-cache",
  handle: ({ db, query }) => listEntries(db, query),
});

export const getInclusionProofRoute = defineRoute({
  operationId: "getLogInclusionProof",
  method: "GET",
  path: "/api/v1/log/proofs/inclusion",
  summary: "Inclusion proof of an entry in the tree of a given size",
  description:
    "RFC 9162 §2.1.3 proof that entry `index` is in the tree of the first `size` entries (the current tree when omitted). 404 for an entry the log does not hold; 400 for a size beyond the tree or not above the index.",
  tags: ["log"],
  scope: "read",
  query: z.object({ index: size("The entry's index"), size: size("The tree size").optional() }),
  response: {
    status: 200,
    description: "The proof",
    schema: named(
      "LogInclusionProof",
      z.object({
        index: z.number().int(),
        treeSize: z.number().int(),
        leafHash: base64Hash,
        rootHash: base64Hash,
        proof: proofSchema,
      }),
    ),
  },
  errors: [404],
  cacheControl: "no-cache",
  handle: ({ db, query }) => inclusionProof(db, query),
});

export const getConsistencyProofRoute = defineRoute({
  operationId: "getLogConsistencyProof",
  method: "GET",
  path: "/api/v1/log/proofs/consistency",
  summary: "Consistency proof between two tree sizes",
  description:
    "RFC 9162 §2.1.4 proof that the tree of `first` entries is a prefix of the tree of `second` entries (the current tree when omitted). 400 when a size is beyond the tree or first > second.",
  tags: ["log"],
  scope: "read",
  query: z.object({ first: size("The older tree size"), second: size("The newer tree size").optional() }),
  response: {
    status: 200,
    description: "The proof",
    schema: named(
      "LogConsistencyProof",
      z.object({
        first: z.number().int(),
        second: z.number().int(),
        firstRoot: base64Hash,
        secondRoot: base64Hash,
        proof: proofSchema,
      }),
    ),
  },
  cacheControl: "no-cache",
  handle: ({ db, query }) => consistencyProof(db, query),
});

const proposalParams = z.object({ proposalId: z.string().min(1).max(100).describe("The proposal") });

export const getReceiptProofRoute = defineRoute({
  operationId: "getLogReceiptProof",
  method: "GET",
  path: "/api/v1/log/proposals/{proposalId}/receipts/{receipt}",
  summary: "Trace a voting receipt to a signed checkpoint",
  description:
    'After the close: the ballot\'s commitment SHA-256("geocommuns/ballot-commitment/v1\\n" ‖ proposal id ‖ "\\n" ‖ receipt ‖ "\\n" ‖ canonical JSON of the choice), its position and inclusion proof in the ballot box (the RFC 9162 tree over the sorted commitments, leaves = the 32 commitment bytes), and the box\'s log entry with its inclusion proof against a signed checkpoint. 404 before the close, for a receipt no published ballot carries, or a proposal the caller may not read.',
  tags: ["log"],
  scope: "read",
  params: proposalParams.extend({ receipt: z.string().min(1).max(200).describe("The receipt given when voting") }),
  response: {
    status: 200,
    description: "The receipt's path",
    schema: named(
      "LogReceiptProof",
      z.object({
        proposalId: z.string(),
        receipt: z.string(),
        choice: z
          .unknown()
          .meta({ $ref: "#/components/schemas/BallotChoice", description: "The choice published with the receipt" }),
        commitment: z.string().describe("hex"),
        ballotBox: z.object({
          size: z.number().int(),
          root: z.string().describe("hex"),
          position: z.number().int(),
          proof: proofSchema,
        }),
        entry: entryWithProofSchema,
      }),
    ),
  },
  errors: [404],
  cacheControl: "no-cache",
  handle: async ({ db, principal, params }) => {
    await requireProposalAccess(db, { proposalId: params.proposalId, actor: principal.user });
    const proof = await receiptProof(db, params);
    if (!proof) throw new NotFoundError();
    return proof;
  },
});

export const getDecisionInLogRoute = defineRoute({
  operationId: "getLogDecision",
  method: "GET",
  path: "/api/v1/log/proposals/{proposalId}/decision",
  summary: "The checkpoint that includes a decision",
  description:
    "The decision's log entry (outcome, turnout, digest of the published ballots, ballot box root, hash of the stored result) with its inclusion proof against the first signed checkpoint that includes it. 404 before the close or for a proposal the caller may not read.",
  tags: ["log"],
  scope: "read",
  params: proposalParams,
  response: {
    status: 200,
    description: "The decision's entry and checkpoint",
    schema: named(
      "LogDecision",
      z.object({
        proposalId: z.string(),
        entry: entryWithProofSchema,
        finality: z
          .object({
            witnessesRequired: z.number().int().describe("The charter's witnessesRequired when the vote closed"),
            cosignedBy: z.array(z.string()).describe("Witnesses that co-signed a checkpoint including the decision"),
            final: z.boolean().describe("Whether enough witnesses co-signed for the decision to be shown as final"),
          })
          .describe("Whether the decision may be shown as final"),
      }),
    ),
  },
  errors: [404],
  cacheControl: "no-cache",
  handle: async ({ db, principal, params }) => {
    await requireProposalAccess(db, { proposalId: params.proposalId, actor: principal.user });
    return decisionInLog(db, params.proposalId);
  },
});

export const getLogCommunityRoute = defineRoute({
  operationId: "getLogCommunity",
  method: "GET",
  path: "/api/v1/log/communities/{slug}",
  summary: "The id under which a community's entries appear in the log",
  description:
    "Log entries name communities by id (`communityId`); this maps a slug to it, for a verifier that checks one community. 404 when the community does not exist or the caller may not read it.",
  tags: ["log"],
  scope: "read",
  params: z.object({ slug: z.string().min(1).max(100).describe("The community's slug") }),
  response: {
    status: 200,
    description: "The community's id",
    schema: named("LogCommunity", z.object({ slug: z.string(), communityId: z.string() })),
  },
  errors: [404],
  handle: async ({ db, principal, params }) => {
    const { community } = await requireCommunityAccess(db, {
      slug: params.slug,
      actor: principal.user,
      action: "community.read",
    });
    return { slug: params.slug, communityId: community.id };
  },
});

export const getLogCharterVersionRoute = defineRoute({
  operationId: "getLogCharterVersion",
  method: "GET",
  path: "/api/v1/log/communities/{slug}/charters/{version}",
  summary: "A charter version exactly as stored, to check against the log",
  description:
    "The rules, parameters and changes of version `version` as stored when it was written (no default filled in for parameters added later, unlike GET /api/v1/communities/{slug}/charter): the SHA-256 of the canonical JSON of `{ number, rules, parameters, changes }` is the `contentHash` of its `charter.version` log entry. 404 when the community, its charter or the version does not exist, or the caller may not read it.",
  tags: ["log"],
  scope: "read",
  params: z.object({
    slug: z.string().min(1).max(100).describe("The community's slug"),
    version: size("The version number"),
  }),
  response: {
    status: 200,
    description: "The stored version",
    schema: named(
      "LogCharterVersion",
      z.object({ number: z.number().int(), rules: z.unknown(), parameters: z.unknown(), changes: z.unknown() }),
    ),
  },
  errors: [404],
  handle: async ({ db, principal, params }) => {
    const { community } = await requireCommunityAccess(db, { slug: params.slug, actor: principal.user, action: "charter.read" });
    const version = await db.charterVersion.findFirst({
      where: { number: params.version, charter: { communityId: community.id } },
      select: { number: true, rules: true, parameters: true, changes: true },
    });
    if (!version) throw new NotFoundError();
    return charterVersionContent(version);
  },
});

export const getWitnessKeyRoute = defineRoute({
  operationId: "getWitnessKey",
  method: "GET",
  path: "/api/v1/log/witness/key",
  summary: "This instance's witness key",
  description:
    "When this instance witnesses other logs (c2sp.org/tlog-witness): its name and C2SP verifier key for timestamped Ed25519 cosignatures (type 0x04), `<name>+<key ID>+<base64(0x04 ‖ public key)>`.",
  tags: ["log"],
  scope: "read",
  response: {
    status: 200,
    description: "The witness's verifier key",
    schema: named("WitnessKey", z.object({ name: z.string(), verifierKey: z.string() })),
  },
  cacheControl: "public, max-age=3600",
  handle: async ({ db }) => ({ name: await witnessName(db), verifierKey: await witnessVerifierKey(db) }),
});

const plain = (description: string, type = "text/plain; charset=utf-8") => ({
  description,
  content: { [type]: { schema: { type: "string" } } },
});

export const addCheckpointRoute = defineRoute({
  operationId: "witnessAddCheckpoint",
  method: "POST",
  path: "/api/v1/log/witness/add-checkpoint",
  summary: "Ask this instance, as a witness, to co-sign a log's checkpoint",
  description:
    "c2sp.org/tlog-witness add-checkpoint, for the logs the operator registered (origin and verifier key). The body is `old <size>`, up to 63 base64 consistency proof lines (RFC 9162) from that size, a blank line, then the signed checkpoint. The witness co-signs only a checkpoint signed by the log's key and consistent with the last one it co-signed for that origin, and answers the cosignature line (cosignature/v1). Refusals of a known log (bad signature, inconsistent proof, a fork) are recorded.",
  tags: ["log"],
  scope: "read",
  response: { status: 200, description: "The cosignature line", schema: z.object({ cosignature: z.string() }) },
  openapi: {
    security: [{}],
    requestBody: { required: true, content: { "text/plain": { schema: { type: "string" } } } },
    responses: {
      200: plain("The witness's cosignature line(s), `— <witness> base64(key ID ‖ timestamp ‖ signature)`"),
      400: plain("Malformed request, or an old size beyond the checkpoint"),
      403: plain("No signature by the log's registered key (recorded)"),
      404: plain("Unknown log origin"),
      409: plain(
        "The old size is not the last co-signed size (the body gives it), or the same size with another root (a fork, recorded)",
        "text/x.tlog.size",
      ),
      422: plain("The consistency proof does not verify (recorded)"),
    },
  },
  cacheControl: "no-store",
  // app/api/v1/log/witness/add-checkpoint/route.ts serves it with witnessHandler (plain-text answers, as
  // C2SP specifies); this JSON form is what the registry's generic runner would give.
  handle: async ({ db, request }) => {
    const answer = await addCheckpoint(db, await request.text());
    if (answer.status !== 200) throw new AppError("witness_refused", "errors.invalid", answer.status);
    return { cosignature: answer.body };
  },
});

/** add-checkpoint's own runner: the C2SP answers are plain text (no JSON, no problem documents). */
export function witnessHandler(database: () => Db = processDb) {
  return async (request: Request): Promise<Response> => {
    const answer = await addCheckpoint(database(), await request.text());
    return new Response(answer.body, {
      status: answer.status,
      headers: { "content-type": answer.contentType, "cache-control": "no-store" },
    });
  };
}

export const logRoutes = [
  getLogCheckpointRoute,
  getLogKeyRoute,
  listLogEntriesRoute,
  getInclusionProofRoute,
  getConsistencyProofRoute,
  getReceiptProofRoute,
  getDecisionInLogRoute,
  getLogCommunityRoute,
  getLogCharterVersionRoute,
  getWitnessKeyRoute,
  addCheckpointRoute,
] as const;
