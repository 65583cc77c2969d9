/**
 * The proposals list's query parameters (`?q=&status=&kind=&sort=&cursor=`), one zod schema per
 * field so that a bad value is dropped with a message at its own field while the others still apply:
 * a list page never answers a bad query with the error page.
 */
import { z } from "zod";
import { decodeCursor } from "@/lib/core/pagination";
import { proposalKinds, proposalStatuses } from "./schemas";

export const proposalSorts = ["newest", "oldest"] as const;
export type ProposalSort = (typeof proposalSorts)[number];

/** Words searched in titles and texts: at most 200 characters, no control character (PostgreSQL refuses NUL). */
export const proposalSearchSchema = z
  .string()
  .max(200, { error: "results.list.queryTooLong" })
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), { error: "results.list.invalid" })
  .transform((value) => value.trim().replace(/\s+/g, " "));

export const proposalListFilterSchemas = {
  q: proposalSearchSchema,
  status: z.enum(proposalStatuses, { error: "results.list.invalid" }),
  kind: z.enum(proposalKinds, { error: "results.list.invalid" }),
  sort: z.enum(proposalSorts, { error: "results.list.invalid" }),
  cursor: z.string().transform((cursor, ctx) => {
    const after = decodeCursor(cursor);
    if (after === null) {
      ctx.addIssue({ code: "custom", message: "results.list.invalid" });
      return z.NEVER;
    }
    return after;
  }),
} as const;

type Field = keyof typeof proposalListFilterSchemas;
export type ProposalListFilters = {
  q?: string;
  status?: (typeof proposalStatuses)[number];
  kind?: (typeof proposalKinds)[number];
  sort: ProposalSort;
  /** The decoded cursor. */
  after?: string;
};

/**
 * Reads the page's search parameters: each valid field applies, each invalid one is ignored with its
 * message key in `errors` (a repeated parameter is invalid too). Newest first by default.
 */
export function parseProposalListQuery(query: Record<string, string | string[] | undefined>): {
  filters: ProposalListFilters;
  errors: Partial<Record<Field, string>>;
  /** The raw values to show back in the form's fields. */
  values: Partial<Record<Field, string>>;
} {
  const errors: Partial<Record<Field, string>> = {};
  const values: Partial<Record<Field, string>> = {};
  const filters: ProposalListFilters = { sort: "newest" };
  for (const field of Object.keys(proposalListFilterSchemas) as Field[]) {
    const raw = query[field];
    if (raw === undefined || raw === "") continue;
    if (Array.isArray(raw)) {
      errors[field] = "results.list.invalid";
      continue;
    }
    // Shown back in the field as typed, less control characters (never sent back into the page).
    values[field] = raw.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 300);
    const parsed = proposalListFilterSchemas[field].safeParse(raw);
    if (!parsed.success) {
      errors[field] = parsed.error.issues[0]?.message ?? "results.list.invalid";
      continue;
    }
    if (field === "cursor") filters.after = parsed.data;
    else if (field === "q") {
      if (parsed.data) filters.q = parsed.data;
    } else Object.assign(filters, { [field]: parsed.data });
  }
  return { filters, errors, values };
}
