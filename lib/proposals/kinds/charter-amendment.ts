/**
 * A charter amendment: the exact changes (lib/charter/amendments.ts), checked against the charter
 * as it stands when drafted; adopted → charter version N+1 in the closing transaction. Voted for /
 * against at the charter's amendment threshold and quorums, whatever the proposer chose. College
 * weighting and weights are charter parameters: an adopted amendment that sets them writes them to
 * the colleges in the same closing transaction as the new version (lib/communities/colleges.ts).
 */
import { isAppError } from "@/lib/core/errors";
import { invalidField } from "@/lib/core/validation";
import { applyAmendment, validateAmendment } from "@/lib/charter/apply-amendment";
import { amendmentSchema } from "@/lib/charter/amendments";
import { applyCharterColleges, charterWeightIssues } from "@/lib/communities/colleges";
import type { DbTx } from "@/lib/db/client";
import type { ActorKind } from "@/lib/generated/prisma/enums";
import type { ProposalKind } from "./kind";

export const charterAmendment: ProposalKind = {
  key: "CHARTER_AMENDMENT",

  async validateDraft(tx, { community, draft }) {
    // The changes must apply to the charter as it stands (rules that exist, valid parameters).
    try {
      await validateAmendment(tx, community.id, draft.amendment);
    } catch (error) {
      if (isAppError(error) && error.status === 400) throw invalidField("amendment", error.messageKey, error.values);
      throw error;
    }
    const colleges = collegeChanges(draft.amendment);
    const issue = colleges.weights && (await charterWeightIssues(tx, community.id, colleges.weights));
    if (issue) throw invalidField("amendment", issue.messageKey, issue.values);
  },

  // The new version comes with the decision, or not at all. Changes that no longer apply (a rule
  // repealed meanwhile) leave the decision recorded as adopted but not applied, with the reason.
  async applyOutcome(tx, { proposal, outcome }) {
    if (outcome !== "ADOPTED") return;
    const colleges = collegeChanges(proposal.amendment);
    // Checked before anything is written: bounds changed since the draft leave the charter as it was.
    if (colleges.weights && (await charterWeightIssues(tx, proposal.communityId, colleges.weights)))
      return { amendment: { applied: false, code: "college_weights_invalid" } };
    try {
      const { version } = await applyAmendment(tx, {
        communityId: proposal.communityId,
        proposalId: proposal.id,
        changes: proposal.amendment,
        actorId: null,
      });
      if (colleges.touched) await applyColleges(tx, proposal, colleges);
      return { amendment: { applied: true, version } };
    } catch (error) {
      if (!isAppError(error)) throw error;
      return { amendment: { applied: false, code: error.code } };
    }
  },

  thresholdFor: (charter) => ({
    threshold: charter.amendmentThreshold,
    quorumPercent: charter.amendmentQuorumPercent,
    collegeQuorumPercent: charter.amendmentCollegeQuorumPercent,
  }),
};

type CollegeChanges = { touched: boolean; weightingEnabled?: boolean; weights?: Record<ActorKind, number> };

/** The last value an amendment sets for weighting and weights (what the new version will hold). */
function collegeChanges(amendment: unknown): CollegeChanges {
  const parsed = amendmentSchema.safeParse(amendment);
  const result: CollegeChanges = { touched: false };
  for (const change of parsed.success ? parsed.data : []) {
    if (change.op !== "setParameter") continue;
    if (change.key === "weightingEnabled" && typeof change.value === "boolean") {
      result.touched = true;
      result.weightingEnabled = change.value;
    }
    if (change.key === "collegeWeights" && change.value && typeof change.value === "object") {
      result.touched = true;
      result.weights = change.value as Record<ActorKind, number>;
    }
  }
  return result;
}

async function applyColleges(tx: DbTx, proposal: { id: string; communityId: string }, colleges: CollegeChanges) {
  await applyCharterColleges(tx, {
    communityId: proposal.communityId,
    proposalId: proposal.id,
    weightingEnabled: colleges.weightingEnabled,
    weights: colleges.weights,
  });
}
