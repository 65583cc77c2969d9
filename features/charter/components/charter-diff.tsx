/** What a version changed from the one before: articles added, changed (before / after), repealed; parameters old → new. */
import type { CharterDiff } from "@/lib/charter/content";
import type { Translate } from "@/lib/i18n/core";
import { describeParameterValue, ruleHeading } from "@/lib/charter/describe";
import { renderMarkdown } from "@/lib/core/markdown";
import { PrincipleBadge } from "@/features/charter/components/charter-rules";

const markdown = (text: string) => ({ __html: renderMarkdown(text) });

export function CharterDiffView({ t, diff }: { t: Translate; diff: CharterDiff }) {
  if (diff.rules.length === 0 && diff.parameters.length === 0) return <p>{t("charter.diff.none")}</p>;
  return (
    <div data-testid="charter-diff">
      {diff.rules.length > 0 && (
        <ul className="fr-raw-list">
          {diff.rules.map((change) => (
            <li key={change.number} className="fr-mb-3w">
              <h3 className="fr-h6 fr-mb-1w">{t(`charter.diff.${change.kind}`, { number: change.number })}</h3>
              {change.kind === "changed" ? (
                <div className="fr-grid-row fr-grid-row--gutters">
                  <div className="fr-col-12 fr-col-md-6">
                    <p className="fr-text--bold fr-mb-1v">{t("charter.diff.before")}</p>
                    <p className="fr-mb-1v">{ruleHeading(t, change.before)}</p>
                    <PrincipleBadge t={t} principle={change.before.principle} />
                    <del className="gc-markdown" dangerouslySetInnerHTML={markdown(change.before.text)} />
                  </div>
                  <div className="fr-col-12 fr-col-md-6">
                    <p className="fr-text--bold fr-mb-1v">{t("charter.diff.after")}</p>
                    <p className="fr-mb-1v">{ruleHeading(t, change.after)}</p>
                    <PrincipleBadge t={t} principle={change.after.principle} />
                    <ins className="gc-markdown" dangerouslySetInnerHTML={markdown(change.after.text)} />
                  </div>
                </div>
              ) : change.kind === "added" ? (
                <>
                  <p className="fr-mb-1v">{ruleHeading(t, change.after)}</p>
                  <ins className="gc-markdown" dangerouslySetInnerHTML={markdown(change.after.text)} />
                </>
              ) : (
                <>
                  <p className="fr-mb-1v">{ruleHeading(t, change.before)}</p>
                  <del className="gc-markdown" dangerouslySetInnerHTML={markdown(change.before.text)} />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {diff.parameters.length > 0 && (
        <>
          <h3 className="fr-h6">{t("charter.diff.parameters")}</h3>
          <ul>
            {diff.parameters.map((parameter) => (
              <li key={parameter.key}>
                {t("charter.diff.parameter", {
                  label: t(`charter.parameterNames.${parameter.key}`),
                  before: describeParameterValue(t, parameter.key, parameter.before),
                  after: describeParameterValue(t, parameter.key, parameter.after),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
