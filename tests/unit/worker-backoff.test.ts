import { describe, expect, it } from "vitest";
import { backoffSeconds } from "@/lib/mail/worker";

describe("outbox backoff", () => {
  it("doubles per attempt within ±20% jitter and caps at one hour", () => {
    expect(backoffSeconds(1, () => 0.5)).toBe(10);
    expect(backoffSeconds(2, () => 0.5)).toBe(20);
    expect(backoffSeconds(5, () => 0.5)).toBe(160);
    expect(backoffSeconds(30, () => 0.5)).toBe(3600);
    expect(backoffSeconds(3, () => 0)).toBe(32);
    expect(backoffSeconds(3, () => 1)).toBe(48);
  });
});
