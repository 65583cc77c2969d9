/** Organisation inputs: domains as typed, addresses' domains, and who may not be a domain. */
import { describe, expect, it } from "vitest";
import { addDomainSchema, domainOf, publicMailDomains } from "@/lib/organizations/schemas";

describe("an organisation's email domain", () => {
  it("is lower-cased without a leading @", () => {
    expect(addDomainSchema.parse({ organizationId: "o", domain: " @IGN.fr " }).domain).toBe("ign.fr");
    expect(addDomainSchema.parse({ organizationId: "o", domain: "mairie.sous-domaine.gouv.fr" }).domain).toBe(
      "mairie.sous-domaine.gouv.fr",
    );
  });
  it("refuses what is not a domain name", () => {
    for (const domain of ["", "ign", "ign.", ".fr", "a..fr", "-ign.fr", "ign.fr/x", "agent@ign.fr", "ign.f"]) {
      expect(addDomainSchema.safeParse({ organizationId: "o", domain }).success, domain).toBe(false);
    }
  });
  it("is read from an address, whatever its case", () => {
    expect(domainOf("Agent.Martin@IGN.fr")).toBe("ign.fr");
  });
  it("is never a mailbox provider open to anyone", () => {
    expect(publicMailDomains.has("gmail.com")).toBe(true);
    expect(publicMailDomains.has("orange.fr")).toBe(true);
    expect(publicMailDomains.has("ign.fr")).toBe(false);
  });
});
