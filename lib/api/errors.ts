/**
 * Errors of the JSON API itself (authentication, scopes, input). Domain errors stay AppError from
 * lib/errors.ts and lib/policy; lib/api/problem.ts turns all of them into problem+json.
 */
import { AppError } from "@/lib/errors";
import type { TokenScope } from "@/lib/tokens/schemas";

/** One field's problem: where (`limit`, `message`, `scopes.0`, `body`), and a catalogue key. */
export type FieldIssue = { field: string; messageKey: string; values?: Record<string, string | number> };

export class InvalidInputError extends AppError {
  constructor(readonly issues: FieldIssue[]) {
    super("invalid_input", "api.errors.invalidInput", 400);
  }
}

export class InvalidJsonError extends AppError {
  constructor() {
    super("invalid_json", "api.errors.invalidJson", 400);
  }
}

/** A bearer token that is malformed, unknown or revoked: never falls back to the session cookie. */
export class InvalidTokenError extends AppError {
  constructor() {
    super("invalid_token", "api.errors.invalidToken", 401);
  }
}

export class InsufficientScopeError extends AppError {
  constructor(readonly scope: TokenScope) {
    super("insufficient_scope", "api.errors.insufficientScope", 403, { scope });
  }
}

/** A cookie-authenticated write from another site (CSRF). */
export class CrossOriginError extends AppError {
  constructor() {
    super("cross_origin", "api.errors.crossOrigin", 403);
  }
}
