/**
 * A community's charter: the current version or a given one, with its rules (each citing the Ostrom
 * principle it serves), the parameters it enforces, the changes from the previous version and the
 * proposal whose adoption made it. The read is checked in lib/charter (charter.read).
 */
import { z } from "zod";
import { named } from "../../openapi";
import { defineRoute } from "../../route";
import { NotFoundError } from "@/lib/policy/can";
import { readCharter } from "@/lib/charter/get-charter";
import { charterChangeSchema, charterRuleSchema } from "@/lib/charter/amendments";
import { charterParametersSchema } from "@/lib/charter/parameters";
import { slugParamsSchema } from "./communities";

const charterQuerySchema = z.object({
  version: z.coerce
    .number({ error: "errors.invalid" })
    .int({ error: "errors.invalid" })
    .min(1, { error: "errors.invalid" })
    .max(1_000_000, { error: "errors.invalid" })
    .optional()
    .describe("A version number (1 is the founding one); the current version when omitted"),
});

const charterVersionSchema = named(
  "CharterVersion",
  z.object({
    number: z.number().int().describe("This version's number"),
    currentVersion: z.number().int().describe("The charter's current version number"),
    createdAt: z.string().describe("ISO 8601"),
    rules: z.array(charterRuleSchema).describe("In rule-number order; `principle` is one of Ostrom's eight (1–8)"),
    parameters: charterParametersSchema.describe("The parameters this version enforces (durations, quorums, thresholds…)"),
    changes: z.array(charterChangeSchema).describe("The changes from the previous version; empty for the founding one"),
    proposal: z
      .object({ id: z.string(), title: z.string() })
      .nullable()
      .describe("The adopted amendment proposal that made this version; null for the founding one"),
  }),
);

export const getCharterRoute = defineRoute({
  operationId: "getCommunityCharter",
  method: "GET",
  path: "/api/v1/communities/{slug}/charter",
  summary: "Get a community's charter",
  description:
    "The current version, or `?version=N`. 404 when the community does not exist or the caller may not read it, when it has no charter yet, or when the version does not exist.",
  tags: ["communities"],
  scope: "read",
  params: slugParamsSchema,
  query: charterQuerySchema,
  response: { status: 200, description: "The charter version", schema: charterVersionSchema },
  errors: [404],
  handle: async ({ db, principal, params, query }) => {
    const { charter } = await readCharter(db, { actor: principal.user, slug: params.slug, version: query.version });
    if (!charter) throw new NotFoundError();
    return {
      number: charter.number,
      currentVersion: charter.currentVersion,
      createdAt: charter.createdAt.toISOString(),
      rules: charter.rules,
      parameters: charter.parameters,
      changes: charter.changes,
      proposal: charter.proposal,
    };
  },
});
