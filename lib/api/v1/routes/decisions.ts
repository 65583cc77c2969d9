/** Signed decision records (lib/decisions) and the key that verifies them. */
import { z } from "zod";
import { issueDecisionDocument, publishedSigningKey } from "@/lib/decisions/issue-record";
import { decisionDocumentSchema, publishedKeySchema } from "@/lib/decisions/schemas";
import { named } from "../../openapi";
import { defineRoute } from "../../route";

const proposalParamsSchema = z.object({
  proposalId: z.string().min(1).max(100).describe("The proposal whose decision is wanted"),
});

export const getDecisionRecordRoute = defineRoute({
  operationId: "getDecisionRecord",
  method: "GET",
  path: "/api/v1/decisions/{proposalId}/record",
  summary: "Download a proposal's signed decision record",
  description:
    "The record (community, proposal, options, electorate, turnout, outcome, result, published [receipt, choice] pairs and their digest) signed with Ed25519 over its canonical JSON (RFC 8785); verify it with the key of GET /api/v1/signing-key. Served as an attachment `decision-<proposalId>.json`. 404 when the proposal has no decision yet, does not exist, or its community is not readable by the caller.",
  tags: ["decisions"],
  scope: "read",
  params: proposalParamsSchema,
  response: { status: 200, description: "The signed record", schema: named("DecisionDocument", decisionDocumentSchema) },
  errors: [404],
  handle: ({ db, principal, params }) => issueDecisionDocument(db, { actor: principal.user, proposalId: params.proposalId }),
});

/** The download's file name; the id is echoed only after it matched a proposal, but still kept to safe characters. */
export function decisionRecordFilename(proposalId: string): string {
  return `decision-${proposalId.replace(/[^A-Za-z0-9_-]/g, "_")}.json`;
}

/** Wraps the route's handler so a successful answer downloads as a file. */
export function asDecisionRecordDownload(
  handler: (request: Request, context: { params: Promise<Record<string, string | string[] | undefined>> }) => Promise<Response>,
) {
  return async (request: Request, context: { params: Promise<{ proposalId: string }> }): Promise<Response> => {
    const response = await handler(request, context);
    if (response.ok) {
      const { proposalId } = await context.params;
      response.headers.set("content-disposition", `attachment; filename="${decisionRecordFilename(proposalId)}"`);
    }
    return response;
  };
}

export const getSigningKeyRoute = defineRoute({
  operationId: "getSigningKey",
  method: "GET",
  path: "/api/v1/signing-key",
  summary: "The public key that signs decision records",
  description:
    "Ed25519, as a JWK (RFC 8037) and as SPKI PEM; `kid` is the RFC 7638 thumbprint named by each signed record. Stable: records keep verifying as long as the operator keeps the key.",
  tags: ["decisions"],
  scope: "read",
  response: { status: 200, description: "The public key", schema: named("SigningKey", publishedKeySchema) },
  cacheControl: "public, max-age=3600",
  handle: ({ db }) => publishedSigningKey(db),
});
