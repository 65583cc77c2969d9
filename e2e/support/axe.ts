import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** axe on the current page: no serious or critical violation (WCAG 2.1 A and AA rules). */
export async function expectAccessible(page: Page) {
  // After a client-side navigation Next.js sets the new <title> a moment later: wait for it.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
  expect(blocking, `accessibility violations on ${page.url()}`).toEqual([]);
}
