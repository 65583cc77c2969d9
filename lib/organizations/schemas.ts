/**
 * Schemas of the organisation forms and actions (messages are catalogue keys).
 */
import { z } from "zod";

const id = z.string({ error: "errors.required" }).trim().min(1, { error: "errors.required" }).max(64);

/** An address on one of the organisation's domains, to which a confirmation link is sent. */
export const requestDomainVerificationSchema = z.object({
  email: z
    .string({ error: "errors.required" })
    .trim()
    .toLowerCase()
    .max(254, { error: "errors.email.tooLong" })
    .pipe(z.email({ error: "errors.email.invalid" })),
});
export type RequestDomainVerification = z.output<typeof requestDomainVerificationSchema>;

export const confirmDomainVerificationSchema = z.object({
  token: z.string({ error: "errors.required" }).trim().min(20, { error: "organizations.errors.linkInvalid" }).max(200),
});
export type ConfirmDomainVerification = z.output<typeof confirmDomainVerificationSchema>;

export const approveMemberSchema = z.object({ organizationId: id, userId: id });
export type ApproveMember = z.output<typeof approveMemberSchema>;

/** A domain name as typed ("IGN.fr", "@ign.fr"): lower case, no leading "@". */
export const addDomainSchema = z.object({
  organizationId: id,
  domain: z
    .string({ error: "errors.required" })
    .trim()
    .toLowerCase()
    .transform((v) => v.replace(/^@/, ""))
    .pipe(
      z
        .string()
        .max(253, { error: "organizations.errors.domainInvalid" })
        .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
          error: "organizations.errors.domainInvalid",
        }),
    ),
});
export type AddDomain = z.output<typeof addDomainSchema>;

/** The domain of an address ("agent@IGN.fr" → "ign.fr"). */
export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

/**
 * Mailbox providers open to anyone: an address there proves nothing about an organisation, so they
 * are never an organisation's domain.
 */
export const publicMailDomains = new Set([
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "yahoo.fr",
  "hotmail.com",
  "hotmail.fr",
  "outlook.com",
  "outlook.fr",
  "live.fr",
  "live.com",
  "icloud.com",
  "me.com",
  "orange.fr",
  "wanadoo.fr",
  "free.fr",
  "sfr.fr",
  "laposte.net",
  "gmx.fr",
  "gmx.com",
  "protonmail.com",
  "proton.me",
  "aol.com",
  "yandex.com",
  "mail.com",
]);
