/**
 * Results that explain themselves, end to end, in a community seeded for the test with one closed
 * vote per method (weighted colleges, public ballots, demo people): each results page says why the
 * outcome is what it is (threshold and shares, approvals, the merit profile with its table, consent's
 * block and its reason), links the signed record with how to verify it, never shows a rejection as a
 * success; on a desktop and on a 390×844 phone (no sideways scrolling of the page), in French and
 * English, axe clean. Then the list's filters, the members' list of who has not voted, and the
 * withdraw confirmation closing with Escape and giving the focus back.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createDb, type Db } from "@/lib/db/client";
import { openVoting } from "@/lib/votes/open-voting";
import { castBallot } from "@/lib/votes/cast-ballot";
import { closeProposal } from "@/lib/proposals/close-proposal";
import { expectAccessible } from "./support/axe";
import { signInInNewContext } from "./support/demo-session";
import { urls } from "./support/ports";

const suffix = Date.now().toString(36);
const slug = `resultats-${suffix}`;
const emails = {
  julien: "julien.lefevre@agence-geo.example",
  ines: "ines@cartolibre.example",
  lea: "lea.rousseau@labgeo.example",
  elodie: "elodie@velo-cartes.example",
};
const DAY = 24 * 60 * 60 * 1000;

let db: Db;
const ids: Record<"threshold" | "approval" | "majority" | "consent" | "open" | "draft", string> = {
  threshold: "",
  approval: "",
  majority: "",
  consent: "",
  open: "",
  draft: "",
};

/** One person per college (weights 25 each): Julien (public, administrator), Inès, Léa, Élodie. */
async function seed() {
  const people = await db.user.findMany({
    where: { email: { in: Object.values(emails) } },
    select: { id: true, email: true, actorKind: true },
  });
  const by = (email: string) => people.find((p) => p.email === email)!;
  const [julien, ines, lea, elodie] = [by(emails.julien), by(emails.ines), by(emails.lea), by(emails.elodie)];
  const voters = [julien, ines, lea, elodie];
  const community = await db.community.create({
    data: {
      slug,
      name: `Résultats ${suffix}`,
      summary: "Une communauté créée pour les tests de résultats.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
      createdById: julien.id,
      colleges: { create: (["PUBLIC", "PRIVATE", "RESEARCH", "CIVIL_SOCIETY"] as const).map((kind) => ({ kind, weight: 25 })) },
      memberships: {
        create: voters.map((p, index) => ({
          userId: p.id,
          role: index === 0 ? ("ADMIN" as const) : ("MEMBER" as const),
          status: "ACTIVE" as const,
          college: p.actorKind!,
        })),
      },
    },
    select: { id: true },
  });
  const decide = async (
    key: keyof typeof ids,
    title: string,
    method: "THRESHOLD" | "APPROVAL" | "MAJORITY_JUDGMENT" | "CONSENT",
    options: string[],
    ballots: ((optionIds: string[]) => unknown)[],
    { close = true, threshold = "simple" } = {},
  ) => {
    const proposal = await db.proposal.create({
      data: {
        communityId: community.id,
        authorId: julien.id,
        title,
        body: "",
        method,
        threshold: method === "THRESHOLD" ? threshold : null,
        secret: false,
        quorumPercent: 0,
        options: { create: options.map((label, position) => ({ label, position })) },
      },
      include: { options: { orderBy: { position: "asc" } } },
    });
    ids[key] = proposal.id;
    await openVoting(db, { proposalId: proposal.id, closesAt: new Date(Date.now() + 3 * DAY) });
    const optionIds = proposal.options.map((o) => o.id);
    for (const [index, ballot] of ballots.entries())
      await castBallot(db, { actorId: voters[index]!.id, proposalId: proposal.id, choice: ballot(optionIds) as never });
    if (close) await closeProposal(db, { proposalId: proposal.id });
  };
  await decide(
    "threshold",
    "Adopter la licence ouverte 2.0",
    "THRESHOLD",
    [],
    [() => ({ choice: "for" }), () => ({ choice: "for" }), () => ({ choice: "against" }), () => ({ choice: "abstain" })],
    { threshold: "twoThirds" },
  );
  await decide(
    "approval",
    "Choisir les formats d'export",
    "APPROVAL",
    ["GeoPackage", "Shapefile", "FlatGeobuf"],
    [
      ([a, , c]) => ({ approve: [a, c] }),
      ([a]) => ({ approve: [a] }),
      ([, b]) => ({ approve: [b] }),
      ([a, b]) => ({ approve: [a, b] }),
    ],
  );
  await decide(
    "majority",
    "Choisir le fond de carte",
    "MAJORITY_JUDGMENT",
    ["Plan IGN", "Orthophoto"],
    [
      ([a, b]) => ({ grades: { [a!]: "good", [b!]: "fair" } }),
      ([a, b]) => ({ grades: { [a!]: "veryGood", [b!]: "passable" } }),
      ([a, b]) => ({ grades: { [a!]: "fair", [b!]: "excellent" } }),
      ([a, b]) => ({ grades: { [a!]: "good", [b!]: "insufficient" } }),
    ],
  );
  await decide(
    "consent",
    "Publier les relevés chaque semaine",
    "CONSENT",
    [],
    [
      () => ({ choice: "agree" }),
      () => ({ choice: "object", reason: "Le rythme est soutenu pour les bénévoles." }),
      () => ({ choice: "block", reason: "Les relevés doivent d'abord être anonymisés." }),
      () => ({ choice: "agree" }),
    ],
  );
  // An open public vote where only Julien has voted, and a draft Julien may withdraw.
  await decide("open", "Ouvrir un atelier mensuel", "THRESHOLD", [], [() => ({ choice: "for" })], { close: false });
  const draft = await db.proposal.create({
    data: {
      communityId: community.id,
      authorId: julien.id,
      title: "Brouillon à retirer",
      body: "",
      method: "THRESHOLD",
      threshold: "simple",
    },
  });
  ids.draft = draft.id;
}

