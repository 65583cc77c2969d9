/**
 * A proposal kind: what a kind of proposal adds to the common lifecycle (draft → discussion → vote →
 * close). The lifecycle (createProposal, closeProposal) looks a kind up in ./registry.ts and never
 * names one, so a new kind (delegation changes, board elections) plugs in here without touching the
 * closing code, and the proposals and votes modules reach charter or commons code only through it.
 */
import type { DbTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProposalKind as ProposalKindKey, ProposalOutcome, VotingMethod } from "@/lib/generated/prisma/enums";
import type { CharterParameters } from "@/lib/charter/parameters";
import type { Actor } from "@/lib/communities/access";
import type { Threshold } from "@/lib/votes/tally/threshold";
import type { CreateProposalValues } from "../schemas";

export type DraftContext = {
  community: { id: string; slug: string };
  /** The parsed draft (the schema already checked its shape, including which parts each kind carries). */
  draft: CreateProposalValues;
  actor: Actor;
};

/** What the kind may change in the draft before it is stored (e.g. the title it takes from its subject). */
export type DraftAdjustments = { title?: string };

/** The closing proposal as locked by closeProposal. */
export type ClosingProposal = {
  id: string;
  communityId: string;
  kind: ProposalKindKey;
  amendment: unknown;
  commonsId: string | null;
};

/** The tally of the closing vote (lib/votes/tally), before the decision row is written. */
export type ClosingDecision = { method: VotingMethod; quorumMet: boolean; result: Record<string, unknown> };

/** Voting rules a kind imposes whatever the proposer chose (then the charter's allowed methods do not apply). */
export type ForcedRules = { threshold: Threshold; quorumPercent: number; collegeQuorumPercent: number };

export type ProposalKind = {
  /** The Prisma enum value. */
  key: ProposalKindKey;
  /**
   * Kind-specific checks of a draft, inside the transaction that stores it (locks taken here hold
   * until the proposal exists). Throws a ValidationError at the field, or an AppError.
   */
  validateDraft(tx: DbTx, context: DraftContext): Promise<DraftAdjustments | void>;
  /**
   * Runs inside the closing transaction, before the decision is stored: what the outcome does
   * (apply an amendment, adopt a commons). May return entries added to the decision's result (the
   * immutable record), e.g. whether an amendment could be applied.
   */
  applyOutcome(
    tx: DbTx,
    context: { proposal: ClosingProposal; decision: ClosingDecision; outcome: ProposalOutcome },
  ): Promise<Record<string, Prisma.InputJsonValue> | void>;
  /** Rules the charter sets for this kind (amendments: their own threshold and quorums). */
  thresholdFor?(charter: CharterParameters): ForcedRules;
};
