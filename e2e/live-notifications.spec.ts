/**
 * Live notification counts and moderation queues across app instances (issue 15), with people of
 * its own: a moderator keeps the queue open on the second app server while a member reports a
 * comment on the first; the report appears in her open queue and her header's unread count rises,
 * without a reload. When an administrator hides the comment from the queue on the first server, it
 * leaves her queue, and the reporter's open thread hides it, still without a reload. Carried by
 * PostgreSQL LISTEN/NOTIFY and Server-Sent Events (lib/live).
 */
import { expect, test, type Page } from "@playwright/test";
import { createDb, type Db } from "@/lib/db/client";
import { expectAccessible } from "./support/axe";
import { signInInNewContext } from "./support/demo-session";
import { urls } from "./support/ports";

const suffix = Date.now().toString(36);
const slug = `file-en-direct-${suffix}`;
const DAY = 24 * 60 * 60 * 1000;
const commentText = `Achetez mes montres ${suffix} !`;

/** People of this spec's own (demo sign-in), so that no other spec's counts of demo people move. */
const names = {
  admin: `Julien Direct ${suffix}`,
  moderator: `Inès Direct ${suffix}`,
  author: `Pierre Direct ${suffix}`,
  reporter: `Élodie Direct ${suffix}`,
};

let db: Db;

test.beforeAll(() => {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is set by e2e/support/global-setup.ts");
  db = createDb(url, 2);
});
test.afterAll(async () => {
  await db.$disconnect();
});

/** The administrator, the moderator, a comment's author and a reader; a vote is open with the comment. */
async function seedCommunity() {
  const person = (name: string) =>
    db.user.create({
      data: {
        email: `${name
          .toLowerCase()
          .normalize("NFD")
          .replace(/[^a-z0-9]+/g, ".")}@live.example`,
        displayName: name,
        actorKind: "CIVIL_SOCIETY",
        onboardedAt: new Date(),
        isDemo: true,
        locale: "fr",
      },
      select: { id: true, actorKind: true },
    });
  const [julien, ines, pierre, elodie] = [
    await person(names.admin),
    await person(names.moderator),
    await person(names.author),
    await person(names.reporter),
  ];
  const community = await db.community.create({
    data: {
      slug,
      name: `File en direct ${suffix}`,
      summary: "Une communauté créée pour suivre la modération en direct.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
      createdById: julien.id,
      colleges: { create: (["PUBLIC", "PRIVATE", "RESEARCH", "CIVIL_SOCIETY"] as const).map((kind) => ({ kind, weight: 25 })) },
      memberships: {
        create: [
          { userId: julien.id, role: "ADMIN", status: "ACTIVE", college: julien.actorKind! },
          { userId: ines.id, role: "MODERATOR", status: "ACTIVE", college: ines.actorKind! },
          { userId: pierre.id, role: "MEMBER", status: "ACTIVE", college: pierre.actorKind! },
          { userId: elodie.id, role: "MEMBER", status: "ACTIVE", college: elodie.actorKind! },
        ],
      },
    },
    select: { id: true },
  });
  const now = Date.now();
  const proposal = await db.proposal.create({
    data: {
      communityId: community.id,
      authorId: julien.id,
      title: "Publier les traces GPS",
      body: "Les traces sont publiées chaque semaine.",
      status: "VOTING",
      method: "THRESHOLD",
      threshold: "simple",
      openedAt: new Date(now),
      votingClosesAt: new Date(now + 5 * DAY),
      electorate: { create: [julien, ines, pierre, elodie].map((p) => ({ userId: p.id, college: p.actorKind! })) },
    },
    select: { id: true },
  });
  await db.proposalComment.create({ data: { proposalId: proposal.id, authorId: pierre.id, body: commentText } });
  return { proposalId: proposal.id };
}

/** Streams answered 200 as event streams, by path. */
function watchStreams(page: Page) {
  const streams: string[] = [];
  page.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    if (path.startsWith("/api/live/")) streams.push(`${response.status()} ${path} ${response.headers()["content-type"]}`);
  });
  return streams;
}

