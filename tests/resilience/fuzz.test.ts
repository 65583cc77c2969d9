/**
 * Property-based fuzzing (fast-check):
 * - every route of the v1 registry (read at run time, so endpoints added later are fuzzed too), over
 *   HTTP against `next start`, with path, query and body generated from the route's own zod schemas
 *   plus hostile values, as anonymous, read-only, read-write or bogus-token callers;
 * - the inputs of the server actions, by calling their use cases directly as the actions do.
 * → never a 5xx (or an unexpected exception), and a rejected input stores nothing: the row counts of
 * every application table are the same before and after.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { v1Routes } from "@/lib/api/v1/registry";
import type { ApiRoute } from "@/lib/api/route";
import { inputTextIssue } from "@/lib/core/validation";
import { isAppError } from "@/lib/core/errors";
import { createCommunity } from "@/lib/communities/create-community";
import { createCommunitySchema, inviteSchema, updateCommunitySchema } from "@/lib/communities/schemas";
import { updateCommunity } from "@/lib/communities/update-community";
import { inviteByEmail } from "@/lib/communities/invitations";
import { createProposal } from "@/lib/proposals/create-proposal";
import { createProposalSchema, commentSchema, receiptSchema } from "@/lib/proposals/schemas";
import { checkReceipt, voteOnProposal } from "@/lib/proposals/ballots";
import { addComment } from "@/lib/proposals/comments";
import { closeProposal } from "@/lib/proposals/close-proposal";
import { updateProfile } from "@/lib/users/update-profile";
import { profileSchema } from "@/lib/users/schemas";
import { createApiToken } from "@/lib/tokens/create-token";
import { createTokenSchema } from "@/lib/tokens/schemas";
import { requestEmailLink } from "@/lib/auth/email-link";
import { emailSignInSchema } from "@/lib/auth/schemas";
import { proposeCommons } from "@/lib/commons/commons";
import { proposeCommonsSchema } from "@/lib/commons/schemas";
import { ballotBodySchema } from "@/lib/api/v1/routes/proposals";
import { arbitraryFor, fuzzInput, hostileStrings } from "./support/arbitraries";
import { rowCounts, startStack, type Stack } from "./support/stack";
import { createVotingCommunity, openThresholdProposal, type VotingCommunity } from "./support/fixtures";

/**
 * Runs per HTTP route: about 480 requests in all, shared by the registry's routes (at least 8 each), so
 * the suite's time stays within budget as routes are added; FUZZ_RUNS sets it for a longer hunt.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? Math.min(20, Math.max(8, Math.floor(480 / v1Routes.length))));
/** Runs per server action. */
const ACTION_RUNS = Number(process.env.FUZZ_RUNS ?? 30);
/** Counters that legitimately move on a refused request (a refused sign-in still counts against the limit). */
const COUNTERS = ["RateLimit"];

let stack: Stack;
let base: string;
let community: VotingCommunity;
let ids: string[];
let slugs: string[];
beforeAll(async () => {
  stack = await startStack({ slot: 4 });
  base = stack.servers[0]!.url;
  community = await createVotingCommunity(stack.db, { members: 3 });
  const voting = await openThresholdProposal(stack.db, community, "Proposition en cours de vote");
  const closed = await openThresholdProposal(stack.db, community, "Proposition close");
  await closeProposal(stack.db, { proposalId: closed });
  const draft = await createProposal(stack.db, {
    actor: community.owner.actor,
    slug: community.slug,
    input: { kind: "GENERAL", title: "Un brouillon", method: "THRESHOLD", votingDays: 7 },
  });
  // A commons too, from the first generated input its schema accepts (so the fixture follows the schema).
  for (const input of fc.sample(arbitraryFor(proposeCommonsSchema), 200)) {
    const made = await proposeCommons(stack.db, { actor: community.owner.actor, slug: community.slug, input }).catch(() => null);
    if (made) break;
  }
  // Path parameters draw on real rows of every table (ids and slugs), so routes added later reach
  // their handlers' code with existing entities too, not only "not found".
  ids = [voting, closed, draft.id, community.communityId, community.owner.userId];
  slugs = [community.slug, "inconnue"];
  const columns = await stack.db.$queryRaw<{ table: string; column: string }[]>`
    SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name IN ('id', 'slug') AND table_name <> '_prisma_migrations'`;
  for (const { table, column } of columns) {
    const rows = await stack.db.$queryRawUnsafe<{ value: string }[]>(
      `SELECT "${column}"::text AS value FROM "${table.replace(/"/g, "")}" ORDER BY 1 LIMIT 3`,
    );
    (column === "slug" ? slugs : ids).push(...rows.map((r) => r.value));
  }
  // The signing key is made once, on first use, whoever asks: make it now so it is not counted as
  // "stored by a refused request".
  expect((await fetch(`${base}/api/v1/signing-key`)).status).toBe(200);
});
afterAll(async () => {
  await stack?.stop();
});

