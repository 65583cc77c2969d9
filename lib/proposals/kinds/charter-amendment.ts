/**
 * A charter amendment: the exact changes (lib/charter/amendments.ts), checked against the charter
 * as it stands when drafted; adopted → charter version N+1 in the closing transaction. Voted for /
 * against at the charter's amendment threshold and quorums, whatever the proposer chose.
 */
import { isAppError } from "@/lib/core/errors";
import { invalidField } from "@/lib/core/validation";
import { applyAmendment, validateAmendment } from "@/lib/charter/apply-amendment";
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
  },

  // The new version comes with the decision, or not at all. Changes that no longer apply (a rule
  // repealed meanwhile) leave the decision recorded as adopted but not applied, with the reason.
  async applyOutcome(tx, { proposal, outcome }) {
    if (outcome !== "ADOPTED") return;
    try {
      const { version } = await applyAmendment(tx, {
        communityId: proposal.communityId,
        proposalId: proposal.id,
        changes: proposal.amendment,
        actorId: null,
      });
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
