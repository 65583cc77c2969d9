/** The parameters the platform enforces, each in words (label, then value). */
import type { CharterParameters } from "@/lib/charter/parameters";
import type { Translate } from "@/lib/i18n/core";
import { describeParameters } from "@/lib/charter/describe";

export function CharterParametersList({ t, parameters }: { t: Translate; parameters: CharterParameters }) {
  return (
    <dl className="gc-parameters" data-testid="charter-parameters">
      {describeParameters(t, parameters).map((parameter) => (
        <div key={parameter.key} className="fr-mb-2w">
          <dt className="fr-text--bold">{parameter.label}</dt>
          <dd className="fr-ml-0">{parameter.value}</dd>
        </div>
      ))}
    </dl>
  );
}