const excerpt = (value: unknown) => {
  let text: string;
  try {
    text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 200 ? `${text.slice(0, 200)}… (${text.length} chars)` : text;
};

/**
 * fast-check's reporter: failures the property returned are already in `failures`, short; the
 * default reporter would print megabytes of generated input. A property that threw is recorded here.
 */
const recordThrown =
  (failures: string[]) =>
  (run: { failed: boolean; errorInstance?: unknown }): void => {
    if (run.failed && failures.length === 0) failures.push(`threw: ${excerpt(String(run.errorInstance))}`);
  };

/** Property names of an object schema (path params, query). */
function keysOf(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  try {
    const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, unknown> };
    return Object.keys(json.properties ?? {});
  } catch {
    return [];
  }
}

const rawBodies = fc.constantFrom(
  "{",
  "NaN",
  "[".repeat(100_000),
  '{"a":1}{"b":2}',
  "null",
  '"texte"',
  "\u0000",
  '{"__proto__":{"isPlatformAdmin":true}}',
);

function requestArbitrary(route: ApiRoute) {
  const params = fc.record(
    Object.fromEntries(
      keysOf(route.params).map((key) => [
        key,
        fc.oneof(
          {
            arbitrary: key.toLowerCase().includes("slug") ? fc.constantFrom(...slugs) : fc.constantFrom(...ids),
            weight: 3,
          },
          { arbitrary: hostileStrings.filter((s) => s.length < 5_000), weight: 1 },
          { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
        ),
      ]),
    ),
  );
  const hasBody = route.body !== undefined || route.method !== "GET";
  return fc.record({
    params,
    query: fuzzInput(route.query),
    body: hasBody
      ? fc.oneof({ arbitrary: fuzzInput(route.body), weight: 5 }, { arbitrary: rawBodies, weight: 1 })
      : fc.constant(undefined),
    rawBody: fc.boolean(),
    auth: fc.oneof(
      { arbitrary: fc.constant("write"), weight: 3 },
      { arbitrary: fc.constantFrom("read", "none", "bogus"), weight: 2 },
    ),
  });
}

/** Lone surrogates cannot be put in a URL (encodeURIComponent throws): they become U+FFFD, as a browser does. */
const wellFormed = (text: string) =>
  text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
const encode = (text: string) => encodeURIComponent(wellFormed(text));
/** Text every boundary refuses before any schema (parseInput): NUL, control characters, lone surrogates, depth. */
const refusedAtBoundary = (value: unknown) => inputTextIssue(value) !== null;

function urlOf(route: ApiRoute, params: Record<string, unknown>, query: unknown): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, key: string) => encode(String(params[key] ?? "")));
  const search = new URLSearchParams();
  if (typeof query === "object" && query !== null && !Array.isArray(query)) {
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined)
        search.append(wellFormed(key), wellFormed(typeof value === "string" ? value : (JSON.stringify(value) ?? "")));
    }
  } else if (query !== undefined) {
    search.append("q", wellFormed(typeof query === "string" ? query : (JSON.stringify(query) ?? "")));
  }
  const qs = search.toString();
  return `${base}${path}${qs ? `?${qs}` : ""}`;
}

