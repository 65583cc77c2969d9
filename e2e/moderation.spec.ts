/**
 * Moderation end to end, in a community seeded for the test (demo people, a vote in progress, a
 * comment, and an earlier warning so that the charter's ladder suggests a 7-day suspension):
 * a member reports the comment (Pierre wrote it); a moderator hides it and suspends its author at the ladder's step;
 * the author cannot vote while suspended, reads the hidden comment with its reason, and appeals;
 * an administrator other than the sanctioner overturns; each person gets the right notifications
 * (emails read from the real SMTP receiver). Then a spam wave of fifty comments is cleared with one
 * bulk action from the queue.
 */
import { expect, test, type Page } from "@playwright/test";
import { createDb, type Db } from "@/lib/db/client";
import { expectAccessible } from "./support/axe";
import { mailbox } from "./support/mail";
import { signInInNewContext } from "./support/demo-session";

const suffix = Date.now().toString(36);
const slug = `moderation-${suffix}`;
const communityName = `Modération ${suffix}`;
const DAY = 24 * 60 * 60 * 1000;

const emails = {
  julien: "julien.lefevre@agence-geo.example",
  ines: "ines@cartolibre.example",
  pierre: "pierre.lambert@courriel.example",
  elodie: "elodie@velo-cartes.example",
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

/** Julien administers, Inès moderates, Pierre writes, Élodie reads and reports; a vote is open for all. */
async function seedCommunity() {
  const people = await db.user.findMany({
    where: { email: { in: Object.values(emails) } },
    select: { id: true, email: true, actorKind: true },
  });
  const by = (email: string) => people.find((p) => p.email === email)!;
  const [julien, ines, pierre, elodie] = [by(emails.julien), by(emails.ines), by(emails.pierre), by(emails.elodie)];
  const community = await db.community.create({
    data: {
      slug,
      name: communityName,
      summary: "Une communauté créée pour les tests de modération.",
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
      title: "Flouter les plaques d'immatriculation",
      body: "Toutes les photos publiées sont floutées.",
      status: "VOTING",
      method: "THRESHOLD",
      threshold: "simple",
      openedAt: new Date(now),
      votingClosesAt: new Date(now + 5 * DAY),
      electorate: {
        create: [julien, ines, pierre, elodie].map((p) => ({ userId: p.id, college: p.actorKind! })),
      },
    },
    select: { id: true },
  });
  const comment = await db.proposalComment.create({
    data: { proposalId: proposal.id, authorId: pierre.id, body: "Ceux qui votent pour sont des idiots." },
    select: { id: true },
  });
  // An earlier warning still counting: the ladder's next step is a 7-day suspension.
  await db.sanction.create({
    data: {
      communityId: community.id,
      userId: pierre.id,
      kind: "WARNING",
      reason: "Ton agressif",
      suggestedKind: "WARNING",
      byId: ines.id,
      createdAt: new Date(now - 10 * DAY),
      expiresAt: new Date(now + 170 * DAY),
    },
  });
  return { communityId: community.id, proposalId: proposal.id, commentId: comment.id, pierre, elodie, ines };
}

test("a report leads to hiding and a suspension by the ladder, an appeal overturns it, and a spam wave is cleared in one action", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const seeded = await seedCommunity();
  const proposalPath = `/proposals/${seeded.proposalId}`;
  const comment = (page: Page) => page.getByRole("article").filter({ hasText: "Ceux qui votent pour sont des idiots." }).first();

  // Élodie reports Pierre's comment; a second report of the same comment is refused clearly.
  const elodie = await signInInNewContext(browser, "Élodie Martin");
  await elodie.goto(proposalPath);
  await comment(elodie).getByRole("button", { name: "Signaler" }).click();
  const form = elodie.getByRole("form", { name: "Signaler ce contenu aux modérateurs" });
  await form.getByRole("combobox", { name: "Motif du signalement" }).selectOption("ABUSE");
  await form.getByRole("textbox", { name: /^Précisions/ }).fill("Insulte envers les votants.");
  await expectAccessible(elodie);
  await form.getByRole("button", { name: "Envoyer le signalement" }).click();
  await expect(elodie.getByText("Merci : votre signalement a été transmis aux modérateurs.")).toBeVisible();
  await elodie.reload();
  await comment(elodie).getByRole("button", { name: "Signaler" }).click();
  // No reason is preselected: sending without one is refused at the field.
  await elodie.getByRole("button", { name: "Envoyer le signalement" }).click();
  await expect(elodie.getByRole("combobox", { name: "Motif du signalement" })).toHaveAccessibleDescription(
    /Choisissez le motif du signalement/,
  );
  await elodie.getByRole("combobox", { name: "Motif du signalement" }).selectOption("SPAM");
  await elodie.getByRole("button", { name: "Envoyer le signalement" }).click();
  await expect(elodie.getByText("Vous avez déjà signalé ce contenu.")).toBeVisible();
  expect(await db.report.count({ where: { targetId: seeded.commentId } })).toBe(1);

  // Inès sees it in the queue, in context, without the reporter's name, and hides it.
  const ines = await signInInNewContext(browser, "Inès Haddad");
  await ines.goto(`/communities/${slug}/moderation`);
  await expect(ines.getByRole("heading", { level: 1 })).toHaveText("File de modération");
  const item = ines.getByTestId("queue-item").filter({ hasText: "Ceux qui votent pour sont des idiots." });
  await expect(item).toContainText("Abus ou harcèlement");
  await expect(item).toContainText("Auteur : Pierre Lambert");
  await expect(item).not.toContainText("Élodie");
  await expectAccessible(ines);
  await item.getByRole("button", { name: "Masquer" }).click();
  await item.getByRole("textbox", { name: "Motif de la décision" }).fill("Propos insultants (règle 2)");
  await item.getByRole("form", { name: "Masquer" }).getByRole("button", { name: "Masquer" }).click();
  await expect(ines.getByTestId("queue-item")).toHaveCount(0);

  // She sanctions Pierre: the form follows the ladder (7-day suspension) and a past date is refused.
  await ines.goto(`/communities/${slug}/moderation?state=ALL`);
  await ines.getByTestId("queue-item").first().getByRole("link", { name: "Sanctionner l'auteur" }).click();
  await expect(ines.getByTestId("ladder-suggestion")).toHaveText("L'échelle de la charte suggère : suspension de 7 jours.");
  await expect(ines.getByRole("combobox", { name: "Sanction" })).toHaveValue("SUSPENSION");
  const until = ines.getByLabel(/^Suspendu jusqu'au/);
  const suggestedUntil = await until.inputValue();
  expect(suggestedUntil).toBe(new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10));
  await ines.getByRole("textbox", { name: /^Motif \(lu par la personne/ }).fill("Insultes envers les votants.");
  await ines.getByRole("textbox", { name: /^Règle de la charte/ }).fill("Règle 2");
  await until.fill("2020-01-01");
  await ines.getByRole("button", { name: "Prononcer la sanction" }).click();
  await expect(until).toHaveAccessibleDescription(/doit être dans le futur/);
  expect(await db.sanction.count({ where: { communityId: seeded.communityId } })).toBe(1);
  await expectAccessible(ines);
  await until.fill(suggestedUntil);
  await ines.getByRole("button", { name: "Prononcer la sanction" }).click();
  await expect(ines).toHaveURL(new RegExp(`/communities/${slug}/sanctions/`));
  await expect(ines.getByTestId("sanction-facts")).toContainText("Sanction suggérée par l'échelle de la charte.");
  const sanctionUrl = new URL(ines.url()).pathname;

  // Pierre is told by email; he reads his hidden comment with the reason, and cannot vote.
  const sanctionMail = await mailbox.waitForMail(
    (m) => m.to.includes(emails.pierre) && m.subject.includes(`suspendu·e dans ${communityName}`),
    30_000,
  );
  expect(sanctionMail.text).toContain(sanctionUrl);
  const pierre = await signInInNewContext(browser, "Pierre Lambert");
  await pierre.goto(proposalPath);
  await expect(comment(pierre).getByTestId("hidden-notice")).toContainText("Motif : Propos insultants (règle 2)");
  await expect(pierre.getByRole("button", { name: "Voter" })).toHaveCount(0);
  await elodie.goto(proposalPath);
  await expect(elodie.getByTestId("hidden-notice").first()).toHaveText("Ce contenu a été masqué par la modération.");
  await expect(elodie.getByText("Ceux qui votent pour sont des idiots.")).toHaveCount(0);

  // He appeals once, with a text.
  await pierre.goto(sanctionUrl);
  await expect(pierre.getByRole("heading", { level: 1 })).toHaveText(`Suspension dans ${communityName}`);
  await expect(pierre.getByText(/une seule fois, dans les 30 jours/)).toBeVisible();
  await expectAccessible(pierre);
  await pierre.getByRole("textbox", { name: /^Votre recours/ }).fill("J'étais énervé, je retire mes propos et m'en excuse.");
  await pierre.getByRole("button", { name: "Déposer le recours" }).click();
  await expect(pierre.getByTestId("appeal-state")).toContainText("en attente de décision");

  // Inès sanctioned: she cannot decide. Julien, the administrator, overturns.
  await ines.goto(sanctionUrl);
  await expect(ines.getByText("Vous avez prononcé cette sanction : une autre personne tranchera le recours.")).toBeVisible();
  await expect(ines.getByRole("button", { name: "Enregistrer la décision" })).toHaveCount(0);
  const julien = await signInInNewContext(browser, "Julien Lefèvre");
  await julien.goto(sanctionUrl);
  await julien.getByText("sanction annulée").click();
  await julien.getByRole("textbox", { name: /^Motif de la décision/ }).fill("Excuses sincères, premier écart grave.");
  await expectAccessible(julien);
  await julien.getByRole("button", { name: "Enregistrer la décision" }).click();
  await expect(julien.getByTestId("appeal-state")).toContainText("sanction annulée");

  // Pierre is told, and votes again.
  await mailbox.waitForMail((m) => m.to.includes(emails.pierre) && m.subject.includes(`Votre recours a été accepté`), 30_000);
  await pierre.goto(proposalPath);
  await expect(pierre.getByRole("button", { name: "Voter" })).toBeVisible();
  // Élodie learns that her report was acted upon, without anyone being named.
  const told = await db.notification.findMany({ where: { userId: seeded.elodie.id, kind: "report.decided" } });
  expect(told).toHaveLength(1);
  expect(JSON.stringify(told[0]!.data)).not.toContain(seeded.pierre.id);

  // The moderation log, readable by members: what, when, which rule; no names, no hidden text.
  await elodie.goto(`/communities/${slug}/moderation/log`);
  const log = elodie.getByTestId("moderation-log");
  await expect(log).toContainText("Suspension jusqu'au");
  await expect(log).toContainText("Règle 2");
  await expect(log).toContainText("Recours tranché : sanction annulée");
  await expect(log).not.toContainText("Pierre");
  await expect(log).not.toContainText("idiots");
  await expectAccessible(elodie);

  // A spam wave: fifty comments from five accounts, each reported.
  const spammers = await Promise.all(
    Array.from({ length: 5 }, async (_, i) => {
      const user = await db.user.create({
        data: {
          email: `spam-${suffix}-${i}@e2e.example`,
          displayName: `Spammeur ${i}`,
          actorKind: "PRIVATE",
          onboardedAt: new Date(),
        },
        select: { id: true },
      });
      await db.membership.create({ data: { communityId: seeded.communityId, userId: user.id, college: "PRIVATE" } });
      return user.id;
    }),
  );
  for (let i = 0; i < 50; i++) {
    const authorId = spammers[i % 5]!;
    const spam = await db.proposalComment.create({
      data: { proposalId: seeded.proposalId, authorId, body: `Montres pas chères n°${i}` },
      select: { id: true },
    });
    await db.report.create({
      data: {
        communityId: seeded.communityId,
        reporterId: seeded.elodie.id,
        targetKind: "COMMENT",
        targetId: spam.id,
        targetAuthorId: authorId,
        reason: "SPAM",
      },
    });
  }
  await ines.goto(`/communities/${slug}/moderation?reason=SPAM`);
  await expect(ines.getByTestId("queue-item")).toHaveCount(50);
  await ines.getByText("Tout sélectionner sur cette page").click();
  await expect(ines.getByTestId("selected-count")).toHaveText("50 sélectionnés");
  await ines.getByRole("textbox", { name: /^Motif \(lu par les auteurs/ }).fill("Vague de spam");
  await ines.getByRole("button", { name: "Tout masquer et sanctionner les auteurs" }).click();
  await expect(ines.getByTestId("queue-message")).toContainText(
    "50 signalements traités, 50 contenus masqués, 5 auteurs sanctionnés.",
  );
  await expect(ines.getByTestId("queue-item")).toHaveCount(0);
  expect(
    await db.proposalComment.count({
      where: { proposalId: seeded.proposalId, authorId: { in: spammers }, hiddenAt: { not: null } },
    }),
  ).toBe(50);
  expect(await db.sanction.count({ where: { communityId: seeded.communityId, userId: { in: spammers } } })).toBe(5);
  await elodie.goto(proposalPath);
  await expect(elodie.getByText("Montres pas chères", { exact: false })).toHaveCount(0);
});
