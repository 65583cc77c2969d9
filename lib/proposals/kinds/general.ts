/** A general decision: the common lifecycle and the charter's general rules, nothing more. */
import type { ProposalKind } from "./kind";

export const general: ProposalKind = {
  key: "GENERAL",
  async validateDraft() {},
  async applyOutcome() {},
};
