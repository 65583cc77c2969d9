/**
 * Errors of the JSON API itself (authentication, scopes, JSON). Bad input is ValidationError
 * (lib/core/validation.ts), domain errors AppError from lib/core/errors.ts and lib/policy; lib/api/problem.ts turns all of them into problem+json.
 */
import { AppError } from "@/lib/core/errors";
import type { TokenScope } from "@/lib/tokens/schemas";

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
