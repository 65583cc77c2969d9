/**
 * POST /api/v1/hooks/{sourceId}: deliveries from forges (GitHub, GitLab, Gitea/Forgejo) and from any
 * tool signing with the generic scheme, to a commons' contribution source (issue 16). No bearer token
 * or cookie: the delivery proves itself with the source's secret (lib/connectors/verify.ts). The body
 * is read with a cap (413 past 1 MiB), then lib/connectors/receive.ts verifies, parses and records.
 * Answers 200 when the event was taken (recorded, waiting to be claimed, or already received) and
 * 202 when it is not a contribution (ignored, counted on the source).
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db, type Db } from "@/lib/db/client";
import { MAX_DELIVERY_BYTES, readCapped, receiveDelivery } from "@/lib/connectors/receive";
import { genericEventSchema } from "@/lib/connectors/parse";
import { GENERIC_TOLERANCE_SECONDS } from "@/lib/connectors/verify";
import { named } from "../../openapi";
import { defineRoute } from "../../route";
import { negotiateLocale } from "../../locale";
import { problemResponse, toProblem, PROBLEM_CONTENT_TYPE } from "../../problem";
import { parseInput } from "../../validation";

export const hookParamsSchema = z.object({
  sourceId: z
    .string()
    .min(1)
    .max(100)
    .describe("The contribution source, as shown to the commons' stewards when they attached it"),
});

export const deliveryResultSchema = named(
  "HookDeliveryResult",
  z.object({
    outcome: z
      .enum(["recorded", "unmatched", "duplicate", "ignored"])
      .describe(
        "recorded: a contribution of the member whose verified identity wrote it; unmatched: waiting in the source's “to claim” list; duplicate: this delivery or event was already received (nothing changed); ignored (202): not a contribution",
      ),
    event: z
      .string()
      .describe("The event as understood: push, merge, release, contribution, or the sender's own name when ignored"),
    contributionId: z.string().optional(),
  }),
);

const header = (name: string, description: string) => ({
  name,
  in: "header",
  required: false,
  description,
  schema: { type: "string" },
});

const genericBodySchema = z.toJSONSchema(genericEventSchema, { target: "draft-2020-12", io: "input", unrepresentable: "any" });
delete (genericBodySchema as Record<string, unknown>).$schema;

async function receive(database: Db, sourceId: string, request: Request) {
  const body = await readCapped(request, MAX_DELIVERY_BYTES);
  return receiveDelivery(database, { sourceId, headers: request.headers, body });
}

export const receiveHookRoute = defineRoute({
  operationId: "receiveContributionHook",
  method: "POST",
  path: "/api/v1/hooks/{sourceId}",
  summary: "Deliver a forge's or a tool's event to a commons' contribution source",
  description: [
    "Point a forge's webhook (or any tool) at this URL with the secret shown when the source was attached (or rotated). Each event becomes at most one contribution of the commons' ledger: a push with commits (quantity: commits), a merged pull/merge request, a published release, or a generic `contribution` event. The author is matched to the member who linked and verified that account on their profile; otherwise the event waits in the source's “to claim” list. Depending on the source, the contribution counts at once or waits for a member's validation.",
    "**Signatures** (checked on the raw body before anything is parsed or stored; missing or wrong → 401, nothing stored):",
    "- GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>`, with `X-GitHub-Event` and `X-GitHub-Delivery`.",
    "- GitLab: `X-Gitlab-Token: <secret>`, with `X-Gitlab-Event` and `X-Gitlab-Event-UUID`. (GitLab release hooks name no user and are ignored.)",
    "- Gitea / Forgejo: `X-Gitea-Signature` or `X-Forgejo-Signature: <hex HMAC-SHA256(secret, body)>`, with `X-Gitea-Event` / `X-Forgejo-Event` and `X-Gitea-Delivery` / `X-Forgejo-Delivery`.",
    `- Generic: \`X-Geocommuns-Timestamp: <unix seconds>\` and \`X-Geocommuns-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>\` (the timestamp, a dot, then the raw body bytes), optional \`X-Geocommuns-Event: contribution\` and \`X-Geocommuns-Delivery: <id>\`. A timestamp more than ${GENERIC_TOLERANCE_SECONDS} seconds away from the server's clock is refused as a replay (401).`,
    "**Idempotency**: a delivery id seen before, or an event (commit, pull request, release, generic `id`) already recorded, changes nothing (200, `duplicate`).",
    `**Limits**: bodies over ${MAX_DELIVERY_BYTES} bytes → 413. Unknown or disabled source → 404; a source of an archived or rejected commons → 409. An event that is not a contribution (ping, issues, a closed but unmerged pull request…) → 202, counted on the source.`,
  ].join("\n\n"),
  tags: ["connectors"],
  scope: "read",
  params: hookParamsSchema,
  response: {
    status: 200,
    description: "The event was taken (recorded, to claim, or already received)",
    schema: deliveryResultSchema,
  },
  errors: [404, 409],
  openapi: {
    security: [{}],
    parameters: [
      header("X-Hub-Signature-256", "GitHub: sha256=<hex HMAC-SHA256 of the body>"),
      header("X-GitHub-Event", "GitHub: push, pull_request, release (others are ignored)"),
      header("X-GitHub-Delivery", "GitHub: the delivery's id (idempotency)"),
      header("X-Gitlab-Token", "GitLab: the source's secret"),
      header("X-Gitlab-Event", "GitLab: Push Hook, Merge Request Hook (others are ignored)"),
      header("X-Gitlab-Event-UUID", "GitLab: the delivery's id (idempotency)"),
      header("X-Gitea-Signature", "Gitea: hex HMAC-SHA256 of the body (Forgejo: X-Forgejo-Signature)"),
      header("X-Gitea-Event", "Gitea: push, pull_request, release (Forgejo: X-Forgejo-Event)"),
      header("X-Gitea-Delivery", "Gitea: the delivery's id (Forgejo: X-Forgejo-Delivery)"),
      header("X-Geocommuns-Timestamp", "Generic: Unix time in seconds when the delivery was signed"),
      header("X-Geocommuns-Signature", 'Generic: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>'),
      header("X-Geocommuns-Event", "Generic: contribution (default); other names are ignored"),
      header("X-Geocommuns-Delivery", "Generic: the delivery's id (optional; the event's `id` keys the contribution)"),
    ],
    requestBody: {
      required: true,
      description:
        "The forge's own payload as it sends it (JSON, or GitHub/Gitea's form encoding with a `payload` field); for the generic scheme, the object below.",
      content: { "application/json": { schema: genericBodySchema } },
    },
    responses: {
      202: {
        description: "Not a contribution: ignored and counted on the source",
        content: { "application/json": { schema: { $ref: "#/components/schemas/HookDeliveryResult" } } },
      },
      401: {
        description: "Missing or invalid signature, or (generic) a timestamp outside the tolerance window: nothing stored",
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: "#/components/schemas/Problem" } } },
      },
      413: {
        description: `Body over ${MAX_DELIVERY_BYTES} bytes`,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: "#/components/schemas/Problem" } } },
      },
    },
  },
  cacheControl: "no-store",
  handle: ({ db: database, params, request }) => receive(database, params.sourceId, request),
});

type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };

/** The route's own runner: no authentication (the signature is the credential), 200 or 202. */
export function bindHook(deps: () => { db: Db }) {
  return async (request: Request, context?: NextContext): Promise<Response> => {
    const requestId = request.headers.get("x-request-id") ?? randomUUID();
    const locale = negotiateLocale(request.headers.get("accept-language"));
    const instance = new URL(request.url).pathname;
    try {
      const { sourceId } = parseInput(hookParamsSchema, (await context?.params) ?? {}, { root: "path" });
      const result = await receive(deps().db, sourceId, request);
      const { status, ...answer } = result;
      return Response.json(deliveryResultSchema.parse(answer), {
        status,
        headers: { "cache-control": "no-store", "x-request-id": requestId },
      });
    } catch (error) {
      return problemResponse(toProblem(error, { locale, requestId, instance }), requestId);
    }
  };
}

export const hookHandler = bindHook(() => ({ db: db() }));
