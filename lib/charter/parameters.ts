/**
 * The charter parameters the platform enforces for a community. Every charter version stores the
 * complete set; a community without a charter yet uses the defaults. Other modules ask
 * getCharterParameters() and never read charter JSON themselves.
 */
import { z } from "zod";
import type { DbTx } from "@/lib/db/client";
import { actorKinds } from "@/lib/users/schemas";

export const votingMethods = ["THRESHOLD", "CONSENT", "APPROVAL", "MAJORITY_JUDGMENT"] as const;
export const thresholdNames = ["simple", "twoThirds", "threeQuarters"] as const;
/** Who may close a vote before its date: nobody, an administrator once every elector has voted, or an administrator with a stated reason. */
export const earlyCloseRules = ["never", "allVoted", "administrators"] as const;
export type EarlyCloseRule = (typeof earlyCloseRules)[number];
/** What a tied vote means: rejected, or rejected and put to a second round among the tied options. */
export const tieRules = ["reject", "secondRound"] as const;
export type TieRule = (typeof tieRules)[number];

export const sanctionStepSchema = z.object({
  sanction: z.enum(["WARNING", "SUSPENSION", "BAN"]),
  /** Suspension length in days (SUSPENSION only). */
  days: z.number().int().min(1).max(365).optional(),
  /** An offence stops counting towards the ladder after this many days. */
  expiresAfterDays: z.number().int().min(1).max(3650),
});

export const charterParametersSchema = z.object({
  defaultVotingDays: z.number().int().min(1).max(90),
  minVotingDays: z.number().int().min(1).max(90),
  /** Share of the electorate that must take part (percent). */
  quorumPercent: z.number().int().min(0).max(100),
  generalThreshold: z.enum(thresholdNames),
  amendmentThreshold: z.enum(thresholdNames),
  amendmentQuorumPercent: z.number().int().min(0).max(100),
  /** Quorum required in every college with members, for amendments (0 = none). */
  amendmentCollegeQuorumPercent: z.number().int().min(0).max(100),
  allowedMethods: z.array(z.enum(votingMethods)).min(1),
  /** 0: any active member may propose; N: only members of at least N days. */
  proposeAfterDays: z.number().int().min(0).max(365),
  secretBallotByDefault: z.boolean(),
  sanctionsLadder: z.array(sanctionStepSchema).max(10),
  /** Reports after which content is hidden until a moderator decides (0 = never automatically). */
  autoHideAfterReports: z.number().int().min(0).max(100),
  /** Whether adopting a commons takes a vote of the members (else administrators adopt). */
  commonsAdoptionByVote: z.boolean().default(false),
  /** Days a proposal is discussed before its vote may open; no proposer can plan or open it sooner. */
  minDiscussionDays: z.number().int().min(0).max(60).default(0),
  /** When a vote may close before its date (see earlyCloseRules). */
  earlyClose: z.enum(earlyCloseRules).default("allVoted"),
  /**
   * Secret weighted votes: the fewest electors a weighted college needs for the vote to open, and the
   * fewest ballots a college needs for its own figures to be published (lib/votes/secret-ballot.ts).
   */
  secretBallotMinCollegeSize: z.number().int().min(1).max(50).default(3),
  /**
   * What a tie means (see tieRules): nothing is adopted either way; with `secondRound` the close also
   * drafts a new proposal among the tied options (lib/proposals/close-proposal.ts). Shown on the ballot.
   */
  tieRule: z.enum(tieRules).default("reject"),
  /**
   * Whether college weights apply, and the weights (percent per kind of actor). Written into version 1
   * from the community's colleges when founded; afterwards they change only with an adopted amendment,
   * applied to the colleges in the closing transaction. Absent from charters founded before they were
   * parameters: the colleges as they stand are then in force.
   */
  weightingEnabled: z.boolean().optional(),
  /**
   * Voting rights earned by contributing (issue 16): besides membership, an elector needs at least
   * this many days with a validated contribution (to any commons of the community) in the last
   * `eligibilityWindowDays` days; 0 turns the rule off. `eligibilityColleges` limits it to some
   * colleges (empty: all). Applied when voting opens and frozen with the electorate (lib/votes/eligibility.ts).
   */
  eligibilityMinContributionDays: z.number().int().min(0).max(366).default(0),
  eligibilityWindowDays: z.number().int().min(1).max(3650).default(365),
  eligibilityColleges: z.array(z.enum(actorKinds)).max(actorKinds.length).default([]),
  /**
   * Capture alerts (issue 16, lib/commons/capture.ts), over the last `captureWindowDays` days of
   * validated contributions: the largest share one organisation may carry (percent; 0: no alert) and
   * the fewest people who must carry half of the work (contributor absence factor; 0: no alert).
   */
  captureWindowDays: z.number().int().min(7).max(3650).default(365),
  captureMaxOrganizationSharePercent: z.number().int().min(0).max(100).default(50),
  captureMinContributorAbsenceFactor: z.number().int().min(0).max(100).default(0),
  /**
   * Witness cosignatures (c2sp.org/tlog-witness, lib/translog) a decision needs before it is shown as
   * final: its close must be in a checkpoint co-signed by this many of the log's witnesses (0: final
   * at once). Recorded in the decision's log entry at the close.
   */
  witnessesRequired: z.number().int().min(0).max(10).default(0),
  collegeWeights: z
    .object(
      Object.fromEntries(actorKinds.map((kind) => [kind, z.number().int().min(0).max(100)])) as Record<
        (typeof actorKinds)[number],
        z.ZodNumber
      >,
    )
    .optional(),
});
export type CharterParameters = z.infer<typeof charterParametersSchema>;

export const defaultCharterParameters: CharterParameters = {
  defaultVotingDays: 7,
  minVotingDays: 3,
  quorumPercent: 20,
  generalThreshold: "simple",
  amendmentThreshold: "twoThirds",
  amendmentQuorumPercent: 30,
  amendmentCollegeQuorumPercent: 0,
  allowedMethods: ["THRESHOLD", "CONSENT", "APPROVAL", "MAJORITY_JUDGMENT"],
  proposeAfterDays: 0,
  secretBallotByDefault: true,
  sanctionsLadder: [
    { sanction: "WARNING", expiresAfterDays: 180 },
    { sanction: "SUSPENSION", days: 7, expiresAfterDays: 365 },
    { sanction: "BAN", expiresAfterDays: 3650 },
  ],
  autoHideAfterReports: 3,
  commonsAdoptionByVote: false,
  minDiscussionDays: 0,
  earlyClose: "allVoted",
  secretBallotMinCollegeSize: 3,
  tieRule: "reject",
  eligibilityMinContributionDays: 0,
  eligibilityWindowDays: 365,
  eligibilityColleges: [],
  captureWindowDays: 365,
  captureMaxOrganizationSharePercent: 50,
  captureMinContributorAbsenceFactor: 0,
  witnessesRequired: 0,
};

/** The parameters in force for a community: its charter's current version, else the defaults. */
export async function getCharterParameters(db: DbTx, communityId: string): Promise<CharterParameters> {
  const charter = await db.charter.findUnique({ where: { communityId }, select: { currentVersion: true, id: true } });
  if (!charter || charter.currentVersion === 0) return defaultCharterParameters;
  const version = await db.charterVersion.findUnique({
    where: { charterId_number: { charterId: charter.id, number: charter.currentVersion } },
    select: { parameters: true },
  });
  const parsed = charterParametersSchema.safeParse(version?.parameters);
  return parsed.success ? parsed.data : defaultCharterParameters;
}
