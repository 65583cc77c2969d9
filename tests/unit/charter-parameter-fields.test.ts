import { describe, expect, it } from "vitest";
import { parameterFields } from "@/lib/charter/parameter-fields";

describe("charter parameters offered to an amendment", () => {
  it("reads ranges and choices from the charter's schema, leaving structured ones out", () => {
    const fields = Object.fromEntries(parameterFields().map((f) => [f.key, f]));
    expect(fields.minVotingDays).toEqual({ key: "minVotingDays", kind: "number", min: 1, max: 90, unit: "days" });
    expect(fields.quorumPercent).toMatchObject({ kind: "number", min: 0, max: 100, unit: "percent" });
    expect(fields.secretBallotByDefault).toEqual({ key: "secretBallotByDefault", kind: "boolean" });
    expect(fields.generalThreshold).toMatchObject({ kind: "choice", choices: ["simple", "twoThirds", "threeQuarters"] });
    expect(fields.allowedMethods).toMatchObject({ kind: "choices" });
    expect(fields.sanctionsLadder).toBeUndefined();
    expect(fields.collegeWeights).toBeUndefined();
  });
});
