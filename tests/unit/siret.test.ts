import { describe, expect, it } from "vitest";
import { isValidSiret, luhn } from "@/lib/users/siret";

describe("SIRET", () => {
  it("accepts real SIRETs with a valid Luhn key", () => {
    expect(isValidSiret("21750001600019")).toBe(true); // Ville de Paris
    expect(isValidSiret("73282932000074")).toBe(true);
  });
  it("rejects a wrong check digit", () => {
    expect(isValidSiret("21750001600018")).toBe(false);
  });
  it("rejects anything that is not exactly 14 digits", () => {
    for (const value of ["2175000160001", "217500016000190", "2175000160001A", "", "21750 001600019"]) {
      expect(isValidSiret(value)).toBe(false);
    }
  });
  it("applies La Poste's exception (digit sum multiple of 5)", () => {
    expect(isValidSiret("35600000000051")).toBe(true);
    expect(luhn("35600000000051")).toBe(false);
    expect(isValidSiret("35600000000052")).toBe(false);
  });
});
