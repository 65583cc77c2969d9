/**
 * Linking outside accounts (issue 16) against a real PostgreSQL and a local HTTP server standing for
 * GitHub, GitLab, Gitea and the OpenStreetMap API (their real response shapes; nothing reaches the
 * internet): the challenge must be published where the account controls it; an account verified by
 * one member is refused to another, at the field, even when both verify at the same moment; a
 * service that is down is a clear error, not a verification.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkIdentity, listIdentities, verifyIdentity } from "@/lib/connectors/identities";
import type { ConnectorUrls } from "@/lib/connectors/settings";
import { eraseAccount } from "@/lib/admin/accounts";
import { exportOwnData } from "@/lib/users/own-data";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
let server: Server;
let urls: ConnectorUrls;
let base: string;
/** What each account currently publishes (gist descriptions, bio, profile text). */
const published = new Map<string, string>();

beforeAll(async () => {
  t = await createTestDatabase();
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    let m: RegExpExecArray | null;
    if ((m = /^\/github\/users\/([^/]+)\/gists$/.exec(url.pathname))) {
      const text = published.get(`github:${decodeURIComponent(m[1]!)}`);
      return json(
        200,
        text
          ? [
              {
                id: "aa5a315d61ae9438b18d",
                public: true,
                description: text,
                files: { "geocommuns.txt": { filename: "geocommuns.txt" } },
              },
            ]
          : [],
      );
    }
    if (url.pathname === "/gitlab/api/v4/users") {
      const name = url.searchParams.get("username") ?? "";
      return json(200, published.has(`gitlab:${name}`) ? [{ id: 4, username: name, name: "Marc Dubois", state: "active" }] : []);
    }
    if ((m = /^\/gitlab\/api\/v4\/users\/(\d+)$/.exec(url.pathname))) {
      const entry = [...published.entries()].find(([k]) => k.startsWith("gitlab:"));
      return json(200, { id: 4, username: entry?.[0].slice(7), bio: entry?.[1] ?? "" });
    }
    if ((m = /^\/gitea\/api\/v1\/users\/([^/]+)$/.exec(url.pathname))) {
      return json(200, { id: 7, login: m[1], description: published.get(`gitea:${decodeURIComponent(m[1]!)}`) ?? "" });
    }
    if (url.pathname === "/osm/api/0.6/changesets") {
      const name = url.searchParams.get("display_name") ?? "";
      res.writeHead(200, { "content-type": "application/xml; charset=utf-8" });
      return res.end(
        `<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="OpenStreetMap server">\n` +
          `  <changeset id="153248801" created_at="2026-11-30T10:02:11Z" open="false" comments_count="0" changes_count="12" closed_at="2026-11-30T10:02:13Z" min_lat="48.84" min_lon="2.34" max_lat="48.85" max_lon="2.35" uid="1000001" user="${name}">\n` +
          `    <tag k="comment" v="Ajout d'adresses"/>\n  </changeset>\n</osm>\n`,
      );
    }
    if (url.pathname === "/osm/api/0.6/user/1000001.json") {
      const entry = [...published.entries()].find(([k]) => k.startsWith("osm:"));
      return json(200, {
        version: "0.6",
        user: { id: 1000001, display_name: entry?.[0].slice(4), description: entry?.[1] ?? "" },
      });
    }
    if (url.pathname === "/stac/collections") {
      const entry = [...published.entries()].find(([k]) => k.startsWith("stac:"));
      return json(200, {
        collections: [
          {
            type: "Collection",
            stac_version: "1.0.0",
            id: "0192aa11-2233-7445-8899-aabbccddeeff",
            title: "Rue Mouffetard, côté pair",
            description: entry?.[1] ?? "Séquence de photos",
            license: "etalab-2.0",
            providers: [{ name: entry?.[0].slice(5) ?? "nobody", roles: ["producer"] }],
            extent: {
              spatial: { bbox: [[2.349, 48.84, 2.35, 48.845]] },
              temporal: { interval: [["2026-11-27T10:15:22Z", null]] },
            },
            links: [],
          },
        ],
        links: [{ rel: "self", href: `${base}/stac/collections?limit=100` }],
      });
    }
    if (url.pathname.startsWith("/down")) return json(503, { message: "Service Unavailable" });
    return json(404, { message: "Not Found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  urls = { github: `${base}/github`, gitlab: `${base}/gitlab`, gitea: `${base}/gitea`, osm: `${base}/osm` };
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.drop();
});

async function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => null,
    (e: { status?: number; code?: string; field?: string; fieldErrors?: Record<string, string> }) => e,
  );
}

