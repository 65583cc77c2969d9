/**
 * Verification by email domain: a person whose declared organisation has verified domains asks for a
 * link at an address on one of them; the link (hashed one-time token + outbox email, in one
 * transaction, like sign-in links) is bound to that person, that organisation and that address, and
 * is spent by a click on a confirmation page while signed in as the same person (mail scanners
 * cannot spend it). If the person changed organisation meanwhile, or the domain was removed, it
 * verifies nothing.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/core";
import { AppError, RateLimitedError } from "@/lib/core/errors";
import { invalidField } from "@/lib/core/validation";
import { withFields } from "@/lib/core/use-case";
import { consumeRateLimit } from "@/lib/core/rate-limit";
import { enqueueEmail } from "@/lib/mail/outbox";
import { assertCan } from "@/lib/policy/can";
import { organizationSubject, type Actor } from "./access";
import { verifyLink } from "./links";
import { renderOrganizationLinkEmail } from "./email";
import {
  confirmDomainVerificationSchema,
  domainOf,
  requestDomainVerificationSchema,
  type ConfirmDomainVerification,
  type RequestDomainVerification,
} from "./schemas";

export const ORGANIZATION_LINK_MINUTES = 60;
const REQUESTS_PER_HOUR = 5;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const identifierPrefix = (userId: string) => `organization:${userId}:`;

export const requestDomainVerification = withFields(
  requestDomainVerificationSchema,
  async (
    db: Db,
    { actor, email, appUrl }: { actor: Actor; appUrl: string } & RequestDomainVerification,
  ): Promise<{ organizationId: string }> => {
    assertCan(organizationSubject(actor), "organization.read");
    const user = await db.user.findUniqueOrThrow({
      where: { id: actor.id },
      select: {
        locale: true,
        organizationId: true,
        organizationVerifiedAt: true,
        organization: { select: { name: true, domains: { select: { domain: true } } } },
      },
    });
    if (!user.organizationId || !user.organization) {
      throw new AppError("organization_not_declared", "organizations.errors.noOrganization", 409);
    }
    if (user.organizationVerifiedAt) throw new AppError("organization_verified", "organizations.errors.alreadyVerified", 409);
    if (!user.organization.domains.some((d) => d.domain === domainOf(email))) {
      throw invalidField("email", "organizations.errors.domainNotListed");
    }
    const limit = await consumeRateLimit(db, {
      key: `organization-link:${actor.id}`,
      limit: REQUESTS_PER_HOUR,
      windowSeconds: 3600,
    });
    if (!limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds);

    const token = randomBytes(32).toString("base64url");
    const url = new URL("/organisations/verify", appUrl);
    url.searchParams.set("token", token);
    const locale: Locale = user.locale;
    await db.$transaction(async (tx) => {
      await tx.verificationToken.create({
        data: {
          identifier: `${identifierPrefix(actor.id)}${user.organizationId}:${email}`,
          token: hashToken(token),
          expires: new Date(Date.now() + ORGANIZATION_LINK_MINUTES * 60_000),
        },
      });
      await enqueueEmail(tx, {
        to: email,
        locale,
        email: renderOrganizationLinkEmail({
          locale,
          url: url.toString(),
          organization: user.organization!.name,
          minutes: ORGANIZATION_LINK_MINUTES,
        }),
      });
    });
    return { organizationId: user.organizationId };
  },
);

export const confirmDomainVerification = withFields(
  confirmDomainVerificationSchema,
  async (db: Db, { actor, token }: { actor: Actor } & ConfirmDomainVerification): Promise<{ organizationId: string }> => {
    assertCan(organizationSubject(actor), "organization.read");
    return db.$transaction(async (tx) => {
      const row = await tx.verificationToken.findUnique({ where: { token: hashToken(token) } });
      const prefix = identifierPrefix(actor.id);
      if (!row || !row.identifier.startsWith(prefix) || row.expires <= new Date()) {
        throw new AppError("link_invalid", "organizations.errors.linkInvalid", 400);
      }
      // DELETE in one statement: two clicks racing cannot both spend it.
      const deleted = await tx.verificationToken.deleteMany({ where: { identifier: row.identifier, token: row.token } });
      if (deleted.count !== 1) throw new AppError("link_invalid", "organizations.errors.linkInvalid", 400);
      const rest = row.identifier.slice(prefix.length);
      const organizationId = rest.slice(0, rest.indexOf(":"));
      const email = rest.slice(rest.indexOf(":") + 1);
      const domain = await tx.organizationDomain.findFirst({ where: { organizationId, domain: domainOf(email) } });
      if (!domain) throw new AppError("link_invalid", "organizations.errors.linkInvalid", 400);
      const verified = await verifyLink(tx, { userId: actor.id, organizationId, by: "EMAIL_DOMAIN", actorId: actor.id });
      if (!verified) throw new AppError("organization_not_declared", "organizations.errors.linkStale", 409);
      return { organizationId };
    });
  },
);
