/**
 * Expected failures carry a code and a catalogue key, so the UI can show a precise, localized
 * message (and the API a stable code). Anything else is unexpected: logged with the request id.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly messageKey: string,
    readonly status: number,
    readonly values?: Record<string, string | number>,
    readonly field?: string,
  ) {
    super(code);
    this.name = "AppError";
  }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", "errors.rateLimited", 429, { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
