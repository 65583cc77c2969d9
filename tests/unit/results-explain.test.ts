/**
 * Results that explain themselves: explainResult reads each method's tally (tallyVote, the function
 * closing uses) into the figures the page states, and the rendered explanation says them in words, in
 * French and English, with the merit profile's chart and its table holding the same data.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { createTranslator } from "@/lib/i18n/core";
import { explainResult, thresholdComparison, type ResultExplanation } from "@/lib/proposals/results";
import { tallyVote } from "@/lib/votes/tally";
import { ResultExplanationView } from "@/features/proposals/components/result-explanation";
import { OutcomeBadge } from "@/features/proposals/components/outcome-badge";

const render = (explanation: ResultExplanation, locale: "fr" | "en" = "en", extra: { weighted?: boolean; live?: boolean } = {}) =>
  renderToStaticMarkup(
    createElement(ResultExplanationView, {
      t: createTranslator(locale),
      locale,
      explanation,
      labelOf: (id: string) => `Option ${id}`,
      collegeLabel: (college: string) => college,
      weighted: extra.weighted ?? false,
      quorumVoid: false,
      live: extra.live ?? false,
    }),
  ).replace(/\u202f|\u00a0/g, " ");

describe("threshold results", () => {
  it("state the counts, the share of votes expressed and the threshold they were compared with", () => {
    const tally = tallyVote({
      options: [],
      threshold: "twoThirds",
      weights: null,
      counted: { method: "THRESHOLD", colleges: { A: { for: 6, against: 4, abstain: 2 } } },
    });
    const e = explainResult({ method: "THRESHOLD", result: tally.result, options: [], voters: 12 });
    expect(e).toMatchObject({ method: "THRESHOLD", threshold: "twoThirds", expressed: 10, forShare: 0.6, adopted: false });
    const html = render(e);
    expect(html).toContain("6 votes for, 4 votes against and 2 abstentions.");
    expect(html).toContain("Share of votes for among the 10 votes expressed: 60%.");
    expect(html).toContain("Threshold: at least 66.7% of the votes expressed (two thirds).");
    expect(html).toContain("60% is below the threshold of 66.7%: the threshold is not met.");
    const fr = render(e, "fr");
    expect(fr).toContain("6 voix pour, 4 voix contre et 2 abstentions.");
    expect(fr).toContain("60 % est en dessous du seuil de 66,7 %");
  });

  it("weighs each college's share and shows the per-college table with the weights applied", () => {
    const tally = tallyVote({
      options: [],
      threshold: "simple",
      weights: { PUBLIC: 75, PRIVATE: 25, RESEARCH: 0 },
      counted: {
        method: "THRESHOLD",
        colleges: {
          PUBLIC: { for: 1, against: 2, abstain: 0 },
          PRIVATE: { for: 5, against: 0, abstain: 1 },
          RESEARCH: { for: 0, against: 3, abstain: 0 },
        },
      },
    });
    const e = explainResult({ method: "THRESHOLD", result: tally.result, options: [], voters: 12 });
    if (e.method !== "THRESHOLD") throw new Error("threshold");
    // 0.75 × 1/3 + 0.25 × 1 = 0.5: exactly half is not "more than half".
    expect(e.forShare).toBeCloseTo(0.5);
    expect(thresholdComparison(e.forShare, "simple")).toBe("equal");
    expect(e.colleges.find((c) => c.college === "RESEARCH")?.weight).toBeNull();
    const html = render(e, "en", { weighted: true });
    expect(html).toContain("Weighted share of votes for (each college&#x27;s share times its weight, added up): 50%.");
    expect(html).toContain("50% is exactly half: that is not “more than half”, the threshold is not met.");
    expect(html).toContain("Votes per college, compared with the threshold of 50%");
    expect(html).toMatch(/<th scope="row">PUBLIC<\/th><td>75%<\/td><td>1<\/td><td>2<\/td><td>0<\/td><td>33.3%<\/td>/);
    expect(html).toContain("not counted (zero weight)");
  });

  it("never reads exactly half as passing a simple majority", () => {
    const tally = tallyVote({
      options: [],
      threshold: "simple",
      weights: null,
      counted: { method: "THRESHOLD", colleges: { A: { for: 2, against: 2, abstain: 0 } } },
    });
    const e = explainResult({ method: "THRESHOLD", result: tally.result, options: [], voters: 4, tie: tally.tie !== null });
    expect(e).toMatchObject({ adopted: false, tie: true });
    expect(render(e)).toContain("A perfect tie: as many votes for as against.");
  });
});

describe("approval results", () => {
  it("give counts and shares per option, and name a tie as a tie", () => {
    const counted = (a: number, b: number, c: number) =>
      ({ method: "APPROVAL", colleges: { ALL: { voters: 4, approvals: { a, b, c } } } }) as const;
    const won = tallyVote({ options: ["a", "b", "c"], weights: null, counted: counted(3, 1, 0) });
    const e = explainResult({ method: "APPROVAL", result: won.result, options: ["a", "b", "c"], voters: 4 });
    expect(e).toMatchObject({ winners: ["a"], tie: false });
    const html = render(e);
    expect(html).toContain("Option a wins: 75% of voters approve it, more than any other option.");
    expect(html).toContain("Approvals per option, out of 4 voters");
    const tied = tallyVote({ options: ["a", "b", "c"], weights: null, counted: counted(2, 2, 1) });
    const t = explainResult({ method: "APPROVAL", result: tied.result, options: ["a", "b", "c"], voters: 4 });
    expect(t).toMatchObject({ winners: ["a", "b"], tie: true });
    expect(render(t, "fr")).toContain("Option a, Option b sont à égalité en tête, avec 50 % des votants chacune.");
  });
});

describe("majority judgment results", () => {
  it("sort the merit profile by the tally's ranking, highlight the majority grade and give the same data as a table", () => {
    // grades: reject, insufficient, passable, fair, good, veryGood, excellent
    const tally = tallyVote({
      options: ["x", "y", "z"],
      weights: null,
      counted: {
        method: "MAJORITY_JUDGMENT",
        colleges: {
          ALL: {
            voters: 4,
            counts: { x: [2, 0, 2, 0, 0, 0, 0], y: [0, 0, 0, 1, 3, 0, 0], z: [0, 0, 1, 3, 0, 0, 0] },
          },
        },
      },
    });
    const e = explainResult({ method: "MAJORITY_JUDGMENT", result: tally.result, options: ["x", "y", "z"], voters: 4 });
    if (e.method !== "MAJORITY_JUDGMENT") throw new Error("mj");
    expect(e.options.map((o) => [o.id, o.rank, o.majorityGrade])).toEqual([
      ["y", 1, 4],
      ["z", 2, 3],
      ["x", 3, 0],
    ]);
    const html = render(e);
    expect(html).toContain("Option y wins with the majority grade “Good”");
    const bars = [...html.matchAll(/role="img" aria-label="([^"]*)"/g)].map((m) => m[1]);
    expect(bars[0]).toMatch(/^Option y, rank 1: majority grade Good\. Reject 0%, .*Fair 25%, Good 75%/);
    expect(bars).toHaveLength(3);
    // The table: same order, majority grade in its own column and emphasised among the shares.
    const rows = [...html.matchAll(/<tr><td>(\d)<\/td><th scope="row">([^<]*)<\/th><td><strong>([^<]*)<\/strong>/g)].map((m) =>
      m.slice(1),
    );
    expect(rows).toEqual([
      ["1", "Option y", "Good"],
      ["2", "Option z", "Fair"],
      ["3", "Option x", "Reject"],
    ]);
    expect(html).toContain("<strong>75% (3)</strong>");
    expect(render(e, "fr")).toContain("Option y l&#x27;emporte avec la mention majoritaire « Bien »");
  });
});

describe("consent results", () => {
  it("list objections and blocks with their reasons, and say that one block is enough", () => {
    const tally = tallyVote({
      options: [],
      weights: null,
      counted: { method: "CONSENT", colleges: { ALL: { agree: 3, object: 1, block: 1 } } },
    });
    const e = explainResult({
      method: "CONSENT",
      result: tally.result,
      options: [],
      voters: 5,
      reasons: [
        { choice: "block", reason: "La licence est incompatible." },
        { choice: "object", reason: null },
      ],
    });
    const html = render(e);
    expect(html).toContain("3 agreements, 1 objection and 1 block.");
    expect(html).toContain("A block prevents adoption: under consent, one is enough.");
    expect(html).toContain("Block: La licence est incompatible.");
    expect(html).toContain("Object: (no reason given)");
    const fr = render(e, "fr");
    expect(fr).toContain("3 accords, 1 objection et 1 blocage.");
    expect(fr).toContain("Blocage : La licence est incompatible.");
  });
});

describe("outcome badge", () => {
  it("is green with a check mark only when adopted", () => {
    const t = createTranslator("en");
    const badge = (outcome: "ADOPTED" | "REJECTED" | "VOID") => renderToStaticMarkup(createElement(OutcomeBadge, { t, outcome }));
    expect(badge("ADOPTED")).toContain("fr-badge--success");
    for (const outcome of ["REJECTED", "VOID"] as const) {
      expect(badge(outcome)).not.toContain("success");
      expect(badge(outcome)).not.toContain("check");
    }
    expect(badge("REJECTED")).toContain("fr-badge--error");
  });
});

describe("a ballot's choice in words", () => {
  it("follows each language's punctuation", async () => {
    const { describeChoice } = await import("@/features/proposals/components/describe-choice");
    const options = [
      { id: "a", label: "Plan IGN" },
      { id: "b", label: "Orthophoto" },
    ];
    const block = { choice: "block", reason: "Données non anonymisées." };
    const graded = { grades: { a: "good", b: "fair" } };
    expect(describeChoice(createTranslator("fr"), block, options)).toBe("Blocage : Données non anonymisées.");
    expect(describeChoice(createTranslator("en"), block, options)).toBe("Block: Données non anonymisées.");
    expect(describeChoice(createTranslator("fr"), graded, options)).toBe("Plan IGN : Bien ; Orthophoto : Assez bien");
    expect(describeChoice(createTranslator("en"), graded, options)).toBe("Plan IGN: Good; Orthophoto: Fair");
    expect(describeChoice(createTranslator("en"), { approve: ["b", "a"] }, options)).toBe("Orthophoto, Plan IGN");
  });
});
