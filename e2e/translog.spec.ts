/**
 * The verifiable history end to end (issue 17), on the demo: the /verifier page explains it and is
 * axe-clean, the API serves the signed checkpoint as text, a decided proposal's page says whether its
 * decision is final, and the standalone verifier run against the real server finds the history intact.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { urls } from "./support/ports";

test("the verifier page, the checkpoint, a decision's finality and the verifier against the server", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/verifier");
  await expect(page.getByRole("heading", { level: 1, name: "Vérifier l'historique des décisions" })).toBeVisible();
  await expect(page.getByText(`npm run verify -- ${urls.neutral} --community <slug>`)).toBeVisible();
  await expect(page.getByText(/^geocommuns-log\/[0-9a-f]{16}\+[0-9a-f]{8}\+/)).toBeVisible();
  await expectAccessible(page);

  const checkpoint = await page.request.get("/api/v1/log/checkpoint");
  expect(checkpoint.status()).toBe(200);
  expect(checkpoint.headers()["content-type"]).toBe("text/plain; charset=utf-8");
  expect(await checkpoint.text()).toMatch(/^geocommuns-log\/[0-9a-f]{16}\n\d+\n[A-Za-z0-9+/]{43}=\n\n\u2014 /);

  const { entries } = (await (await page.request.get("/api/v1/log/entries")).json()) as {
    entries: { kind: string; data: string }[];
  };
  const closed = entries.find((entry) => entry.kind === "proposal.closed");
  expect(closed).toBeDefined();
  const { proposalId } = (JSON.parse(closed!.data) as { payload: { proposalId: string } }).payload;
  await page.goto(`/proposals/${proposalId}`);
  await expect(page.getByTestId("decision-finality")).toContainText("Définitive");

  const { stdout } = await promisify(execFile)(
    "npx",
    [
      "tsx",
      "scripts/verify.ts",
      urls.neutral,
      "--community",
      "adresses-finistere",
      "--state",
      path.join(mkdtempSync(path.join(tmpdir(), "gc-e2e-")), "s.json"),
    ],
    { cwd: process.cwd() },
  );
  expect(stdout).toContain("VERDICT: the history checks out.");
});
