"use client";
/**
 * An amendment without JSON: add, change or repeal an article (its current text beside the new
 * one), set a parameter picked from the charter's list (current value, unit, allowed range and what
 * it does). The changes are the amendment's exact list (lib/charter/amendments.ts), checked by the
 * server against the charter as it stands.
 */
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@/components/forms/select";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { CharterChange } from "@/lib/charter/amendments";
import type { ParameterField } from "@/lib/charter/parameter-fields";
import { useT } from "@/components/i18n/i18n-provider";

export type EditorArticle = { number: number; title: string; text: string; principle: number };
export type EditorParameter = ParameterField & {
  label: string;
  current: unknown;
  currentText: string;
  choiceLabels: Record<string, string>;
};

const principles = [1, 2, 3, 4, 5, 6, 7, 8] as const;

export function AmendmentEditor({
  articles,
  parameters,
  changes,
  onChange,
  error,
}: {
  articles: EditorArticle[];
  parameters: EditorParameter[];
  changes: CharterChange[];
  onChange: (changes: CharterChange[]) => void;
  error?: string;
}) {
  const t = useT();
  const update = (index: number, change: CharterChange) => onChange(changes.map((c, i) => (i === index ? change : c)));
  const remove = (index: number) => onChange(changes.filter((_, i) => i !== index));
  const first = articles[0];
  const firstParameter = parameters[0];
  const articleOf = (number: number) => articles.find((a) => a.number === number);
  const parameterOf = (key: string) => parameters.find((p) => p.key === key);

  return (
    <fieldset className="fr-fieldset" aria-describedby="amendment-hint" data-testid="amendment-editor">
      <legend className="fr-fieldset__legend">{t("votes.amendmentEditor.legend")}</legend>
      <p id="amendment-hint" className="fr-hint-text fr-fieldset__element">
        {t("votes.amendmentEditor.hint")}
      </p>
      {changes.map((change, index) => {
        const n = index + 1;
        return (
          <div
            key={index}
            className="fr-fieldset__element fr-p-2w fr-mb-2w gc-amendment-change"
            role="group"
            aria-labelledby={`change-${index}`}
          >
            <h3 id={`change-${index}`} className="fr-h6">
              {t(`votes.amendmentEditor.op.${change.op}`)} ({n})
            </h3>
            {(change.op === "change" || change.op === "repeal") && (
              <>
                <Select
                  label={t("votes.amendmentEditor.article", { number: n })}
                  nativeSelectProps={{
                    value: String(change.number),
                    onChange: (event) => {
                      const article = articleOf(Number(event.target.value));
                      if (!article) return;
                      update(
                        index,
                        change.op === "change"
                          ? {
                              op: "change",
                              number: article.number,
                              rule: { title: article.title, text: article.text, principle: article.principle },
                            }
                          : { op: "repeal", number: article.number },
                      );
                    },
                  }}
                >
                  {articles.map((article) => (
                    <option key={article.number} value={article.number}>
                      {t("votes.amendmentEditor.articleOption", { number: article.number, title: article.title })}
                    </option>
                  ))}
                </Select>
                <div className="fr-grid-row fr-grid-row--gutters">
                  <div className={change.op === "change" ? "fr-col-12 fr-col-md-6" : "fr-col-12"}>
                    <p className="fr-text--bold fr-mb-1v">{t("votes.amendmentEditor.currentText")}</p>
                    <blockquote className="fr-text--sm" style={{ whiteSpace: "pre-wrap" }}>
                      {articleOf(change.number)?.text}
                    </blockquote>
                  </div>
                  {change.op === "change" && (
                    <div className="fr-col-12 fr-col-md-6">
                      <RuleFields index={index} rule={change.rule} onRule={(rule) => update(index, { ...change, rule })} />
                    </div>
                  )}
                </div>
              </>
            )}
            {change.op === "add" && (
              <RuleFields index={index} rule={change.rule} onRule={(rule) => update(index, { ...change, rule })} />
            )}
            {change.op === "setParameter" && (
              <ParameterFields
                index={index}
                parameter={parameterOf(change.key)}
                parameters={parameters}
                value={change.value}
                onChange={(key, value) => update(index, { op: "setParameter", key, value })}
              />
            )}
            <Button type="button" priority="tertiary" size="small" onClick={() => remove(index)}>
              {t("votes.amendmentEditor.remove", { number: n })}
            </Button>
          </div>
        );
      })}
      {error && (
        <p className="fr-error-text fr-fieldset__element" role="alert">
          {error}
        </p>
      )}
      <div className="fr-fieldset__element gc-inline-actions">
        <Button
          type="button"
          priority="secondary"
          size="small"
          onClick={() => onChange([...changes, { op: "add", rule: { title: "", text: "", principle: 1 } }])}
        >
          {t("votes.amendmentEditor.addArticle")}
        </Button>
        {first && (
          <>
            <Button
              type="button"
              priority="secondary"
              size="small"
              onClick={() =>
                onChange([
                  ...changes,
                  {
                    op: "change",
                    number: first.number,
                    rule: { title: first.title, text: first.text, principle: first.principle },
                  },
                ])
              }
            >
              {t("votes.amendmentEditor.changeArticle")}
            </Button>
            <Button
              type="button"
              priority="secondary"
              size="small"
              onClick={() => onChange([...changes, { op: "repeal", number: first.number }])}
            >
              {t("votes.amendmentEditor.repealArticle")}
            </Button>
          </>
        )}
        {firstParameter && (
          <Button
            type="button"
            priority="secondary"
            size="small"
            onClick={() => onChange([...changes, { op: "setParameter", key: firstParameter.key, value: firstParameter.current }])}
          >
            {t("votes.amendmentEditor.setParameter")}
          </Button>
        )}
      </div>
    </fieldset>
  );
}

