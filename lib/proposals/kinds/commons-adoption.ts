/**
 * Adopting a commons by vote (charter parameter `commonsAdoptionByVote`): the draft names a commons
 * up for adoption with no other vote under way (checked with its row locked); the close adopts or
 * rejects it (void: it stays proposed). The proposal's title is the commons' title, data rather than
 * a sentence: pages and emails render it through the catalogue (`votes.kindTitle.COMMONS_ADOPTION`).
 */
import { invalidField } from "@/lib/core/validation";
import { decideAdoptionByVote, lockAdoptionTarget } from "@/lib/commons/adoption-vote";
import type { ProposalKind } from "./kind";

export const commonsAdoption: ProposalKind = {
  key: "COMMONS_ADOPTION",

  async validateDraft(tx, { community, draft }) {
    // Without its commons an adoption vote would adopt nothing: the form asks which one.
    if (!draft.commonsId) throw invalidField("commonsId", "votes.errors.adoptionCommonsRequired");
    const { title } = await lockAdoptionTarget(tx, { communityId: community.id, commonsId: draft.commonsId });
    return { title };
  },

  async applyOutcome(tx, { proposal, outcome }) {
    await decideAdoptionByVote(tx, {
      proposalId: proposal.id,
      communityId: proposal.communityId,
      commonsId: proposal.commonsId,
      outcome,
    });
  },
};
