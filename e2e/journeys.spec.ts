/**
 * The journeys of issue 13 as people live them, on a desktop in French and on a 390×844 phone in
 * English, axe clean:
 * - moderation: a member reports a comment (a second report of it joins the same queue entry); a
 *   moderator hides it from the queue and sanctions its author in place; the author reads the reason
 *   and appeals; the appeal reaches another moderator's notifications and queue, not the sanctioner's;
 * - after sign-in, a visitor who was asked to "sign in to vote" comes back to the proposal;
 * - a person deletes their own account through the link emailed to them;
 * - on the phone, the menu holds the language switch, notifications, profile and sign-out.
 * People are created for each run (demo accounts of their own), so no other spec's people change.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createDb, type Db } from "@/lib/db/client";
import { expectAccessible } from "./support/axe";
import { extractLink, mailbox } from "./support/mail";

const DAY = 24 * 60 * 60 * 1000;
let db: Db;

test.beforeAll(() => {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is set by e2e/support/global-setup.ts");
  db = createDb(url, 2);
});
test.afterAll(async () => {
  await db.$disconnect();
});

const variants = [
  { id: "desktop-fr", viewport: { width: 1280, height: 800 }, locale: "fr" },
  { id: "phone-en", viewport: { width: 390, height: 844 }, locale: "en" },
] as const;
type Locale = (typeof variants)[number]["locale"];

const words = {
  fr: {
    report: "Signaler",
    reportForm: "Signaler ce contenu aux modérateurs",
    reportReason: "Motif du signalement",
    sendReport: "Envoyer le signalement",
    reportSent: "Merci : votre signalement a été transmis aux modérateurs.",
    queueTitle: "File de modération",
    twoReports: "2 signalements",
    hide: "Masquer",
    decisionReason: "Motif de la décision",
    hidden: "Le contenu est masqué",
    offer: (name: string) => `Sanctionner aussi ${name} pour ce contenu ?`,
    impose: "Prononcer la sanction",
    sanctioned: "la sanction a été prononcée",
    contest: "Contester ce masquage",
    appealText: /^Votre recours/,
    fileAppeal: "Déposer le recours",
    appealWaiting: (community: string) => `Un recours attend une décision dans ${community}`,
    noAppeal: "Aucun recours n'attend de décision.",
    signInToVote: "Connectez-vous pour voter",
    signInAs: (name: string) => `Se connecter comme ${name}`,
    askDeletion: "Recevoir le lien de confirmation",
    confirmDeletion: "Supprimer définitivement mon compte",
    deleted: "Votre compte a été supprimé",
    deletionSubject: "Confirmez la suppression",
    menu: "Menu",
    otherLanguage: "English",
    signOut: "Se déconnecter",
  },
  en: {
    report: "Report",
    reportForm: "Report this content to the moderators",
    reportReason: "Reason for the report",
    sendReport: "Send the report",
    reportSent: "Thank you: your report has been passed on to the moderators.",
    queueTitle: "Moderation queue",
    twoReports: "2 reports",
    hide: "Hide",
    decisionReason: "Reason for the decision",
    hidden: "The content is hidden",
    offer: (name: string) => `Also sanction ${name} for this content?`,
    impose: "Impose the sanction",
    sanctioned: "the sanction was decided",
    contest: "Contest this hiding",
    appealText: /^Your appeal/,
    fileAppeal: "File the appeal",
    appealWaiting: (community: string) => `An appeal is waiting for a decision in ${community}`,
    noAppeal: "No appeal is waiting for a decision.",
    signInToVote: "Sign in to vote",
    signInAs: (name: string) => `Sign in as ${name}`,
    askDeletion: "Send me the confirmation link",
    confirmDeletion: "Delete my account for good",
    deleted: "Your account has been deleted",
    deletionSubject: "Confirm the deletion",
    menu: "Menu",
    otherLanguage: "Français",
    signOut: "Sign out",
  },
} satisfies Record<Locale, unknown>;

/** A demo account of this run (one-click sign-in), in the variant's language. */
async function person(name: string, locale: Locale) {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, ".")}@journeys.example`;
  return db.user.create({
    data: { email, displayName: name, actorKind: "CIVIL_SOCIETY", onboardedAt: new Date(), isDemo: true, locale },
    select: { id: true, email: true, displayName: true },
  });
}

/** A fresh browser of the variant's size and language (the language cookie for anonymous pages). */
async function newPage(browser: Browser, variant: (typeof variants)[number]): Promise<Page> {
  const context = await browser.newContext({ viewport: variant.viewport, locale: variant.locale === "fr" ? "fr-FR" : "en-GB" });
  const appUrl = new URL(test.info().project.use.baseURL ?? "http://localhost");
  await context.addCookies([{ name: "gc.locale", value: variant.locale, domain: appUrl.hostname, path: "/" }]);
  return context.newPage();
}

async function signIn(page: Page, locale: Locale, name: string) {
  await page.goto("/auth/sign-in");
  await page.getByRole("button", { name: words[locale].signInAs(name) }).click();
  await expect(page).not.toHaveURL(/\/auth\//);
}

async function seed(locale: Locale, suffix: string) {
  const admin = await person(`Julie Admin ${suffix}`, locale);
  const moderator = await person(`Inès Modératrice ${suffix}`, locale);
  const author = await person(`Paul Auteur ${suffix}`, locale);
  const reader = await person(`Léa Lectrice ${suffix}`, locale);
  const visitor = await person(`Zoé Visiteuse ${suffix}`, locale);
  const slug = `parcours-${suffix}`;
  const communityName = `Parcours ${suffix}`;
  const community = await db.community.create({
    data: {
      slug,
      name: communityName,
      summary: "Une communauté créée pour les parcours de bout en bout.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
      createdById: admin.id,
      colleges: { create: (["PUBLIC", "PRIVATE", "RESEARCH", "CIVIL_SOCIETY"] as const).map((kind) => ({ kind, weight: 25 })) },
      memberships: {
        create: [
          { userId: admin.id, role: "ADMIN", status: "ACTIVE", college: "CIVIL_SOCIETY" },
          { userId: moderator.id, role: "MODERATOR", status: "ACTIVE", college: "CIVIL_SOCIETY" },
          { userId: author.id, role: "MEMBER", status: "ACTIVE", college: "CIVIL_SOCIETY" },
          { userId: reader.id, role: "MEMBER", status: "ACTIVE", college: "CIVIL_SOCIETY" },
          { userId: visitor.id, role: "MEMBER", status: "ACTIVE", college: "CIVIL_SOCIETY" },
        ],
      },
    },
    select: { id: true },
  });
  const now = Date.now();
  const proposal = await db.proposal.create({
    data: {
      communityId: community.id,
      authorId: admin.id,
      title: `Cartographier les fontaines ${suffix}`,
      body: "Relever toutes les fontaines publiques.",
      status: "VOTING",
      method: "THRESHOLD",
      threshold: "simple",
      openedAt: new Date(now),
      votingClosesAt: new Date(now + 5 * DAY),
      electorate: {
        create: [admin, moderator, author, reader, visitor].map((p) => ({ userId: p.id, college: "CIVIL_SOCIETY" as const })),
      },
    },
    select: { id: true },
  });
  const commentText = `Ceux qui votent contre n'y connaissent rien ${suffix}.`;
  const comment = await db.proposalComment.create({
    data: { proposalId: proposal.id, authorId: author.id, body: commentText },
    select: { id: true },
  });
  return {
    admin,
    moderator,
    author,
    reader,
    visitor,
    slug,
    communityName,
    communityId: community.id,
    proposalId: proposal.id,
    commentId: comment.id,
    commentText,
  };
}