describe("linking and verifying an outside account", () => {
  let lea: TestPerson;
  let marc: TestPerson;
  beforeAll(async () => {
    lea = await createPerson(t.db);
    marc = await createPerson(t.db);
  });

  it("verifies a GitHub account once the challenge is in a public gist's description", async () => {
    const identity = await linkIdentity(t.db, { actor: lea, input: { provider: "GITHUB", username: "Lea-Rousseau" } });
    expect(identity.challenge).toMatch(/^geocommuns-verify-[0-9a-f]{24}$/);
    expect(identity.verifiedAt).toBeNull();
    // Linking again gives the same challenge back.
    expect((await linkIdentity(t.db, { actor: lea, input: { provider: "GITHUB", username: "lea-rousseau" } })).id).toBe(
      identity.id,
    );

    const missing = await rejection(verifyIdentity(t.db, { actor: lea, identityId: identity.id, urls }));
    expect(missing).toMatchObject({ status: 409, code: "challenge_not_found" });
    published.set("github:Lea-Rousseau", `Géocommuns : ${identity.challenge}`);
    await verifyIdentity(t.db, { actor: lea, identityId: identity.id, urls });
    const [row] = await listIdentities(t.db, { actor: lea });
    expect(row!.verifiedAt).not.toBeNull();
    // Someone else's identity is not theirs to verify.
    expect(await rejection(verifyIdentity(t.db, { actor: marc, identityId: identity.id, urls }))).toMatchObject({ status: 404 });
  });

  it("refuses, at the field, an account another member already verified", async () => {
    const refused = await rejection(linkIdentity(t.db, { actor: marc, input: { provider: "GITHUB", username: "LEA-ROUSSEAU" } }));
    expect(refused).toMatchObject({ status: 400 });
    expect((refused as unknown as { issues: { field: string; messageKey: string }[] }).issues).toEqual([
      expect.objectContaining({ field: "username", messageKey: "connectors.errors.identityTaken" }),
    ]);
    // Bad input at its field, nothing stored.
    const bad = await rejection(linkIdentity(t.db, { actor: marc, input: { provider: "MYSPACE", username: "" } }));
    expect(bad).toMatchObject({ status: 400 });
    expect(await t.db.externalIdentity.count({ where: { userId: marc.id } })).toBe(0);
  });

  it("of two members verifying the same account at the same moment, one wins", async () => {
    const a = await createPerson(t.db);
    const b = await createPerson(t.db);
    const ia = await linkIdentity(t.db, { actor: a, input: { provider: "GITEA", username: "ines" } });
    const ib = await linkIdentity(t.db, { actor: b, input: { provider: "GITEA", username: "ines" } });
    published.set("gitea:ines", `${ia.challenge} ${ib.challenge}`);
    const results = await Promise.all([
      rejection(verifyIdentity(t.db, { actor: a, identityId: ia.id, urls })),
      rejection(verifyIdentity(t.db, { actor: b, identityId: ib.id, urls })),
    ]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(results.find((r) => r !== null)).toMatchObject({ status: 409, code: "identity_taken" });
    expect(
      await t.db.externalIdentity.count({ where: { provider: "GITEA", externalKey: "ines", verifiedAt: { not: null } } }),
    ).toBe(1);
  });

  it("GitLab bio and OpenStreetMap profile text work the same way", async () => {
    const gl = await linkIdentity(t.db, { actor: marc, input: { provider: "GITLAB", username: "mdubois" } });
    published.set("gitlab:mdubois", `Cartographe. ${gl.challenge}`);
    await expect(verifyIdentity(t.db, { actor: marc, identityId: gl.id, urls })).resolves.toEqual({ verified: true });
    const osm = await linkIdentity(t.db, { actor: marc, input: { provider: "OSM", username: "Marc Dubois" } });
    published.set("osm:Marc Dubois", `Je cartographie Paris.\n\n${osm.challenge}`);
    await expect(verifyIdentity(t.db, { actor: marc, identityId: osm.id, urls })).resolves.toEqual({ verified: true });
  });

  it("erasing an account erases its outside accounts, so another member may verify them", async () => {
    const admin = await createPerson(t.db, { platformAdmin: true });
    const gone = await createPerson(t.db);
    const identity = await linkIdentity(t.db, { actor: gone, input: { provider: "GITHUB", username: "left-the-project" } });
    published.set("github:left-the-project", identity.challenge);
    await verifyIdentity(t.db, { actor: gone, identityId: identity.id, urls });
    // "Download my data" lists it.
    expect((await exportOwnData(t.db, { userId: gone.id }))!.linkedAccounts).toEqual([
      expect.objectContaining({ provider: "GITHUB", externalUsername: "left-the-project", verifiedAt: expect.any(Date) }),
    ]);
    await eraseAccount(t.db, { actor: admin, userId: gone.id, confirmation: "effacer", reason: "Demande RGPD" });
    expect(await t.db.externalIdentity.count({ where: { userId: gone.id } })).toBe(0);
    const heir = await createPerson(t.db);
    const again = await linkIdentity(t.db, { actor: heir, input: { provider: "GITHUB", username: "left-the-project" } });
    published.set("github:left-the-project", again.challenge);
    await expect(verifyIdentity(t.db, { actor: heir, identityId: again.id, urls })).resolves.toEqual({ verified: true });
  });

  it("a Panoramax account: a sequence it produced on a source's STAC server holds the challenge", async () => {
    const owner = await createPerson(t.db);
    const community = await t.db.community.create({
      data: { slug: `stac-${Date.now().toString(36)}`, name: "Photos", summary: "Des photos." },
    });
    const commons = await t.db.commons.create({
      data: {
        communityId: community.id,
        slug: "photos",
        title: "Photos de rue",
        summary: "Les photos.",
        kind: "DATASET",
        licence: "etalab-2.0",
        proposerId: owner.id,
      },
    });
    await t.db.contributionSource.create({
      data: { commonsId: commons.id, kind: "STAC", label: "Panoramax", config: { url: `${base}/stac`, collection: "c" } },
    });
    const ines = await createPerson(t.db);
    const identity = await linkIdentity(t.db, { actor: ines, input: { provider: "STAC", username: "ines_m" } });
    expect(await rejection(verifyIdentity(t.db, { actor: ines, identityId: identity.id, urls }))).toMatchObject({
      code: "challenge_not_found",
    });
    published.set("stac:ines_m", `Séquence de la rue Mouffetard. ${identity.challenge}`);
    await expect(verifyIdentity(t.db, { actor: ines, identityId: identity.id, urls })).resolves.toEqual({ verified: true });
    // The same text in a sequence someone else produced proves nothing.
    const mallory = await createPerson(t.db);
    const claimed = await linkIdentity(t.db, { actor: mallory, input: { provider: "STAC", username: "someone_else" } });
    published.set("stac:ines_m", claimed.challenge);
    expect(await rejection(verifyIdentity(t.db, { actor: mallory, identityId: claimed.id, urls }))).toMatchObject({
      code: "challenge_not_found",
    });
  });

  it("where the platform signs people in through the forge itself (OpenID Connect), that sign-in verifies the account", async () => {
    const person = await createPerson(t.db);
    published.set("gitlab:amartin", "nothing published");
    const identity = await linkIdentity(t.db, { actor: person, input: { provider: "GITLAB", username: "amartin" } });
    // Without a sign-in through the forge: the challenge is needed (and absent).
    const forgeUrls = { ...urls, oidcIssuer: `${urls.gitlab}/` };
    expect(await rejection(verifyIdentity(t.db, { actor: person, identityId: identity.id, urls: forgeUrls }))).toMatchObject({
      code: "challenge_not_found",
    });
    // Signed in through another account of the forge (id 5, not 4): still not.
    await t.db.account.create({ data: { userId: person.id, type: "oidc", provider: "oidc", providerAccountId: "5" } });
    expect(await rejection(verifyIdentity(t.db, { actor: person, identityId: identity.id, urls: forgeUrls }))).toMatchObject({
      code: "challenge_not_found",
    });
    await t.db.account.updateMany({ where: { userId: person.id }, data: { providerAccountId: "4" } });
    // A provider that is not this forge proves nothing.
    expect(
      await rejection(
        verifyIdentity(t.db, {
          actor: person,
          identityId: identity.id,
          urls: { ...urls, oidcIssuer: "https://sso.example.org" },
        }),
      ),
    ).toMatchObject({ code: "challenge_not_found" });
    await expect(verifyIdentity(t.db, { actor: person, identityId: identity.id, urls: forgeUrls })).resolves.toEqual({
      verified: true,
    });
    expect(await t.db.externalIdentity.findUniqueOrThrow({ where: { id: identity.id } })).toMatchObject({ verifiedBy: "oauth" });
  });

  it("a service that is down or answers garbage is an error, never a verification", async () => {
    const person = await createPerson(t.db);
    const identity = await linkIdentity(t.db, { actor: person, input: { provider: "GITHUB", username: "someone" } });
    const down = { ...urls, github: urls.github.replace("/github", "/down") };
    expect(await rejection(verifyIdentity(t.db, { actor: person, identityId: identity.id, urls: down }))).toMatchObject({
      status: 502,
      code: "verify_unavailable",
    });
    const unreachable = { ...urls, github: "http://127.0.0.1:9" };
    expect(await rejection(verifyIdentity(t.db, { actor: person, identityId: identity.id, urls: unreachable }))).toMatchObject({
      status: 502,
    });
    expect((await listIdentities(t.db, { actor: person }))[0]!.verifiedAt).toBeNull();
  });
});
