/**
 * Every page of the end-to-end journeys, as the server sends it, passes the W3C Nu HTML checker
 * (the vnu-jar package, run with Java) with zero errors: public pages, the sign-in page, the pages a
 * signed-in member and a community administrator use (forms included), and the OGC API's HTML pages.
 * Pages are fetched with the signed-in session's cookies and checked in one run of the checker.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signInAs, signOut } from "./support/demo-session";
import { urls } from "./support/ports";

const run = promisify(execFile);
const VNU = path.join(process.cwd(), "node_modules/vnu-jar/build/dist/vnu.jar");

type VnuMessage = { type: string; subType?: string; message: string; extract?: string; lastLine?: number; url?: string };

/** Runs the checker once over the files; returns its messages of type error (and non-document errors). */
async function validate(files: string[]): Promise<VnuMessage[]> {
  const { stdout, stderr } = await run("java", ["-jar", VNU, "--format", "json", "--exit-zero-always", ...files], {
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? "", stderr: error.stderr ?? "" }));
  const report = JSON.parse(stderr || stdout) as { messages: VnuMessage[] };
  return report.messages.filter((m) => m.type === "error" || m.type === "non-document-error");
}

/** The first link on a page matching a pattern (an id the demo seed drew at random). */
function firstLink(html: string, pattern: RegExp): string | null {
  for (const [, href] of html.matchAll(/href="([^"]+)"/g)) if (href && pattern.test(href)) return href.replace(/&amp;/g, "&");
  return null;
}

async function fetchHtml(request: APIRequestContext, url: string): Promise<string> {
  const response = await request.get(url, { headers: { accept: "text/html" } });
  expect(response.status(), url).toBe(200);
  expect(response.headers()["content-type"], url).toContain("text/html");
  return response.text();
}

test("the journeys' pages are valid HTML (W3C Nu checker, zero errors)", async ({ page }) => {
  test.setTimeout(240_000);
  const dir = await mkdtemp(path.join(os.tmpdir(), "gc-vnu-"));
  const files = new Map<string, string>();
  const save = async (url: string, html: string) => {
    const file = path.join(dir, `page-${files.size}.html`);
    await writeFile(file, html);
    files.set(file, url);
  };
  const collect = async (request: APIRequestContext, paths: string[]) => {
    for (const p of paths) await save(p, await fetchHtml(request, p));
  };

  try {
    // Anonymous visitor.
    const anonymous = page.request;
    await collect(anonymous, [
      "/",
      "/auth/sign-in",
      "/catalogue",
      "/catalogue?view=map",
      "/catalogue?q=adresses&kind=DATASET",
      "/communities/adresses-finistere",
      "/communities/adresses-finistere/commons",
      "/communities/adresses-finistere/commons/bal-kerbrevan",
      "/communities/adresses-finistere/commons/bal-kerbrevan/ledger",
      "/communities/adresses-finistere/commons/bal-kerbrevan/dashboard",
      "/communities/adresses-finistere/charter",
      "/communities/adresses-finistere/proposals",
      "/communities/adresses-finistere/dashboard",
      "/communities/adresses-finistere/activity",
      "/accessibilite",
      "/mentions-legales",
      "/donnees-personnelles",
      "/api/ogc?f=html",
      "/api/ogc/conformance?f=html",
      "/api/ogc/collections?f=html",
      "/api/ogc/collections/commons?f=html",
      "/api/ogc/collections/commons/items?f=html",
    ]);
    const proposals = await fetchHtml(anonymous, "/communities/adresses-finistere/proposals");
    const proposal = firstLink(proposals, /^\/proposals\/[A-Za-z0-9_-]+$/);
    if (proposal) await collect(anonymous, [proposal]);
    const items = await fetchHtml(anonymous, "/api/ogc/collections/commons/items?f=html");
    const item = firstLink(items, /\/items\/[A-Za-z0-9_-]+\?f=html$/);
    expect(item).not.toBeNull();
    await collect(anonymous, [new URL(item!).pathname + new URL(item!).search]);

    // A member who administers the community (the demo's Sophie Bernard): her pages and forms.
    await signInAs(page, "Sophie Bernard");
    const member = page.request;
    await collect(member, [
      "/",
      "/profile",
      "/profile/notifications",
      "/notifications",
      "/communities/new",
      "/communities/adresses-finistere",
      "/communities/adresses-finistere/members",
      "/communities/adresses-finistere/admin",
      "/communities/adresses-finistere/moderation",
      "/communities/adresses-finistere/moderation/log",
      "/communities/adresses-finistere/commons/new",
      "/communities/adresses-finistere/commons/bal-kerbrevan",
      "/communities/adresses-finistere/commons/bal-kerbrevan/edit",
      "/communities/adresses-finistere/commons/bal-kerbrevan/ledger",
      "/communities/adresses-finistere/commons/bal-kerbrevan/sources",
      "/communities/adresses-finistere/proposals/new",
    ]);
    if (proposal) await collect(member, [proposal]);
    const people = firstLink(await fetchHtml(member, "/communities/adresses-finistere/members"), /^\/people\/[A-Za-z0-9_-]+$/);
    if (people) await collect(member, [people]);
    const organisation = firstLink(await fetchHtml(member, "/profile"), /^\/organisations\/[A-Za-z0-9_-]+$/);
    if (organisation) await collect(member, [organisation]);

    // The platform's administrator (the demo's Julien Lefèvre): administration pages.
    await signOut(page);
    await signInAs(page, "Julien Lefèvre");
    await collect(page.request, [
      "/admin",
      "/admin?q=Pierre",
      "/communities/imagerie-de-rue",
      "/communities/imagerie-de-rue/admin",
      "/communities/imagerie-de-rue/proposals",
      "/communities/registre-batiments/moderation",
    ]);

    const errors = await validate([...files.keys()]);
    const readable = errors.map((m) => {
      const file = m.url ? decodeURIComponent(new URL(m.url).pathname) : "";
      return `${files.get(file) ?? file}:${m.lastLine ?? "?"} ${m.message} ${m.extract ? `[${m.extract.trim().slice(0, 120)}]` : ""}`;
    });
    expect(readable, `${files.size} pages checked`).toEqual([]);
    expect(files.size).toBeGreaterThan(35);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("the checker does report an invalid page (the test cannot pass vacuously)", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "gc-vnu-"));
  try {
    const file = path.join(dir, "bad.html");
    await writeFile(
      file,
      `<!DOCTYPE html><html lang="fr"><head><title>x</title></head><body><form action=""><div aria-labelledby="nothing"></div></form>\u0001</body></html>`,
    );
    const messages = (await validate([file])).map((m) => m.message).join("\n");
    expect(messages).toMatch(/action/);
    expect(messages).toMatch(/aria-labelledby/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  expect(urls.neutral).toMatch(/^http/);
});
