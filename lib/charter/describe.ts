/**
 * Parameters in words, for the charter page, its Markdown export and the diff between versions.
 * One function per value so "old → new" reads like the sentence it comes from.
 */
import type { Translate } from "@/lib/i18n/core";
import type { CharterRule } from "./amendments";
import { charterParametersSchema, type CharterParameters } from "./parameters";

export const parameterKeys = Object.keys(charterParametersSchema.shape) as (keyof CharterParameters)[];

const days = (t: Translate, count: number) => t("charter.values.days", { count });
const percent = (t: Translate, count: number) =>
  count === 0 ? t("charter.values.none") : t("charter.values.percentOfMembers", { count });

export function describeLadder(t: Translate, ladder: CharterParameters["sanctionsLadder"]): string {
  if (ladder.length === 0) return t("charter.values.noSanctions");
  return ladder
    .map((step) =>
      t("charter.values.forgottenAfter", {
        sanction: t(`charter.sanctions.${step.sanction}`, { days: step.days ?? 0 }),
        count: step.expiresAfterDays,
      }),
    )
    .join(t("charter.values.then"));
}

/** One parameter's value in words; `value` is unknown because diffs and amendments carry raw JSON. */
export function describeParameterValue<K extends keyof CharterParameters>(t: Translate, key: K, value: unknown): string {
  const parsed = charterParametersSchema.shape[key].safeParse(value);
  if (!parsed.success) return JSON.stringify(value) ?? "—";
  const v = parsed.data as CharterParameters[keyof CharterParameters];
  switch (key) {
    case "defaultVotingDays":
    case "minVotingDays":
      return days(t, v as number);
    case "quorumPercent":
    case "amendmentQuorumPercent":
    case "amendmentCollegeQuorumPercent":
      return percent(t, v as number);
    case "generalThreshold":
    case "amendmentThreshold":
      return t(`charter.thresholds.${v as CharterParameters["generalThreshold"]}`);
    case "allowedMethods":
      return (v as CharterParameters["allowedMethods"]).map((method) => t(`charter.methods.${method}`)).join(", ");
    case "proposeAfterDays":
      return v === 0 ? t("charter.values.anyMember") : t("charter.values.membersAfter", { count: v as number });
    case "secretBallotByDefault":
    case "commonsAdoptionByVote":
      return v ? t("charter.values.yes") : t("charter.values.no");
    case "sanctionsLadder":
      return describeLadder(t, v as CharterParameters["sanctionsLadder"]);
    case "autoHideAfterReports":
      return v === 0 ? t("charter.values.never") : t("charter.values.afterReports", { count: v as number });
    case "minDiscussionDays":
      return v === 0 ? t("charter.values.noDiscussion") : days(t, v as number);
    case "secretBallotMinCollegeSize":
      return t("charter.values.secretMinCollegeSize", { count: v as number });
    case "earlyClose":
      return t(`charter.earlyCloseRules.${v as CharterParameters["earlyClose"]}`);
    case "tieRule":
      return t(`charter.tieRules.${v as CharterParameters["tieRule"]}`);
    case "weightingEnabled":
      return v === undefined ? t("charter.values.asConfigured") : v ? t("charter.values.yes") : t("charter.values.no");
    case "collegeWeights":
      return v === undefined
        ? t("charter.values.asConfigured")
        : Object.entries(v as NonNullable<CharterParameters["collegeWeights"]>)
            .map(([college, weight]) =>
              t("charter.values.collegeWeight", {
                college: t(`actorKind.${college as keyof NonNullable<CharterParameters["collegeWeights"]>}`),
                weight,
              }),
            )
            .join(", ");
    case "eligibilityMinContributionDays":
      return v === 0 ? t("connectors.eligibility.off") : t("connectors.eligibility.minDays", { count: v as number });
    case "eligibilityWindowDays":
    case "captureWindowDays":
      return days(t, v as number);
    case "eligibilityColleges":
      return (v as CharterParameters["eligibilityColleges"]).length === 0
        ? t("connectors.eligibility.allColleges")
        : (v as CharterParameters["eligibilityColleges"]).map((college) => t(`actorKind.${college}`)).join(", ");
    case "captureMaxOrganizationSharePercent":
      return v === 0 ? t("connectors.capture.off") : t("connectors.capture.maxShareValue", { count: v as number });
    case "captureMinContributorAbsenceFactor":
      return v === 0 ? t("connectors.capture.off") : t("connectors.capture.minAbsenceValue", { count: v as number });
    case "witnessesRequired":
      return v === 0 ? t("translog.finality.noWitness") : t("translog.finality.witnesses", { count: v as number });
    default:
      return String(v);
  }
}

export function describeParameters(t: Translate, parameters: CharterParameters) {
  // Colleges of a charter founded before they were parameters: nothing to say (the colleges page shows them).
  return parameterKeys
    .filter((key) => parameters[key] !== undefined)
    .map((key) => ({
      key,
      label: t(`charter.parameterNames.${key}`),
      value: describeParameterValue(t, key, parameters[key]),
    }));
}

export const principleName = (t: Translate, principle: number) =>
  t(`charter.principles.p${principle as 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8}`);

export const ruleHeading = (t: Translate, rule: Pick<CharterRule, "number" | "title">) =>
  t("charter.article", { number: rule.number, title: rule.title });
