/**
 * A charter version as a document someone outside the platform can keep and cite: Markdown for
 * people, JSON for programs. Pure: the route handler loads and checks, these only format.
 */
import { createTranslator, formatDate, type Locale } from "@/lib/i18n/core";
import type { CharterChange, CharterRule } from "./amendments";
import type { CharterParameters } from "./parameters";
import { describeParameters, principleName, ruleHeading } from "./describe";

export type ExportableCharter = {
  community: { slug: string; name: string };
  number: number;
  createdAt: Date;
  rules: CharterRule[];
  parameters: CharterParameters;
  changes: CharterChange[];
  proposal: { id: string; title: string } | null;
};

export function charterToMarkdown(charter: ExportableCharter, locale: Locale): string {
  const t = createTranslator(locale);
  const lines = [
    `# ${t("charter.markdown.title", { community: charter.community.name })}`,
    "",
    t("charter.markdown.version", { number: charter.number, date: formatDate(locale, charter.createdAt) }),
    "",
    charter.proposal ? t("charter.markdown.adoptedBy", { title: charter.proposal.title }) : t("charter.markdown.founding"),
    "",
    `## ${t("charter.markdown.rules")}`,
    "",
  ];
  for (const rule of charter.rules) {
    lines.push(
      `### ${ruleHeading(t, rule)} (${t("charter.principleShort", { number: rule.principle })})`,
      "",
      `*${principleName(t, rule.principle)}*`,
      "",
      rule.text.trim(),
      "",
    );
  }
  lines.push(`## ${t("charter.markdown.parameters")}`, "");
  for (const parameter of describeParameters(t, charter.parameters)) {
    lines.push(`- **${parameter.label}**${locale === "fr" ? " : " : ": "}${parameter.value}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Stable, documented shape: what a program needs to cite or verify a version. */
export function charterToJson(charter: ExportableCharter) {
  return {
    community: charter.community,
    version: charter.number,
    createdAt: charter.createdAt.toISOString(),
    proposal: charter.proposal,
    rules: charter.rules,
    parameters: charter.parameters,
    changes: charter.changes,
  };
}

export function charterFileName(charter: Pick<ExportableCharter, "community" | "number">, extension: "md" | "json") {
  return `charte-${charter.community.slug}-v${charter.number}.${extension}`;
}