describe("fuzzing the v1 API over HTTP", () => {
  it("covers the registry", () => {
    expect(v1Routes.length).toBeGreaterThanOrEqual(15);
  });

  it.each(v1Routes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    "%s: never a 5xx, nothing stored when refused",
    async (_name, route) => {
      const writer = community.members[0]!;
      const { secret: readOnly } = await createApiToken(stack.db, {
        userId: writer.userId,
        input: { name: "lecture", scopes: ["read"] },
      });
      const failures: string[] = [];
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(requestArbitrary(route), async ({ params, query, body, rawBody, auth }) => {
          const headers: Record<string, string> = { "accept-language": "fr" };
          if (auth === "write") headers.authorization = `Bearer ${writer.secret}`;
          if (auth === "read") headers.authorization = `Bearer ${readOnly}`;
          if (auth === "bogus") headers.authorization = "Bearer gct_\u00e9\u0000inexistant";
          let payload: string | undefined;
          if (body !== undefined) {
            payload = rawBody && typeof body === "string" ? body : JSON.stringify(body);
            headers["content-type"] = "application/json";
          }
          const url = urlOf(route, params, query);
          const before = await rowCounts(stack.db, COUNTERS);
          let status: number;
          let text = "";
          try {
            const response = await fetch(url, {
              method: route.method,
              headers,
              body: payload,
              signal: AbortSignal.timeout(30_000),
            });
            status = response.status;
            text = await response.text();
          } catch (error) {
            // Header values fetch itself refuses (e.g. NUL) never reach the server.
            if (error instanceof TypeError && /header/i.test(String(error.message))) return true;
            failures.push(`${route.method} ${excerpt(url)} body=${excerpt(payload)} → ${String(error)}`);
            return false;
          }
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status >= 500) {
            failures.push(`${route.method} ${excerpt(url)} auth=${auth} body=${excerpt(payload)} → ${status} ${excerpt(text)}`);
            return false;
          }
          if (status >= 400) {
            const after = await rowCounts(stack.db, COUNTERS);
            const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
            if (changed.length > 0) {
              failures.push(
                `${route.method} ${excerpt(url)} body=${excerpt(payload)} → ${status} but changed ${changed.join(", ")}`,
              );
              return false;
            }
          }
          return true;
        }),
        { numRuns: RUNS, endOnFailure: true, reporter: recordThrown(failures) },
      );
      expect(failures).toEqual([]);
      // The fuzzer got past the token check (the statuses seen are printed when something fails).
      expect(
        [...statuses.keys()].some((status) => status !== 401),
        `statuses: ${[...statuses.entries()].join(" ")}`,
      ).toBe(true);
    },
  );
});

