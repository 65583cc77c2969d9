import { describe, expect, it, vi } from "vitest";
import { AppError, RateLimitedError } from "@/lib/core/errors";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/policy/can";
import { InsufficientScopeError, InvalidTokenError } from "@/lib/api/errors";
import { ValidationError } from "@/lib/core/validation";
import { negotiateLocale } from "@/lib/api/locale";
import { problemResponse, toProblem } from "@/lib/api/problem";
import { parseInput } from "@/lib/api/validation";
import { joinSchema } from "@/lib/communities/schemas";
import { createTokenSchema } from "@/lib/tokens/schemas";
import { logger } from "@/lib/core/log";

const context = { locale: "fr" as const, requestId: "req-1", instance: "/api/v1/communities" };

describe("problem+json mapping", () => {
  it("maps an AppError to its status, code and localized detail", () => {
    const { problem } = toProblem(new AppError("already_member", "communities.errors.alreadyMember", 409), context);
    expect(problem).toEqual({
      type: "urn:geocommuns:problem:already_member",
      title: "Conflit avec l'état actuel",
      status: 409,
      detail: "Vous êtes déjà membre de cette communauté, ou votre demande est en attente.",
      code: "already_member",
      instance: "/api/v1/communities",
    });
    expect(
      toProblem(new AppError("already_member", "communities.errors.alreadyMember", 409), { ...context, locale: "en" }).problem,
    ).toMatchObject({ title: "Conflict with the current state", detail: expect.stringContaining("already a member") });
  });

  it("maps the policy errors with API wording and the bearer challenge", () => {
    expect(toProblem(new NotFoundError(), context).problem).toMatchObject({
      status: 404,
      code: "not_found",
      detail: "Cette ressource n'existe pas, ou vous n'y avez pas accès.",
    });
    expect(toProblem(new ForbiddenError("membership.leave"), context).problem).toMatchObject({ status: 403, code: "forbidden" });
    const unauthenticated = toProblem(new UnauthenticatedError(), context);
    expect(unauthenticated.problem).toMatchObject({ status: 401, code: "unauthenticated", title: "Authentification requise" });
    expect(unauthenticated.headers["www-authenticate"]).toBe('Bearer realm="geocommuns"');
    expect(toProblem(new InvalidTokenError(), context).headers["www-authenticate"]).toContain('error="invalid_token"');
    const scope = toProblem(new InsufficientScopeError("write"), context);
    expect(scope.problem).toMatchObject({
      status: 403,
      code: "insufficient_scope",
      detail: expect.stringContaining("« write »"),
    });
    expect(scope.headers["www-authenticate"]).toContain('scope="write"');
  });

  it("lists bad input field by field, localized, with catalogue keys as codes", () => {
    let error: unknown;
    try {
      parseInput(createTokenSchema, { name: "x".repeat(81), scopes: [] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const { problem } = toProblem(error, { ...context, locale: "en" });
    expect(problem.status).toBe(400);
    expect(problem.code).toBe("invalid_input");
    expect(problem.errors).toEqual([
      { field: "name", code: "api.tokens.errors.nameTooLong", message: "The token name must not exceed 80 characters." },
      { field: "scopes", code: "api.tokens.errors.scopesRequired", message: "Choose at least one scope." },
    ]);
  });

  it("names the body itself when it is not an object, and never passes zod's English through", () => {
    expect(() => parseInput(joinSchema, "garbage")).toThrow(ValidationError);
    try {
      parseInput(joinSchema, "garbage");
    } catch (error) {
      expect((error as ValidationError).issues).toEqual([{ field: "body", messageKey: "errors.invalid" }]);
    }
  });

  it("sets Retry-After on 429", () => {
    const { problem, headers } = toProblem(new RateLimitedError(90), context);
    expect(problem.status).toBe(429);
    expect(headers["retry-after"]).toBe("90");
  });

  it("turns anything unexpected into a logged 500 carrying the request id", async () => {
    const spy = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const result = toProblem(new TypeError("boom"), context);
    expect(result.problem).toMatchObject({ status: 500, code: "unexpected", requestId: "req-1" });
    expect(result.problem.detail).toContain("req-1");
    expect(JSON.stringify(result.problem)).not.toContain("boom");
    expect(spy).toHaveBeenCalledWith(expect.objectContaining({ requestId: "req-1" }), "unexpected API error");
    spy.mockRestore();
    const response = problemResponse(result, "req-1");
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("x-request-id")).toBe("req-1");
    expect(await response.json()).toMatchObject({ requestId: "req-1" });
  });
});

describe("locale negotiation", () => {
  it("follows Accept-Language by quality, then the person's locale, then French", () => {
    expect(negotiateLocale("en-GB,en;q=0.9,fr;q=0.8")).toBe("en");
    expect(negotiateLocale("de-DE,fr;q=0.5,en;q=0.7")).toBe("en");
    expect(negotiateLocale("fr-FR", "en")).toBe("fr");
    expect(negotiateLocale("de-DE,*;q=0.5", "en")).toBe("en");
    expect(negotiateLocale(null, null)).toBe("fr");
    expect(negotiateLocale("en;q=0", null)).toBe("fr");
  });
});
