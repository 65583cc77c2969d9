/**
 * The connectors' pure parts (issue 16): each forge's signature scheme on the raw bytes (wrong
 * secret, tampered body, malformed or missing header, the generic scheme's replay window), payload
 * parsing of real-format fixtures into at most one event each, the secret's encryption at rest, the
 * import formats, the CHAOSS "half" factors, and the forms' schemas.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BadSignatureError, ReplayError, signGeneric, signHex, verifyDelivery } from "@/lib/connectors/verify";
import { InvalidPayloadError, deliveryIdOf, eventNameOf, parseDelivery } from "@/lib/connectors/parse";
import { decryptSecret, encryptSecret, generateSecret, safeEqual } from "@/lib/connectors/secret";
import { parseOsmChangesets, parseStacItems, ImportError } from "@/lib/connectors/imports";
import { createSourceSchema, linkIdentitySchema } from "@/lib/connectors/schemas";
import { halfFactor, metricsOf, crossingsOf } from "@/lib/commons/capture";
import { canManageSources } from "@/lib/policy/can";
import { assertPublicUrl, isPrivateAddress } from "@/lib/connectors/settings";

const fixtures = path.resolve(import.meta.dirname, "../fixtures/connectors");
const raw = (name: string) => readFileSync(path.join(fixtures, name));
const json = (name: string) => JSON.parse(raw(name).toString("utf8")) as unknown;
const now = new Date("2026-12-03T12:00:00Z");

describe("signatures", () => {
  const secret = "whsec_test";
  const body = raw("github-push.json");

  it("GitHub: sha256= HMAC of the exact bytes", () => {
    const ok = new Headers({ "x-hub-signature-256": `sha256=${signHex(secret, body)}` });
    expect(() => verifyDelivery("GITHUB", ok, body, secret)).not.toThrow();
    expect(() => verifyDelivery("GITHUB", ok, Buffer.concat([body, Buffer.from(" ")]), secret)).toThrow(BadSignatureError);
    expect(() => verifyDelivery("GITHUB", ok, body, "whsec_other")).toThrow(BadSignatureError);
    for (const header of [
      "",
      "sha256=",
      `sha1=${signHex(secret, body)}`,
      "sha256=zz",
      `sha256=${signHex(secret, body).slice(2)}`,
    ]) {
      expect(() => verifyDelivery("GITHUB", new Headers({ "x-hub-signature-256": header }), body, secret)).toThrow(
        BadSignatureError,
      );
    }
    expect(() => verifyDelivery("GITHUB", new Headers(), body, secret)).toThrow(BadSignatureError);
    // Upper-case hex is the same digest.
    const upper = new Headers({ "x-hub-signature-256": `sha256=${signHex(secret, body).toUpperCase()}` });
    expect(() => verifyDelivery("GITHUB", upper, body, secret)).not.toThrow();
  });

  it("GitLab: the token itself; Gitea and Forgejo: bare hex HMAC", () => {
    expect(() => verifyDelivery("GITLAB", new Headers({ "x-gitlab-token": secret }), body, secret)).not.toThrow();
    expect(() => verifyDelivery("GITLAB", new Headers({ "x-gitlab-token": `${secret}x` }), body, secret)).toThrow(
      BadSignatureError,
    );
    expect(() =>
      verifyDelivery("GITEA", new Headers({ "x-gitea-signature": signHex(secret, body) }), body, secret),
    ).not.toThrow();
    expect(() =>
      verifyDelivery("GITEA", new Headers({ "x-forgejo-signature": signHex(secret, body) }), body, secret),
    ).not.toThrow();
    expect(() => verifyDelivery("GITEA", new Headers({ "x-gitea-signature": signHex("x", body) }), body, secret)).toThrow(
      BadSignatureError,
    );
    // An import source takes no deliveries.
    expect(() => verifyDelivery("OSM", new Headers(), body, secret)).toThrow(BadSignatureError);
  });

  it("generic: timestamp.body, five minutes either way, the timestamp covered by the signature", () => {
    const at = now.getTime() / 1000;
    expect(() => verifyDelivery("GENERIC", new Headers(signGeneric(secret, body, at - 299)), body, secret, now)).not.toThrow();
    expect(() => verifyDelivery("GENERIC", new Headers(signGeneric(secret, body, at + 299)), body, secret, now)).not.toThrow();
    expect(() => verifyDelivery("GENERIC", new Headers(signGeneric(secret, body, at - 301)), body, secret, now)).toThrow(
      ReplayError,
    );
    expect(() => verifyDelivery("GENERIC", new Headers(signGeneric(secret, body, at + 301)), body, secret, now)).toThrow(
      ReplayError,
    );
    const moved = { ...signGeneric(secret, body, at - 400), "x-geocommuns-timestamp": String(Math.floor(at)) };
    expect(() => verifyDelivery("GENERIC", new Headers(moved), body, secret, now)).toThrow(BadSignatureError);
    const bad = { ...signGeneric(secret, body, at), "x-geocommuns-timestamp": "soon" };
    expect(() => verifyDelivery("GENERIC", new Headers(bad), body, secret, now)).toThrow(BadSignatureError);
  });

  it("compares strings in constant time whatever their lengths", () => {
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abcd")).toBe(false);
  });
});

describe("payloads", () => {
  it("GitHub push, merged pull request and published release become one event each", () => {
    expect(parseDelivery("GITHUB", "push", json("github-push.json"), now)).toMatchObject({
      kind: "event",
      event: "push",
      externalId: "push:0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c",
      author: { provider: "GITHUB", username: "lea-rousseau", id: "21031067" },
      quantity: 2,
      unit: "commits",
    });
    expect(parseDelivery("GITHUB", "pull_request", json("github-pull-request-merged.json"), now)).toMatchObject({
      event: "merge",
      externalId: "pull:2188345120",
      author: { username: "Marc-Dubois" },
      description: "geocommuns-demo/base-adresse-locale#42: Schéma BAL 1.4 : colonnes cad_parcelles",
    });
    expect(parseDelivery("GITHUB", "release", json("github-release-published.json"), now)).toMatchObject({
      externalId: "release:187234512",
      author: { username: "lea-rousseau" },
    });
  });

  it("ignores what is not a contribution, and refuses a known event in the wrong shape", () => {
    expect(parseDelivery("GITHUB", "ping", json("github-ping.json"), now)).toEqual({ kind: "ignored", event: "ping" });
    expect(parseDelivery("GITHUB", "pull_request", json("github-pull-request-closed-unmerged.json"), now).kind).toBe("ignored");
    const deleted = { ...(json("github-push.json") as object), deleted: true, commits: [], after: "0".repeat(40) };
    expect(parseDelivery("GITHUB", "push", deleted, now).kind).toBe("ignored");
    expect(parseDelivery("GITLAB", "Release Hook", {}, now).kind).toBe("ignored");
    expect(() => parseDelivery("GITHUB", "push", { ref: 1 }, now)).toThrow(InvalidPayloadError);
    expect(() => parseDelivery("GENERIC", "contribution", { id: "x" }, now)).toThrow(InvalidPayloadError);
  });

  it("GitLab and Gitea payloads, and their headers", () => {
    expect(parseDelivery("GITLAB", "Push Hook", json("gitlab-push.json"), now)).toMatchObject({
      externalId: "push:da1560886d4f094c3e6c9ef40349f7d38b5d27d7",
      author: { provider: "GITLAB", username: "mdubois" },
      quantity: 2,
    });
    const merge = parseDelivery("GITLAB", "Merge Request Hook", json("gitlab-merge-request-merged.json"), now);
    expect(merge).toMatchObject({
      externalId: "merge:99",
      description: "metropole/plan-velo!7: Schéma des aménagements cyclables",
    });
    expect(merge.kind === "event" && merge.date.toISOString()).toBe("2026-12-01T16:20:05.000Z");
    expect(parseDelivery("GITEA", "push", json("gitea-push.json"), now)).toMatchObject({
      author: { provider: "GITEA", username: "ines" },
    });
    const headers = new Headers({ "x-forgejo-event": "push", "x-gitea-event": "release", "x-forgejo-delivery": "d-1" });
    expect(eventNameOf("GITEA", headers)).toBe("push");
    expect(deliveryIdOf("GITEA", headers)).toBe("d-1");
    expect(eventNameOf("GENERIC", new Headers())).toBe("contribution");
  });
});

describe("the secret at rest", () => {
  it("round-trips, and a tampered or foreign value reads as nothing", () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const stored = encryptSecret(secret);
    expect(stored).not.toContain(secret.slice(6));
    expect(decryptSecret(stored)).toBe(secret);
    const [v, iv, tag, ct] = stored.split(".");
    expect(decryptSecret([v, iv, tag, `${ct!.slice(0, -2)}AA`].join("."))).toBeNull();
    expect(decryptSecret("garbage")).toBeNull();
  });
});

describe("import formats", () => {
  it("reads OSM changesets and STAC items, and refuses other documents", () => {
    const changesets = parseOsmChangesets(raw("osm-changesets.xml").toString("utf8"));
    expect(changesets.map((c) => [c.id, c.changes])).toEqual([
      ["158234567", 42],
      ["158240001", 7],
      ["158241111", 3],
    ]);
    expect(() => parseOsmChangesets('{"error":"x"}')).toThrow(ImportError);
    const { items, next } = parseStacItems(raw("stac-items.json").toString("utf8"));
    expect(items).toHaveLength(4);
    expect(items[0]).toMatchObject({ producer: "ines_m" });
    expect(next).toBeNull();
    expect(() => parseStacItems("<html/>")).toThrow(ImportError);
    expect(() => parseStacItems('{"type":"Feature"}')).toThrow(ImportError);
  });
});

describe("capture metrics", () => {
  it("halfFactor is the fewest groups reaching half of the total", () => {
    expect(halfFactor([])).toBeNull();
    expect(halfFactor([10])).toBe(1);
    expect(halfFactor([5, 5])).toBe(1);
    expect(halfFactor([1, 1, 1, 1])).toBe(2);
    expect(halfFactor([3, 2, 2, 2, 1])).toBe(2);
  });

  it("people acting alone count as their own organisation; thresholds need enough contributions", () => {
    const rows = [
      { authorId: "a", organizationId: "o1", organizationName: "Cartes & Cie", kind: "PRIVATE", count: 6 },
      { authorId: "b", organizationId: null, organizationName: null, kind: "CIVIL_SOCIETY", count: 2 },
      { authorId: "c", organizationId: null, organizationName: null, kind: "CIVIL_SOCIETY", count: 2 },
    ];
    const metrics = metricsOf(rows);
    expect(metrics).toMatchObject({ total: 10, elephantFactor: 1, absenceFactor: 1 });
    expect(metrics.topOrganization).toMatchObject({ name: "Cartes & Cie", share: 60 });
    const thresholds = { windowDays: 365, maxOrganizationSharePercent: 50, minContributorAbsenceFactor: 2 };
    expect(crossingsOf(metrics, thresholds)).toEqual(["organizationShare", "absenceFactor"]);
    expect(crossingsOf(metricsOf(rows.slice(0, 1).map((r) => ({ ...r, count: 9 }))), thresholds)).toEqual([]);
    expect(crossingsOf(metrics, { ...thresholds, maxOrganizationSharePercent: 0, minContributorAbsenceFactor: 0 })).toEqual([]);
  });
});

describe("form schemas", () => {
  it("a source needs what its kind needs, at the right field", () => {
    const base = { label: "Import", autoValidate: "on", contributionType: "DATA_PRODUCTION" };
    const osm = createSourceSchema.safeParse({ ...base, kind: "OSM", osmBbox: "2.4,48,2.3,49" });
    expect(osm.success).toBe(false);
    const paths = osm.error!.issues.map((i) => [i.path.join("."), i.message]);
    expect(paths).toEqual(
      expect.arrayContaining([
        ["osmUser", "connectors.errors.osmUserRequired"],
        ["osmBbox", "connectors.errors.bbox"],
      ]),
    );
    const stac = createSourceSchema.safeParse({ ...base, kind: "STAC", stacUrl: "javascript:alert(1)" });
    expect(stac.error!.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["stacUrl", "stacCollection"]));
    expect(createSourceSchema.parse({ ...base, kind: "GITHUB" }).autoValidate).toBe(true);
    expect(createSourceSchema.parse({ ...base, autoValidate: undefined, kind: "GITHUB" }).autoValidate).toBe(false);
  });

  it("identity usernames: printable, no path characters", () => {
    expect(linkIdentitySchema.safeParse({ provider: "OSM", username: "Léa R" }).success).toBe(true);
    expect(linkIdentitySchema.safeParse({ provider: "GITHUB", username: "../admin" }).success).toBe(false);
    expect(linkIdentitySchema.safeParse({ provider: "GITHUB", username: "a\u0000b" }).success).toBe(false);
    expect(linkIdentitySchema.safeParse({ provider: "GENERIC", username: "x" }).success).toBe(false);
  });
});

describe("who manages a commons' sources", () => {
  const community = { visibility: "PUBLIC", joinPolicy: "OPEN" } as const;
  const user = { id: "u", onboarded: true, isPlatformAdmin: false };
  const member = (role: "MEMBER" | "MODERATOR" | "ADMIN", status: "ACTIVE" | "SUSPENDED" = "ACTIVE") => ({
    user,
    membership: { role, status, suspendedUntil: null },
  });

  it("those who carry the commons and administrators, never a suspended member or an outsider", () => {
    expect(canManageSources(member("MEMBER"), community, { carried: true })).toBe(true);
    expect(canManageSources(member("MEMBER"), community, { carried: false })).toBe(false);
    expect(canManageSources(member("MODERATOR"), community, { carried: false })).toBe(false);
    expect(canManageSources(member("ADMIN"), community, { carried: false })).toBe(true);
    expect(canManageSources(member("MEMBER", "SUSPENDED"), community, { carried: true })).toBe(false);
    expect(canManageSources({ user, membership: null }, community, { carried: true })).toBe(false);
    expect(canManageSources({ user: { ...user, isPlatformAdmin: true }, membership: null }, community, { carried: false })).toBe(
      true,
    );
    expect(canManageSources({ user: null, membership: null }, community, { carried: false })).toBe(false);
  });
});

describe("a steward's STAC server", () => {
  it("may not be on the platform's own network in production", async () => {
    for (const ip of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "::1",
      "fd00::1",
      "::ffff:127.0.0.1",
      "0.0.0.0",
    ]) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
    for (const ip of ["192.0.2.10", "51.91.1.1", "2a01:cb00::1", "172.32.0.1"]) expect(isPrivateAddress(ip), ip).toBe(false);
    await expect(assertPublicUrl("http://169.254.169.254/latest/", { allowPrivate: false })).rejects.toThrow(
      /not a public address/,
    );
    await expect(assertPublicUrl("http://[::1]:8080/", { allowPrivate: false })).rejects.toThrow(/not a public address/);
    await expect(assertPublicUrl("http://localhost:8080/", { allowPrivate: false })).rejects.toThrow(/not a public address/);
    await expect(assertPublicUrl("http://93.184.215.14/stac", { allowPrivate: false })).resolves.toBeUndefined();
    await expect(assertPublicUrl("http://127.0.0.1/stac", { allowPrivate: true })).resolves.toBeUndefined();
  });
});