type Actor = { id: string; onboarded: true; isPlatformAdmin: false };
/** Administrator's actions run as the community's founder; the others as a plain member. */
const asOwner = () => community.owner.actor;
/** Each server action's input and the use case it calls, exactly as the action does. */
const actions: { name: string; input: () => fc.Arbitrary<unknown>; run: (actor: Actor, input: unknown) => Promise<unknown> }[] = [
  {
    name: "createCommunity",
    input: () => fuzzInput(createCommunitySchema),
    run: async (actor, input) => {
      const parsed = createCommunitySchema.safeParse(input);
      if (!parsed.success) return "refused";
      return createCommunity(stack.db, { actor, input: parsed.data });
    },
  },
  {
    name: "createProposal",
    input: () => fuzzInput(createProposalSchema),
    run: (actor, input) => createProposal(stack.db, { actor, slug: community.slug, input }),
  },
  {
    name: "voteOnProposal",
    input: () => fuzzInput(ballotBodySchema),
    run: async (actor, choice) => {
      const parsed = ballotBodySchema.safeParse(choice);
      if (!parsed.success) return "refused";
      return voteOnProposal(stack.db, { actor, proposalId: ids[0]!, choice: parsed.data });
    },
  },
  {
    name: "addComment",
    input: () => fuzzInput(commentSchema),
    run: async (actor, input) => {
      const parsed = commentSchema.safeParse(input);
      if (!parsed.success) return "refused";
      return addComment(stack.db, { actor, proposalId: ids[0]!, input: parsed.data });
    },
  },
  {
    name: "proposeCommons",
    input: () => fuzzInput(proposeCommonsSchema),
    run: (actor, input) => proposeCommons(stack.db, { actor, slug: community.slug, input }),
  },
  {
    name: "updateProfile",
    input: () => fuzzInput(profileSchema),
    run: async (actor, input) => {
      const parsed = profileSchema.safeParse(input);
      if (!parsed.success) return "refused";
      return updateProfile(stack.db, { userId: actor.id, profile: parsed.data });
    },
  },
  {
    name: "createApiToken",
    input: () => fuzzInput(createTokenSchema),
    run: (actor, input) => createApiToken(stack.db, { userId: actor.id, input }),
  },
  {
    name: "updateCommunity",
    input: () => fuzzInput(updateCommunitySchema),
    run: async (_actor, input) => {
      const parsed = updateCommunitySchema.safeParse(input);
      if (!parsed.success) return "refused";
      return updateCommunity(stack.db, { actor: asOwner(), slug: community.slug, input: parsed.data });
    },
  },
  {
    name: "inviteByEmail",
    input: () => fuzzInput(inviteSchema),
    run: async (_actor, input) => {
      const parsed = inviteSchema.safeParse(input);
      if (!parsed.success) return "refused";
      return inviteByEmail(stack.db, {
        actor: asOwner(),
        slug: community.slug,
        email: parsed.data.email,
        role: parsed.data.role,
        appUrl: base,
        fallbackLocale: "fr",
      });
    },
  },
  {
    name: "checkReceipt",
    input: () => fuzzInput(receiptSchema),
    run: async (actor, input) => {
      const parsed = receiptSchema.safeParse(input);
      if (!parsed.success) return "refused";
      return checkReceipt(stack.db, { actor, proposalId: ids[1]!, receipt: parsed.data.receipt });
    },
  },
  {
    name: "requestEmailLink",
    input: () => fuzzInput(emailSignInSchema),
    run: async (_actor, input) => {
      const parsed = emailSignInSchema.safeParse(input);
      if (!parsed.success) return "refused";
      return requestEmailLink(stack.db, {
        email: parsed.data.email,
        clientIp: "127.0.0.1",
        locale: "fr",
        appUrl: base,
        limits: { perAddress: 1000, perIp: 100_000, windowSeconds: 3600 },
      });
    },
  },
];

describe("fuzzing the server actions' inputs through their use cases", () => {
  it.each(actions.map((action) => [action.name, action] as const))(
    "%s: refuses cleanly, stores nothing when refused",
    async (_name, action) => {
      const actor = community.members[1]!.actor;
      const failures: string[] = [];
      await fc.assert(
        fc.asyncProperty(action.input(), async (input) => {
          // These cases call the schemas' safeParse, not parseInput: text that parseInput refuses before
          // any schema (NUL, control characters, lone surrogates, nesting) never reaches a use case from
          // a form, and the HTTP fuzzing above keeps it.
          fc.pre(!refusedAtBoundary(input));
          const before = await rowCounts(stack.db, COUNTERS);
          let refused = false;
          try {
            refused = (await action.run(actor, input)) === "refused";
          } catch (error) {
            if (!isAppError(error) || error.status >= 500) {
              failures.push(`${action.name}(${excerpt(input)}) → ${excerpt(error instanceof Error ? error.message : error)}`);
              return false;
            }
            refused = true;
          }
          if (refused) {
            const after = await rowCounts(stack.db, COUNTERS);
            const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
            if (changed.length > 0) {
              failures.push(`${action.name}(${excerpt(input)}) refused but changed ${changed.join(", ")}`);
              return false;
            }
          }
          return true;
        }),
        { numRuns: ACTION_RUNS, endOnFailure: true, reporter: recordThrown(failures) },
      );
      expect(failures).toEqual([]);
    },
  );
});
