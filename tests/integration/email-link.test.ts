import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumeEmailLink, requestEmailLink } from "@/lib/auth/email-link";
import { findSessionUser, revokeSessionsOf } from "@/lib/auth/sessions";
import { RateLimitedError } from "@/lib/core/errors";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const limits = { perAddress: 3, perIp: 100, windowSeconds: 3600 };
const appUrl = "http://localhost:3000";

async function requestAndReadLink(email: string, locale: "fr" | "en" = "fr") {
  await requestEmailLink(t.db, { email, clientIp: unique("ip"), locale, appUrl, limits });
  const mail = await t.db.outboxEmail.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
  const url = new URL(mail.text.match(/https?:\/\/\S+/)![0]);
  return { mail, token: url.searchParams.get("token")!, url };
}

describe("sign-in by email link", () => {
  it("writes the token and the email in one transaction; the email is in the page's language for a newcomer", async () => {
    const email = `${unique("new")}@example.org`;
    const { mail, url } = await requestAndReadLink(email, "en");
    expect(mail.status).toBe("PENDING");
    expect(mail.subject).toBe("Your Géocommuns sign-in link");
    expect(mail.html).toContain("<a href=");
    expect(url.pathname).toBe("/auth/email");
    // Only a hash of the token is stored.
    const stored = await t.db.verificationToken.findFirstOrThrow({ where: { identifier: email } });
    expect(stored.token).not.toBe(url.searchParams.get("token"));
  });

  it("uses an existing person's saved language", async () => {
    const email = `${unique("known")}@example.org`;
    await t.db.user.create({ data: { email, locale: "en" } });
    const { mail } = await requestAndReadLink(email, "fr");
    expect(mail.locale).toBe("en");
  });

  it("creates the account and a session on first use, and refuses a second use", async () => {
    const email = `${unique("once")}@example.org`;
    const { token } = await requestAndReadLink(email);
    const session = await consumeEmailLink(t.db, { email, token, locale: "fr" });
    expect(session.onboarded).toBe(false);
    const user = await findSessionUser(t.db, session.sessionToken);
    expect(user?.email).toBe(email);
    await expect(consumeEmailLink(t.db, { email, token, locale: "fr" })).rejects.toMatchObject({ code: "link_invalid" });
  });

  it("lets only one of two simultaneous clicks succeed", async () => {
    const email = `${unique("race")}@example.org`;
    const { token } = await requestAndReadLink(email);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => consumeEmailLink(t.db, { email, token, locale: "fr" })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await t.db.user.count({ where: { email } })).toBe(1);
  });

  it("refuses an expired link and a token for another address", async () => {
    const email = `${unique("exp")}@example.org`;
    const { token } = await requestAndReadLink(email);
    await expect(consumeEmailLink(t.db, { email: "other@example.org", token, locale: "fr" })).rejects.toMatchObject({
      code: "link_invalid",
    });
    await t.db.verificationToken.updateMany({ where: { identifier: email }, data: { expires: new Date(Date.now() - 1000) } });
    await expect(consumeEmailLink(t.db, { email, token, locale: "fr" })).rejects.toMatchObject({ code: "link_invalid" });
    expect(await t.db.user.count({ where: { email } })).toBe(0);
  });

  it("stops at the per-address limit and stores nothing for the refused request", async () => {
    const email = `${unique("limit")}@example.org`;
    for (let i = 0; i < limits.perAddress; i++)
      await requestEmailLink(t.db, { email, clientIp: unique("ip"), locale: "fr", appUrl, limits });
    await expect(requestEmailLink(t.db, { email, clientIp: unique("ip"), locale: "fr", appUrl, limits })).rejects.toBeInstanceOf(
      RateLimitedError,
    );
    expect(await t.db.outboxEmail.count({ where: { to: email } })).toBe(limits.perAddress);
  });

  it("holds the per-IP limit under concurrent requests", async () => {
    const ip = unique("ip");
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        requestEmailLink(t.db, {
          email: `${unique(`ip${i}`)}@example.org`,
          clientIp: ip,
          locale: "fr",
          appUrl,
          limits: { ...limits, perIp: 5 },
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
  });

  it("revoking sessions signs the person out on the next lookup", async () => {
    const email = `${unique("revoke")}@example.org`;
    const { token } = await requestAndReadLink(email);
    const session = await consumeEmailLink(t.db, { email, token, locale: "fr" });
    expect(await findSessionUser(t.db, session.sessionToken)).not.toBeNull();
    await revokeSessionsOf(t.db, session.userId);
    expect(await findSessionUser(t.db, session.sessionToken)).toBeNull();
  });
});
