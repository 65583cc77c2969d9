/**
 * What a live notification's payload names (lib/live/hub.ts topicsOf): the proposal, the people or
 * the community's queue it is about, by id, and nothing from a payload of any other shape — every
 * app instance parses what any writer on the channel sends.
 */
import { describe, expect, it } from "vitest";
import { topicsOf } from "@/lib/live/hub";

describe("topicsOf", () => {
  it("reads the three kinds of topic", () => {
    expect(topicsOf(JSON.stringify({ proposal: "p1" }))).toEqual([{ kind: "proposal", id: "p1" }]);
    expect(topicsOf(JSON.stringify({ queue: "c1" }))).toEqual([{ kind: "queue", id: "c1" }]);
    expect(topicsOf(JSON.stringify({ users: ["u1", "u2"] }))).toEqual([
      { kind: "user", id: "u1" },
      { kind: "user", id: "u2" },
    ]);
  });

  it("ignores anything else: malformed JSON, other shapes, ids that are not strings", () => {
    for (const payload of ["", "not json", "null", "42", '"p1"', "[]", '{"proposal": 1}', '{"users": "u1"}', '{"other": "x"}']) {
      expect(topicsOf(payload), payload).toEqual([]);
    }
    expect(topicsOf(JSON.stringify({ users: ["u1", 2, null, { id: "u3" }] }))).toEqual([{ kind: "user", id: "u1" }]);
  });
});