for (const variant of variants) {
  const w = words[variant.locale];

  test.describe(`journeys (${variant.id})`, () => {
    test("a report reaches the queue as one item; hidden, sanctioned in place; the appeal reaches another moderator", async ({
      browser,
    }) => {
      test.setTimeout(240_000);
      const s = await seed(variant.locale, `${variant.id}-m-${Date.now().toString(36)}`);
      const proposalPath = `/proposals/${s.proposalId}`;
      const comment = (page: Page) => page.getByRole("article").filter({ hasText: s.commentText }).first();

      // Léa reports the comment: no reason is chosen for her.
      const reader = await newPage(browser, variant);
      await signIn(reader, variant.locale, s.reader.displayName!);
      await reader.goto(proposalPath);
      await comment(reader).getByRole("button", { name: w.report }).click();
      const form = reader.getByRole("form", { name: w.reportForm });
      await expect(form.getByRole("combobox", { name: w.reportReason })).toHaveValue("");
      await form.getByRole("combobox", { name: w.reportReason }).selectOption("ABUSE");
      await expectAccessible(reader);
      await form.getByRole("button", { name: w.sendReport }).click();
      await expect(reader.getByText(w.reportSent)).toBeVisible();
      // Someone else reports the same comment: one item with two reports.
      await db.report.create({
        data: {
          communityId: s.communityId,
          reporterId: s.visitor.id,
          targetKind: "COMMENT",
          targetId: s.commentId,
          targetAuthorId: s.author.id,
          reason: "SPAM",
        },
      });
      // The moderators are told a report arrived (the one reported is not).
      expect(await db.notification.count({ where: { userId: s.moderator.id, kind: "report.received" } })).toBe(1);
      expect(await db.notification.count({ where: { userId: s.author.id, kind: "report.received" } })).toBe(0);

      // Inès hides it from the queue, then sanctions its author in place.
      const moderator = await newPage(browser, variant);
      await signIn(moderator, variant.locale, s.moderator.displayName!);
      await moderator.goto(`/communities/${s.slug}/moderation`);
      await expect(moderator.getByRole("heading", { level: 1 })).toHaveText(w.queueTitle);
      const item = moderator.getByTestId("queue-item").filter({ hasText: s.commentText });
      await expect(item).toHaveCount(1);
      await expect(item).toContainText(w.twoReports);
      await expectAccessible(moderator);
      await item.getByRole("button", { name: w.hide }).click();
      await item.getByRole("textbox", { name: w.decisionReason }).fill("Propos méprisants (règle 2)");
      await item.getByRole("form", { name: w.hide }).getByRole("button", { name: w.hide }).click();
      const done = moderator.getByTestId("hidden-done");
      await expect(done).toContainText(w.hidden);
      await expect(done.getByRole("heading", { name: w.offer(s.author.displayName!) })).toBeVisible();
      await expectAccessible(moderator);
      await done.getByRole("button", { name: w.impose }).click();
      await expect(done).toContainText(w.sanctioned);
      const given = await db.sanction.findFirstOrThrow({ where: { communityId: s.communityId, userId: s.author.id } });
      expect(given).toMatchObject({ kind: "WARNING", reason: "Propos méprisants (règle 2)", byId: s.moderator.id });
      expect(await db.report.count({ where: { targetId: s.commentId, sanctionId: given.id } })).toBe(2);

      // Paul reads the reason where his comment was, may contest it, and appeals the sanction.
      const author = await newPage(browser, variant);
      await signIn(author, variant.locale, s.author.displayName!);
      await author.goto(proposalPath);
      await expect(comment(author).getByTestId("hidden-notice")).toContainText("Propos méprisants (règle 2)");
      await expect(comment(author).getByRole("button", { name: w.contest })).toBeVisible();
      await expectAccessible(author);
      await author.goto(`/communities/${s.slug}/sanctions/${given.id}`);
      await author.getByRole("textbox", { name: w.appealText }).fill("Je retire ces mots, ils ne visaient personne.");
      await author.getByRole("button", { name: w.fileAppeal }).click();
      await expect(author.getByTestId("appeal-state")).toBeVisible();

      // Julie, the other moderator, is told and finds it in her queue; Inès, who sanctioned, does not.
      const admin = await newPage(browser, variant);
      await signIn(admin, variant.locale, s.admin.displayName!);
      await admin.goto("/notifications");
      await expect(admin.getByText(w.appealWaiting(s.communityName))).toBeVisible();
      await expectAccessible(admin);
      await admin.goto(`/communities/${s.slug}/moderation`);
      await expect(admin.getByTestId("appeal-item")).toHaveCount(1);
      await expect(admin.getByTestId("appeal-item")).toContainText(s.author.displayName!);
      await expectAccessible(admin);
      expect(await db.notification.count({ where: { userId: s.moderator.id, kind: "appeal.received" } })).toBe(0);
      await moderator.goto(`/communities/${s.slug}/moderation`);
      await expect(moderator.getByTestId("appeals-queue")).toContainText(w.noAppeal);
    });

    test("after signing in, a visitor asked to sign in to vote comes back to the proposal", async ({ browser }) => {
      const s = await seed(variant.locale, `${variant.id}-r-${Date.now().toString(36)}`);
      const page = await newPage(browser, variant);
      await page.goto(`/proposals/${s.proposalId}`);
      await expectAccessible(page);
      await page.getByRole("link", { name: w.signInToVote }).click();
      await expect(page).toHaveURL(/\/auth\/sign-in\?callbackUrl=/);
      await page.getByRole("button", { name: w.signInAs(s.reader.displayName!) }).click();
      await expect(page).toHaveURL(new RegExp(`/proposals/${s.proposalId}$`));
      // A callbackUrl to another site is ignored: home instead.
      const other = await newPage(browser, variant);
      await other.goto("/auth/sign-in?callbackUrl=//evil.example/");
      await other.getByRole("button", { name: w.signInAs(s.visitor.displayName!) }).click();
      await expect(other).toHaveURL(/^http:\/\/[^/]+\/$/);
    });

    test("a person deletes their own account through the emailed link", async ({ browser }) => {
      test.setTimeout(120_000);
      const me = await person(`Camille Départ ${variant.id} ${Date.now().toString(36)}`, variant.locale);
      const page = await newPage(browser, variant);
      await signIn(page, variant.locale, me.displayName!);
      await page.goto("/profile");
      await expectAccessible(page);
      // Download my data: the signed-in person's own, as JSON; nobody else gets it.
      const own = await page.request.get("/profile/data");
      expect(own.status()).toBe(200);
      expect(own.headers()["content-disposition"]).toMatch(/attachment; filename="geocommuns-.*\.json"/);
      expect(((await own.json()) as { person: { email: string } }).person.email).toBe(me.email);
      const anonymous = await (await browser.newContext()).request.get(new URL("/profile/data", page.url()).toString());
      expect(anonymous.status()).toBe(401);
      await page.getByRole("button", { name: w.askDeletion }).click();
      await expect(page.getByTestId("delete-account-message")).toContainText(me.email!);
      const mail = await mailbox.waitForMail((m) => m.to.includes(me.email!) && m.subject.includes(w.deletionSubject), 30_000);
      await page.goto(extractLink(mail.text, "/profile/delete"));
      await expectAccessible(page);
      await page.getByRole("button", { name: w.confirmDeletion }).click();
      await expect(page).toHaveURL(/\/profile\/deleted$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(w.deleted);
      const row = await db.user.findUniqueOrThrow({ where: { id: me.id } });
      expect(row.erasedAt).not.toBeNull();
      expect(row.email).toBeNull();
      expect(await db.session.count({ where: { userId: me.id } })).toBe(0);
      await page.goto("/profile");
      await expect(page).toHaveURL(/\/auth\/sign-in/);
    });

    test("bad query values answer with the page and a message at the field, never the error page", async ({ browser }) => {
      const s = await seed(variant.locale, `${variant.id}-q-${Date.now().toString(36)}`);
      const page = await newPage(browser, variant);
      const response = await page.goto("/catalogue?q=%00&kind=NOPE");
      expect(response?.status()).toBe(200);
      // The search field says what is wrong with it; the rest of the page is there.
      await expect(page.getByRole("searchbox").first()).toHaveAccessibleDescription(/./);
      await expect(
        page.getByText(variant.locale === "fr" ? /caractères qui ne peuvent pas être cherchés/ : /cannot be searched for/),
      ).toBeVisible();
      await expectAccessible(page);
      await signIn(page, variant.locale, s.moderator.displayName!);
      for (const path of [
        `/communities/${s.slug}/activity?cursor=%00`,
        `/communities/${s.slug}/moderation/log?cursor=%00`,
        `/communities/${s.slug}/moderation?from=%00&state=NOPE&reason=%00`,
        `/communities/${s.slug}/proposals?q=%00&cursor=%00`,
        `/catalogue?q=%00&cursor=%00&bbox=%00`,
      ]) {
        const answer = await page.goto(path);
        expect(answer?.status(), path).toBe(200);
        await expect(page.getByRole("heading", { level: 1 }), path).toBeVisible();
      }
    });

    if (variant.viewport.width < 992) {
      test("the phone menu holds the language switch, notifications, profile and sign-out", async ({ browser }) => {
        const me = await person(`Noé Mobile ${variant.id} ${Date.now().toString(36)}`, variant.locale);
        const page = await newPage(browser, variant);
        await signIn(page, variant.locale, me.displayName!);
        await page.getByRole("button", { name: w.menu }).click();
        const menu = page.locator("#header-menu");
        await expect(menu.getByRole("button", { name: w.otherLanguage })).toBeVisible();
        await expect(menu.getByRole("link", { name: /^Notifications/ })).toBeVisible();
        await expect(menu.getByRole("link", { name: me.displayName! })).toBeVisible();
        await expect(menu.getByRole("button", { name: w.signOut })).toBeVisible();
        await expectAccessible(page);
        await menu.getByRole("link", { name: me.displayName! }).click();
        await expect(page).toHaveURL(/\/profile$/);
      });
    }
  });
}
