/**
 * The action layer (lib/web/action.ts) and the API (lib/api/problem.ts) turn the same failures into
 * the same field errors: one ValidationError type, one mapping each side.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { actionFailure } from "@/lib/web/action";
import { toProblem } from "@/lib/api/problem";
import { invalidField, parseInput, ValidationError } from "@/lib/core/validation";
import { AppError } from "@/lib/core/errors";
import { withInput } from "@/lib/core/use-case";

const schema = z.object({
  title: z.string().trim().min(5, "votes.errors.titleTooShort"),
  options: z.array(z.object({ label: z.string().min(1, "errors.required") })),
});

function failureOf(input: unknown): ValidationError {
  try {
    parseInput(schema, input, { root: "_form" });
  } catch (error) {
    if (error instanceof ValidationError) return error;
  }
  throw new Error("expected a ValidationError");
}

describe("one validation error, mapped the same way by actions and the API", () => {
  it("gives a form its field errors and the API the same fields and keys", async () => {
    const error = failureOf({ title: "abc", options: [{ label: "" }] });
    const action = await actionFailure(error, "test");
    expect(action).toEqual({
      ok: false,
      fieldErrors: { title: "votes.errors.titleTooShort", "options.0.label": "errors.required" },
      values: undefined,
    });
    const { problem } = toProblem(error, { locale: "fr", requestId: "r" });
    expect(problem.status).toBe(400);
    expect(problem.code).toBe("invalid_input");
    expect(problem.errors?.map(({ field, code }) => [field, code])).toEqual(Object.entries(action.ok ? {} : action.fieldErrors!));
  });

  it("puts a domain check at its field with the values its message quotes", async () => {
    const error = invalidField("votingDays", "votes.errors.votingTooShort", { days: 5 });
    expect(await actionFailure(error, "test")).toEqual({
      ok: false,
      fieldErrors: { votingDays: "votes.errors.votingTooShort" },
      values: { days: 5 },
    });
    const { problem } = toProblem(error, { locale: "en", requestId: "r" });
    expect(problem.errors).toEqual([
      { field: "votingDays", code: "votes.errors.votingTooShort", message: expect.stringContaining("5") },
    ]);
  });

  it("shows other expected failures as the form's message, and lets Next.js control flow through", async () => {
    expect(await actionFailure(new AppError("voting_closed", "votes.errors.closed", 409), "test")).toEqual({
      ok: false,
      formError: "votes.errors.closed",
      values: undefined,
    });
    const redirect = Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/x;307;" });
    await expect(actionFailure(redirect, "test")).rejects.toBe(redirect);
  });
});

describe("a use case carries its schema", () => {
  const draft = withInput(schema, async (_db: null, { input, by }: { input: z.output<typeof schema>; by: string }) => ({
    title: input.title,
    by,
  }));

  it("parses raw input once and hands the implementation typed input", async () => {
    await expect(draft(null, { by: "me", input: { title: "  Une vraie proposition ", options: [] } })).resolves.toEqual({
      title: "Une vraie proposition",
      by: "me",
    });
    await expect(draft(null, { by: "me", input: { title: "x", options: [] } })).rejects.toBeInstanceOf(ValidationError);
  });

  it("lets a boundary that has parsed already call run with the parse's output", async () => {
    expect(draft.schema).toBe(schema);
    await expect(draft.run(null, { by: "api", input: { title: "Déjà lu", options: [] } })).resolves.toEqual({
      title: "Déjà lu",
      by: "api",
    });
  });
});