/** A marker in the page's JavaScript state: a reload would drop it. */
async function markNotReloaded(page: Page) {
  await page.evaluate(() => Object.assign(window, { gcLiveMarker: true }));
  return () => page.evaluate(() => (window as unknown as { gcLiveMarker?: boolean }).gcLiveMarker === true);
}

test("a report filed on one instance reaches a moderator's open queue and header count on the other, without a reload", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const { proposalId } = await seedCommunity();
  const queuePath = `/communities/${slug}/moderation`;

  // Inès keeps the queue open on the second app server (same database, same session cookie).
  const ines = await signInInNewContext(browser, names.moderator);
  const streams = watchStreams(ines);
  await ines.goto(urls.state + queuePath);
  await expect(ines.getByRole("heading", { level: 1 })).toHaveText("File de modération");
  await expect(ines.getByTestId("header-notifications")).toHaveText("Notifications");
  await expect(ines.getByTestId("queue-item")).toHaveCount(0);
  await expect
    .poll(() => streams)
    .toEqual(
      expect.arrayContaining([
        `200 /api/live/me text/event-stream; charset=utf-8`,
        `200 ${queuePath.replace("/communities/", "/api/live/communities/")} text/event-stream; charset=utf-8`,
      ]),
    );
  const inesNotReloaded = await markNotReloaded(ines);

  // Élodie reports Pierre's comment on the first server.
  const elodie = await signInInNewContext(browser, names.reporter);
  await elodie.goto(`/proposals/${proposalId}`);
  const comment = elodie.getByRole("article").filter({ hasText: commentText }).first();
  await comment.getByRole("button", { name: "Signaler" }).click();
  const form = elodie.getByRole("form", { name: "Signaler ce contenu aux modérateurs" });
  await form.getByRole("combobox", { name: "Motif du signalement" }).selectOption("SPAM");
  await form.getByRole("button", { name: "Envoyer le signalement" }).click();
  await expect(elodie.getByText("Merci : votre signalement a été transmis aux modérateurs.")).toBeVisible();
  const elodieNotReloaded = await markNotReloaded(elodie);

  // On the second server, Inès's queue shows it and her header counts the moderators' notice.
  const item = ines.getByTestId("queue-item").filter({ hasText: commentText });
  await expect(item).toBeVisible({ timeout: 15_000 });
  await expect(item).toContainText("Spam");
  await expect(ines.getByTestId("header-notifications")).toHaveText("Notifications (1 non lue)", { timeout: 15_000 });
  await expect(ines.getByTestId("queue-live")).toHaveText("File de modération mise à jour : 1 signalement ouvert");
  await expect(ines.getByRole("status").filter({ hasText: "Vous avez 1 notification non lue" })).toHaveCount(1);
  expect(await inesNotReloaded()).toBe(true);
  await expectAccessible(ines);

  // Julien hides the comment from the queue on the first server: it leaves Inès's open queue, and
  // Élodie's open thread shows it hidden, both without a reload.
  const julien = await signInInNewContext(browser, names.admin);
  await julien.goto(queuePath);
  const julienItem = julien.getByTestId("queue-item").filter({ hasText: commentText });
  await julienItem.getByRole("button", { name: "Masquer" }).click();
  await julienItem.getByRole("textbox", { name: "Motif de la décision" }).fill("Publicité (règle 3)");
  await julienItem.getByRole("form", { name: "Masquer" }).getByRole("button", { name: "Masquer" }).click();
  await expect(julien.getByTestId("queue-item")).toHaveCount(0);
  await expect(ines.getByTestId("queue-item")).toHaveCount(0, { timeout: 15_000 });
  await expect(ines.getByTestId("queue-live")).toHaveText("File de modération mise à jour : aucun signalement ouvert");
  await expect(elodie.getByText(commentText)).toHaveCount(0, { timeout: 15_000 });
  expect(await inesNotReloaded()).toBe(true);
  expect(await elodieNotReloaded()).toBe(true);
  await expectAccessible(ines);
  for (const page of [ines, elodie, julien]) await page.context().close();
});