test.beforeAll(async () => {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is set by e2e/support/global-setup.ts");
  db = createDb(url, 2);
  // Closing a vote here, as the neutral server would: the transparency log reads the instance's address.
  process.env.DATABASE_URL ??= url;
  process.env.APP_URL ??= urls.neutral;
  process.env.AUTH_SECRET ??= "e2e-results-spec-secret-0123456789abcdef";
  await seed();
});
test.afterAll(async () => {
  await db.$disconnect();
});

const viewports = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;

/** A visitor's page in a language and viewport of its own. */
async function visitor(browser: Browser, locale: "fr" | "en", viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, locale: locale === "fr" ? "fr-FR" : "en-GB" });
  await context.addCookies([{ name: "gc.locale", value: locale, url: urls.neutral }]);
  return context.newPage();
}

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "the page scrolls sideways").toBeLessThanOrEqual(0);
}

const expected = {
  fr: {
    why: "Pourquoi ce résultat",
    threshold: ["Seuil : au moins 66,7 % des suffrages exprimés (deux tiers).", /Part pondérée des voix pour/],
    // French writes a narrow no-break space before "%": \s matches it.
    approval: [/GeoPackage l'emporte : 75\s%\sdes votants l'approuvent/],
    majority: [/Plan IGN l'emporte avec la mention majoritaire « Bien »/],
    consent: [/Un blocage empêche l'adoption/, "Blocage : Les relevés doivent d'abord être anonymisés."],
    record: "Télécharger le procès-verbal signé (JSON)",
    meritCaption: /Profil de mérite : part de chaque mention/,
  },
  en: {
    why: "Why this result",
    threshold: ["Threshold: at least 66.7% of the votes expressed (two thirds).", /Weighted share of votes for/],
    approval: [/GeoPackage wins: 75% of voters approve it/],
    majority: [/Plan IGN wins with the majority grade “Good”/],
    consent: [/A block prevents adoption/, "Block: Les relevés doivent d'abord être anonymisés."],
    record: "Download the signed record (JSON)",
    meritCaption: /Merit profile: share of each grade/,
  },
} as const;

for (const viewport of viewports) {
  for (const locale of ["fr", "en"] as const) {
    test(`each method's results explain themselves (${viewport.name}, ${locale})`, async ({ browser }) => {
      test.setTimeout(120_000);
      const page = await visitor(browser, locale, viewport);
      const words = expected[locale];
      for (const method of ["threshold", "approval", "majority", "consent"] as const) {
        await page.goto(`/proposals/${ids[method]}`);
        const why = page.getByTestId("result-explanation");
        await expect(why.getByRole("heading", { name: words.why })).toBeVisible();
        for (const text of words[method]) await expect(why.getByText(text).first()).toBeVisible();
        if (method === "majority") {
          await expect(page.getByTestId("merit-bar")).toHaveCount(2);
          await expect(page.getByTestId("merit-bar").first()).toHaveAttribute("data-majority-grade", "good");
          await expect(page.getByRole("table", { name: words.meritCaption })).toBeVisible();
        }
        // A rejected proposal is never a green success (header badge and results); an adopted one is.
        const badges = page.locator("[data-outcome]");
        await expect(badges).toHaveCount(2);
        for (const badge of await badges.all()) {
          if ((await badge.getAttribute("data-outcome")) === "ADOPTED") await expect(badge).toHaveClass(/fr-badge--success/);
          else await expect(badge).not.toHaveClass(/success/);
        }
        await expect(page.getByRole("link", { name: words.record })).toHaveAttribute(
          "href",
          `/api/v1/decisions/${ids[method]}/record`,
        );
        await expect(page.getByTestId("verify-commands")).toContainText("openssl pkeyutl -verify");
        await expectNoSidewaysScroll(page);
        await page.screenshot({ path: test.info().outputPath(`${method}-${viewport.name}-${locale}.png`), fullPage: true });
        await expectAccessible(page);
      }
      expect(await page.getByTestId("outcome-badge").getAttribute("data-outcome")).toBe("REJECTED"); // consent, blocked
      await page.context().close();
    });
  }
}

test("the list filters and searches, shows members who has not voted, and a withdrawal is confirmed or escaped", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const julien = await signInInNewContext(browser, "Julien Lefèvre");
  await julien.goto(`/communities/${slug}/proposals`);
  const list = julien.getByTestId("proposal-list");
  // Newest first: the draft (created last) heads the list.
  await expect(list.getByRole("heading", { level: 2 }).first()).toHaveText("Brouillon à retirer");
  const pending = list.getByTestId("pending-electors");
  await expect(pending).toHaveCount(1);
  await pending.locator("summary").click();
  await expect(pending).toContainText("3 électeurs n'ont pas encore voté");
  await expect(pending.getByRole("listitem")).toHaveText(["Élodie Martin", "Inès Haddad", "Léa Rousseau"]);
  await expectAccessible(julien);
  // On a phone: the filters stack, nothing scrolls sideways.
  await julien.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(julien);
  await julien.screenshot({ path: test.info().outputPath("list-phone-fr.png"), fullPage: true });
  await expectAccessible(julien);
  await julien.setViewportSize({ width: 1280, height: 720 });

  await julien.getByRole("searchbox", { name: /^Rechercher/ }).fill("fond de carte");
  await julien.getByRole("button", { name: "Appliquer" }).click();
  await expect(list.getByRole("heading", { level: 2 })).toHaveText(["Choisir le fond de carte"]);
  // A bad value in the URL: the page answers, with the message at its field.
  await julien.goto(`/communities/${slug}/proposals?status=NOPE&kind=CHARTER_AMENDMENT&q=%00`);
  await expect(julien.getByText("Valeur non reconnue. Elle est ignorée.").first()).toBeVisible();
  await expect(julien.getByRole("combobox", { name: "Statut" })).toHaveAccessibleDescription(
    "Valeur non reconnue. Elle est ignorée.",
  );
  await expectAccessible(julien);

  // Withdrawing asks first; Escape closes the confirmation and gives the focus back.
  await julien.goto(`/proposals/${ids.draft}`);
  const withdraw = julien.getByRole("button", { name: "Retirer la proposition" });
  await withdraw.click();
  const confirm = julien.getByTestId("confirm-withdraw");
  await expect(confirm.getByRole("heading", { name: "Retirer cette proposition ?" })).toBeFocused();
  await expectAccessible(julien);
  await julien.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  await expect(withdraw).toBeFocused();
  await expect(julien.getByTestId("status")).toHaveText("Brouillon");
  await withdraw.press("Enter");
  await julien.getByRole("button", { name: "Confirmer le retrait" }).click();
  await expect(julien.getByTestId("status")).toHaveText("Retirée");
  await expect(julien.getByTestId("timeline")).not.toContainText("Clôture");
  await julien.context().close();
});
