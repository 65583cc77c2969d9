import { describe, expect, it } from "vitest";
import { emailSignInSchema } from "@/lib/auth/schemas";
import { profileSchema } from "@/lib/users/schemas";
import { fieldErrorsOf } from "@/lib/core/forms";

const valid = {
  displayName: "Camille Martin",
  actorKind: "PUBLIC",
  organizationName: "Mairie de Paris",
  siret: "217 500 016 00019",
  locale: "fr",
};

describe("profile schema (shared by the form and the server action)", () => {
  it("accepts a complete profile and normalises the SIRET", () => {
    const parsed = profileSchema.parse(valid);
    expect(parsed.siret).toBe("21750001600019");
  });
  it("treats empty optional fields as absent", () => {
    const parsed = profileSchema.parse({ ...valid, organizationName: "", siret: "" });
    expect(parsed.organizationName).toBeUndefined();
    expect(parsed.siret).toBeUndefined();
  });
  it.each([
    [{ siret: "21750001600018" }, "siret", "errors.siret.checksum"],
    [{ siret: "1234" }, "siret", "errors.siret.format"],
    [{ displayName: "x".repeat(81) }, "displayName", "errors.displayName.tooLong"],
    [{ displayName: " a " }, "displayName", "errors.displayName.tooShort"],
    [{ organizationName: "o".repeat(121) }, "organizationName", "errors.organizationName.tooLong"],
    [{ locale: "de" }, "locale", "errors.locale.invalid"],
    [{ actorKind: "ALIEN" }, "actorKind", "errors.actorKind.required"],
    [{ organizationName: "" }, "organizationName", "errors.organizationName.requiredWithSiret"],
  ])("reports %o at the field it concerns", (patch, field, key) => {
    const result = profileSchema.safeParse({ ...valid, ...patch });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrorsOf(result.error)[field]).toBe(key);
  });
});

describe("email sign-in schema", () => {
  it("lower-cases and trims", () => {
    expect(emailSignInSchema.parse({ email: "  Camille@Ville.FR " }).email).toBe("camille@ville.fr");
  });
  it.each(["not-an-email", "a@", "@b.fr", `${"a".repeat(250)}@b.fr`, ""])("rejects %s", (email) => {
    const result = emailSignInSchema.safeParse({ email });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrorsOf(result.error).email).toMatch(/^errors\./);
  });
});
