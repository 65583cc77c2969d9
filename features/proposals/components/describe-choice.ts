/**
 * A ballot's choice in words ("Pour", "Blocage : raison", "A, B" approved, "A : Bien ; B : Passable"),
 * with each language's punctuation ("Block: reason", "A: Good; B: Fair" in English).
 */
import type { Translate } from "@/lib/i18n/core";
import { grades } from "@/lib/votes/tally/majority-judgment";

const answers = ["for", "against", "abstain", "agree", "object", "block"] as const;
type Answer = (typeof answers)[number];
type Grade = (typeof grades)[number];

export function describeChoice(t: Translate, choice: unknown, options: { id: string; label: string }[]): string {
  const value = (choice ?? {}) as { choice?: string; reason?: string; approve?: string[]; grades?: Record<string, string> };
  const label = (id: string) => options.find((o) => o.id === id)?.label ?? id;
  if (typeof value.choice === "string" && (answers as readonly string[]).includes(value.choice)) {
    const answer = t(`votes.choice.${value.choice as Answer}`);
    return value.reason ? t("results.choiceWithReason", { choice: answer, reason: value.reason }) : answer;
  }
  if (Array.isArray(value.approve)) return value.approve.length ? value.approve.map(label).join(", ") : "—";
  if (value.grades && typeof value.grades === "object") {
    return Object.entries(value.grades)
      .map(([id, grade]) =>
        t("results.optionGrade", {
          option: label(id),
          grade: (grades as readonly string[]).includes(grade) ? t(`votes.grade.${grade as Grade}`) : grade,
        }),
      )
      .join(t("results.gradeSeparator"));
  }
  return "—";
}