type Rule = { title: string; text: string; principle: number };

function RuleFields({ index, rule, onRule }: { index: number; rule: Rule; onRule: (rule: Rule) => void }) {
  const t = useT();
  const n = index + 1;
  return (
    <>
      <Input
        label={t("votes.amendmentEditor.newTitle", { number: n })}
        nativeInputProps={{
          value: rule.title,
          onChange: (event) => onRule({ ...rule, title: event.target.value }),
          autoComplete: "off",
        }}
      />
      <Input
        textArea
        label={t("votes.amendmentEditor.newText", { number: n })}
        nativeTextAreaProps={{ value: rule.text, rows: 5, onChange: (event) => onRule({ ...rule, text: event.target.value }) }}
      />
      <Select
        label={t("votes.amendmentEditor.principle", { number: n })}
        nativeSelectProps={{
          value: String(rule.principle),
          onChange: (event) => onRule({ ...rule, principle: Number(event.target.value) }),
        }}
      >
        {principles.map((p) => (
          <option key={p} value={p}>
            {t("votes.amendmentEditor.principleOption", { number: p, name: t(`charter.principles.p${p}`) })}
          </option>
        ))}
      </Select>
    </>
  );
}

function ParameterFields({
  index,
  parameter,
  parameters,
  value,
  onChange,
}: {
  index: number;
  parameter: EditorParameter | undefined;
  parameters: EditorParameter[];
  value: unknown;
  onChange: (key: EditorParameter["key"], value: unknown) => void;
}) {
  const t = useT();
  const n = index + 1;
  const helpId = `parameter-help-${index}`;
  return (
    <>
      <Select
        label={t("votes.amendmentEditor.parameter", { number: n })}
        nativeSelectProps={{
          value: parameter?.key ?? "",
          onChange: (event) => {
            const next = parameters.find((p) => p.key === event.target.value);
            if (next) onChange(next.key, next.current);
          },
        }}
      >
        {parameters.map((p) => (
          <option key={p.key} value={p.key}>
            {p.label}
          </option>
        ))}
      </Select>
      {parameter && (
        <>
          <div id={helpId} className="fr-text--sm">
            <p className="fr-mb-1v">{t(`votes.amendmentEditor.help.${parameter.key}`)}</p>
            <p className="fr-mb-1v">{t("votes.amendmentEditor.current", { value: parameter.currentText })}</p>
            {parameter.kind === "number" && (
              <p className="fr-mb-1v">
                {t("votes.amendmentEditor.range", { min: parameter.min, max: parameter.max, unit: parameter.unit ?? "none" })}
              </p>
            )}
          </div>
          {parameter.kind === "number" && (
            <Input
              label={t("votes.amendmentEditor.newValue", { number: n })}
              nativeInputProps={{
                type: "number",
                min: parameter.min,
                max: parameter.max,
                value: typeof value === "number" && Number.isFinite(value) ? value : "",
                onChange: (event) => onChange(parameter.key, event.target.valueAsNumber),
                "aria-describedby": helpId,
              }}
            />
          )}
          {parameter.kind === "boolean" && (
            <Select
              label={t("votes.amendmentEditor.newValue", { number: n })}
              nativeSelectProps={{
                value: value ? "true" : "false",
                onChange: (event) => onChange(parameter.key, event.target.value === "true"),
                "aria-describedby": helpId,
              }}
            >
              <option value="true">{t("charter.values.yes")}</option>
              <option value="false">{t("charter.values.no")}</option>
            </Select>
          )}
          {parameter.kind === "choice" && (
            <Select
              label={t("votes.amendmentEditor.newValue", { number: n })}
              nativeSelectProps={{
                value: String(value),
                onChange: (event) => onChange(parameter.key, event.target.value),
                "aria-describedby": helpId,
              }}
            >
              {parameter.choices.map((choice) => (
                <option key={choice} value={choice}>
                  {parameter.choiceLabels[choice]}
                </option>
              ))}
            </Select>
          )}
          {parameter.kind === "choices" && (
            <fieldset className="fr-fieldset" aria-describedby={helpId}>
              <legend className="fr-fieldset__legend--regular">{t("votes.amendmentEditor.newValue", { number: n })}</legend>
              {parameter.choices.map((choice) => {
                const selected = Array.isArray(value) ? (value as string[]) : [];
                return (
                  <div key={choice} className="fr-fieldset__element fr-checkbox-group">
                    <input
                      type="checkbox"
                      id={`parameter-${index}-${choice}`}
                      checked={selected.includes(choice)}
                      onChange={(event) =>
                        onChange(
                          parameter.key,
                          event.target.checked ? [...selected, choice] : selected.filter((c) => c !== choice),
                        )
                      }
                    />
                    <label className="fr-label" htmlFor={`parameter-${index}-${choice}`}>
                      {parameter.choiceLabels[choice]}
                    </label>
                  </div>
                );
              })}
            </fieldset>
          )}
        </>
      )}
    </>
  );
}
