/**
 * The registry of proposal kinds (lib/proposals/kinds): every kind of the Prisma enum is registered
 * under its own key, and only kinds that impose their voting rules (amendments) override the
 * proposer's choices.
 */
import { describe, expect, it } from "vitest";
import { ProposalKind } from "@/lib/generated/prisma/enums";
import { defaultCharterParameters } from "@/lib/charter/parameters";
import { proposalKind } from "@/lib/proposals/kinds/registry";

describe("proposal kinds", () => {
  it("registers every kind of the enum under its own key, and refuses an unknown one", () => {
    for (const key of Object.values(ProposalKind)) expect(proposalKind(key).key).toBe(key);
    expect(() => proposalKind("BOARD_ELECTION" as ProposalKind)).toThrow(/Unknown proposal kind/);
  });

  it("lets only charter amendments impose the charter's amendment threshold and quorums", () => {
    const charter = { ...defaultCharterParameters, amendmentThreshold: "threeQuarters" as const, amendmentQuorumPercent: 40 };
    expect(proposalKind("CHARTER_AMENDMENT").thresholdFor?.(charter)).toEqual({
      threshold: "threeQuarters",
      quorumPercent: 40,
      collegeQuorumPercent: charter.amendmentCollegeQuorumPercent,
    });
    expect(proposalKind("GENERAL").thresholdFor).toBeUndefined();
    expect(proposalKind("COMMONS_ADOPTION").thresholdFor).toBeUndefined();
  });
});
