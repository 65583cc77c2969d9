/**
 * A use case that takes input carries its schema, so that input is parsed exactly once whoever calls:
 * - the web (lib/web/action.ts) and the API (lib/api/route.ts) parse at their boundary with
 *   `useCase.schema` and call `useCase.run` with the typed result;
 * - scripts, the demo seed and tests call `useCase(db, { …, input })` with raw input: it parses once
 *   (ValidationError with field issues) and runs.
 * The implementation (`run`) always receives parsed, typed input and never parses again.
 */
import type { z } from "zod";
import { parseInput } from "./validation";

/** The context without its input (distributive: a context may be a union of ways to name the target). */
type Without<C> = C extends unknown ? Omit<C, "input"> : never;

export type UseCase<S extends z.ZodType, D, C extends { input: unknown }, R> = ((
  db: D,
  context: Without<C> & { input: unknown },
) => Promise<R>) & {
  schema: S;
  run: (db: D, context: C) => Promise<R>;
};

export function withInput<S extends z.ZodType, D, C extends { input: z.output<S> }, R>(
  schema: S,
  run: (db: D, context: C) => Promise<R>,
): UseCase<S, D, C, R> {
  const parsed = async (db: D, context: Without<C> & { input: unknown }) =>
    run(db, { ...context, input: parseInput(schema, context.input, { root: "_form" }) } as unknown as C);
  return Object.assign(parsed, { schema, run });
}

/**
 * The same for a use case whose input fields sit beside the actor in its context
 * (`suspendAccount(db, { actor, userId, until, reason })`): the schema parses those fields.
 */
export type FieldsUseCase<S extends z.ZodType, D, C extends z.output<S>, R> = ((
  db: D,
  context: Omit<C, keyof z.output<S>> & { [K in keyof z.input<S>]?: unknown },
) => Promise<R>) & {
  schema: S;
  run: (db: D, context: C) => Promise<R>;
};

export function withFields<S extends z.ZodType, D, C extends z.output<S>, R>(
  schema: S,
  run: (db: D, context: C) => Promise<R>,
): FieldsUseCase<S, D, C, R> {
  const parsed = async (db: D, context: Omit<C, keyof z.output<S>> & { [K in keyof z.input<S>]?: unknown }) =>
    run(db, { ...context, ...(parseInput(schema, context, { root: "_form" }) as object) } as unknown as C);
  return Object.assign(parsed, { schema, run });
}
