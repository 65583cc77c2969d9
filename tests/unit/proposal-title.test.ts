/**
 * A proposal's title is data; the sentence that presents it comes from the catalogue of the reader's
 * language, by kind (issue 11 §4: no user-visible sentence built in lib/).
 */
import { describe, expect, it } from "vitest";
import { createTranslator } from "@/lib/i18n/core";
import { proposalTitle } from "@/lib/proposals/title";
import { notificationSentence } from "@/lib/notifications/describe";

describe("proposal titles by kind", () => {
  it("presents an adoption proposal's stored commons title in each language, and other kinds' titles as written", () => {
    const fr = createTranslator("fr");
    const en = createTranslator("en");
    expect(proposalTitle(fr, { kind: "COMMONS_ADOPTION", title: "Panoramax" })).toBe("Adoption du commun Panoramax");
    expect(proposalTitle(en, { kind: "COMMONS_ADOPTION", title: "Panoramax" })).toBe("Adoption of the commons Panoramax");
    expect(proposalTitle(fr, { kind: "GENERAL", title: "Adopter l'ODbL" })).toBe("Adopter l'ODbL");
    expect(proposalTitle(fr, { kind: "CHARTER_AMENDMENT", title: "Délai des corrections" })).toBe("Délai des corrections");
    // Unknown or missing kinds read as a general proposal, never as a message key.
    expect(proposalTitle(fr, { kind: "constructor", title: "Titre" })).toBe("Titre");
    expect(proposalTitle(fr, { kind: null, title: "Titre" })).toBe("Titre");
  });

  it("renders notifications and emails with the kind's sentence, and older notifications as stored", () => {
    const data = { title: "Panoramax", path: "/proposals/p1", communityName: "Géocommuns" };
    expect(notificationSentence("fr", "proposal.votingOpened", { ...data, proposalKind: "COMMONS_ADOPTION" })).toBe(
      "Le vote est ouvert : « Adoption du commun Panoramax » (Géocommuns)",
    );
    expect(notificationSentence("en", "proposal.votingOpened", { ...data, proposalKind: "COMMONS_ADOPTION" })).toContain(
      "Adoption of the commons Panoramax",
    );
    expect(notificationSentence("fr", "proposal.votingOpened", data)).toBe("Le vote est ouvert : « Panoramax » (Géocommuns)");
    expect(notificationSentence("fr", "proposal.votingOpened", { ...data, proposalKind: "NOT_A_KIND" })).toContain(
      "« Panoramax »",
    );
  });
});
