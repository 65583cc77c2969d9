/**
 * The sign-in limit per address against `next start` with no proxy in front (the default): a client
 * that writes its own X-Forwarded-For (or its own copy of the stamp header, lib/web/client-address.ts)
 * neither escapes the limit by changing the forged address at each request nor spends the allowance
 * of the address it names. Every request comes from this machine, so they all count as 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEER_HEADER } from "@/lib/web/client-address";
import { startStack, type Stack } from "./support/stack";

const PER_IP = 3;
let stack: Stack;
let base: string;
beforeAll(async () => {
  stack = await startStack({
    slot: 5,
    env: { RATE_LIMIT_EMAIL_PER_IP: String(PER_IP), RATE_LIMIT_EMAIL_PER_ADDRESS: "100", PROXY_HOPS: "0" },
  });
  base = stack.servers[0]!.url;
});
afterAll(async () => {
  await stack?.stop();
});

function askForLink(n: number, forged: Record<string, string>) {
  return fetch(`${base}/api/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, ...forged },
    body: JSON.stringify({ email: `personne-${n}@example.org` }),
  });
}

describe("the per-address sign-in limit", () => {
  it("counts the socket's address, not a forged X-Forwarded-For", async () => {
    const statuses: number[] = [];
    for (let n = 0; n < PER_IP + 2; n++) {
      const victim = `203.0.113.${n + 1}`;
      const response = await askForLink(n, { "x-forwarded-for": victim, [PEER_HEADER]: victim });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...Array<number>(PER_IP).fill(202), 429, 429]);
    const keys = (
      await stack.db.rateLimit.findMany({ where: { key: { startsWith: "email-link:ip:" } }, select: { key: true } })
    ).map((row) => row.key);
    // Only the real address was charged: the named addresses keep their whole allowance.
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain("203.0.113.");
    expect(keys[0]).toMatch(/127\.0\.0\.1|::1/);
  });
});
