/** A version's articles, each with the Ostrom principle it serves; texts are Markdown rendered safely. */
import type { CharterRule } from "@/lib/charter/amendments";
import type { Translate } from "@/lib/i18n/core";
import { principleName, ruleHeading } from "@/lib/charter/describe";
import { renderMarkdown } from "@/lib/core/markdown";

export function PrincipleBadge({ t, principle }: { t: Translate; principle: number }) {
  return (
    <p className="fr-badge fr-badge--sm fr-badge--blue-cumulus fr-mb-1w">
      {t("charter.principle", { number: principle, name: principleName(t, principle) })}
    </p>
  );
}

export function CharterRules({ t, rules }: { t: Translate; rules: CharterRule[] }) {
  return (
    <ol className="fr-raw-list" data-testid="charter-rules">
      {rules.map((rule) => (
        <li key={rule.number} className="fr-mb-4w">
          <article aria-labelledby={`rule-${rule.number}`}>
            <h3 id={`rule-${rule.number}`} className="fr-h5 fr-mb-1w">
              {ruleHeading(t, rule)}
            </h3>
            <PrincipleBadge t={t} principle={rule.principle} />
            <div className="gc-markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(rule.text) }} />
          </article>
        </li>
      ))}
    </ol>
  );
}
