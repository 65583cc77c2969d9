/**
 * The signed decision record and the published key, as zod schemas: the API's response schemas
 * (lib/api/v1/routes/decisions.ts, which strip anything undeclared, so every signed field must be
 * declared here) and the types of lib/decisions.
 */
import { z } from "zod";

export const DECISION_RECORD_TYPE = "geocommuns.decision";
export const DECISION_RECORD_VERSION = 1;

export const ed25519JwkSchema = z
  .object({ kty: z.literal("OKP"), crv: z.literal("Ed25519"), x: z.string().describe("The raw public key, base64url") })
  .describe("RFC 8037 public JWK");

const keyIdSchema = z.string().describe("RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key");

const instant = z.string().describe("ISO 8601, UTC");

export const decisionRecordSchema = z.object({
  version: z.literal(DECISION_RECORD_VERSION),
  type: z.literal(DECISION_RECORD_TYPE),
  community: z.object({ slug: z.string(), name: z.string() }),
  proposal: z.object({
    id: z.string(),
    title: z.string(),
    kind: z.string(),
    method: z.string(),
    secret: z.boolean(),
    weighted: z.boolean(),
    collegeWeights: z.record(z.string(), z.unknown()),
    eligibilityRule: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        "The eligibility rule that built the electorate besides membership (`contributionDays`: at least `minDays` days with a validated contribution in the `windowDays` days before voting opened, for `colleges` or all); absent: membership alone",
      ),
    votingOpensAt: instant.nullable(),
    votingClosesAt: instant.nullable(),
    closedAt: instant.nullable(),
  }),
  options: z.array(z.object({ id: z.string(), label: z.string() })).describe("In ballot order"),
  decision: z.object({
    electorateSize: z.int(),
    turnout: z.int(),
    outcome: z.enum(["ADOPTED", "REJECTED", "VOID"]),
    result: z
      .record(z.string(), z.unknown())
      .describe(
        "Counts overall and per college, combination rule, quorum; for a secret weighted vote, `secrecy`: the minimum of ballots for a college's own figures, the colleges merged into the group MERGED and the weights the tally used; after a tie, `tie`: the charter's rule applied (`reject` or `secondRound`), the tied options and, for a second round, the id of the proposal drafted (or null with the reason)",
      ),
    digest: z.string().describe("SHA-256 (hex) of JSON.stringify(ballots) as published"),
    ballots: z
      // The choice as cast (the API's BallotChoice schema: {choice}, {choice, reason}, {approve}, {grades}).
      .array(z.tuple([z.string(), z.unknown().meta({ $ref: "#/components/schemas/BallotChoice" })]))
      .describe("[receipt, choice] pairs sorted by receipt; never names, even for open ballots"),
  }),
  numbers: z
    .literal("fixed6")
    .optional()
    .describe(
      "How figures are written: counts are integers; every other number (shares, weighted counts, weights) is a fixed decimal rounded half away from zero to 6 places, never a binary floating-point artefact. The outcome is decided on integers, not on these figures",
    ),
  issuedAt: instant,
  publicKey: z.object({ alg: z.literal("Ed25519"), kid: keyIdSchema, jwk: ed25519JwkSchema }),
});

export type DecisionRecord = z.infer<typeof decisionRecordSchema>;

export const decisionDocumentSchema = z.object({
  record: decisionRecordSchema,
  signature: z.string().describe("Ed25519 signature of the record's canonical JSON (RFC 8785), base64url"),
  kid: keyIdSchema,
});

export type DecisionDocument = z.infer<typeof decisionDocumentSchema>;

export const publishedKeySchema = z.object({
  alg: z.literal("Ed25519"),
  kid: keyIdSchema,
  jwk: ed25519JwkSchema.extend({ kid: keyIdSchema, alg: z.literal("EdDSA"), use: z.literal("sig") }),
  pem: z.string().describe("The same key as SPKI PEM (openssl pkeyutl -verify -pubin -inkey)"),
});

export type PublishedKey = z.infer<typeof publishedKeySchema>;
