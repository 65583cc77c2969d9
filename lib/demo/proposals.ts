/**
 * Demo proposals in several states, made through the real use cases and so under each community's
 * charter like anyone's (its quorum, thresholds and durations as floors, the discussion before the
 * vote; electorate frozen, ballots with receipts, decision with digest): a closed, weighted-college
 * vote; an adopted charter amendment (charter version 2); an open majority-judgment vote; a consent
 * proposal in discussion; a draft. Past dates are passed as `now` to the same use cases. The votes
 * are public ballots: the demo colleges are too small for a secret weighted vote.
 */
import type { Db } from "@/lib/db/client";
import { castBallot } from "@/lib/votes/cast-ballot";
import type { Grade } from "@/lib/votes/tally/majority-judgment";
import { closeProposal } from "@/lib/proposals/close-proposal";
import { createProposal } from "@/lib/proposals/create-proposal";
import { openVotingNow, startDiscussion } from "@/lib/proposals/lifecycle";
import type { CharterChange } from "@/lib/charter/amendments";

const DAY = 24 * 3600 * 1000;

async function idsBySlug(db: Db) {
  const communities = await db.community.findMany({ select: { id: true, slug: true } });
  return Object.fromEntries(communities.map((c) => [c.slug, c.id]));
}

async function members(db: Db, communityId: string) {
  return db.membership.findMany({
    where: { communityId, status: "ACTIVE" },
    orderBy: { joinedAt: "asc" },
    select: { userId: true, college: true, role: true },
  });
}

export async function seedDemoProposals(db: Db, now = new Date()): Promise<void> {
  const community = await idsBySlug(db);

  // 1. Adresses du Finistère: a weighted, closed vote on the licence of the address bases.
  const bal = community["adresses-finistere"];
  if (bal) {
    const people = await members(db, bal);
    const author = people.find((m) => m.role === "ADMIN") ?? people[0]!;
    const actor = { id: author.userId, onboarded: true, isPlatformAdmin: false };
    const licence = await createProposal(db, {
      actor,
      slug: "adresses-finistere",
      input: {
        kind: "GENERAL",
        title: "Publier toutes les Bases Adresses Locales sous Licence Ouverte 2.0",
        body: "Les communes du département publient aujourd'hui sous des licences différentes. Nous proposons d'harmoniser sur la **Licence Ouverte 2.0** (`etalab-2.0`), compatible avec la Base Adresse Nationale.",
        method: "THRESHOLD",
        threshold: "simple",
        // Above the charter's 20 %: a proposer may ask for more, never less.
        quorumPercent: 30,
        secret: false,
        discussionDays: 2,
        votingDays: 7,
      },
      now: new Date(now.getTime() - 12 * DAY),
    });
    await startDiscussion(db, { actor, proposalId: licence.id, now: new Date(now.getTime() - 11 * DAY) });
    await openVotingNow(db, { actor, proposalId: licence.id, now: new Date(now.getTime() - 9 * DAY) });
    const choices = ["for", "for", "against", "for", "abstain", "for", "against"] as const;
    for (const [i, member] of people.entries()) {
      await castBallot(db, {
        actorId: member.userId,
        proposalId: licence.id,
        choice: { choice: choices[i % choices.length]! },
        now: new Date(now.getTime() - (8 - i * 0.5) * DAY),
      });
    }
    await closeProposal(db, { proposalId: licence.id, now: new Date(now.getTime() - 2 * DAY) });

    // 1b. An amendment adopted earlier, through the charter's own rules (two-thirds, quorum 30 %):
    // closing it applies its changes, so the charter's version 2 names this proposal.
    const amendment: CharterChange[] = [
      {
        op: "add",
        rule: {
          title: "Délai de traitement des corrections",
          text: "Les corrections signalées par les habitants sont traitées sous 30 jours ; passé ce délai, le signalement est inscrit à l'ordre du jour de la communauté.",
          principle: 4,
        },
      },
      { op: "setParameter", key: "minVotingDays", value: 5 },
    ];
    const { id: amendmentId } = await createProposal(db, {
      actor,
      slug: "adresses-finistere",
      input: {
        kind: "CHARTER_AMENDMENT",
        title: "Inscrire le délai de traitement des corrections dans la charte",
        body: "Les habitants signalent des adresses erronées sans savoir quand elles seront corrigées. Nous proposons d'inscrire un **délai de 30 jours** dans la charte, et de porter la durée minimale des votes à 5 jours pour laisser aux communes le temps de se prononcer.",
        method: "THRESHOLD",
        votingDays: 7,
        secret: false,
        amendment,
      },
      now: new Date(now.getTime() - 16 * DAY),
    });
    await openVotingNow(db, { actor, proposalId: amendmentId, now: new Date(now.getTime() - 15 * DAY) });
    // Every college takes part; one public member votes against, far from blocking two thirds.
    const against = people.find((m) => m.college === "PUBLIC" && m.role === "MEMBER")?.userId;
    for (const [i, member] of people.entries()) {
      await castBallot(db, {
        actorId: member.userId,
        proposalId: amendmentId,
        choice: { choice: member.userId === against ? "against" : "for" },
        now: new Date(now.getTime() - (14 - i * 0.5) * DAY),
      });
    }
    await closeProposal(db, { proposalId: amendmentId, now: new Date(now.getTime() - 8 * DAY) });
  }

  // 2. Imagerie de rue libre: an open majority-judgment vote on the blurring policy.
  const imagery = community["imagerie-de-rue"];
  if (imagery) {
    const people = await members(db, imagery);
    const author = people.find((m) => m.role === "ADMIN") ?? people[0]!;
    const actor = { id: author.userId, onboarded: true, isPlatformAdmin: false };
    const blurring = await createProposal(db, {
      actor,
      slug: "imagerie-de-rue",
      input: {
        kind: "GENERAL",
        title: "Quelle politique de floutage pour les photos de rue ?",
        body: "Les visages et les plaques d'immatriculation sont floutés automatiquement. Jugez chaque option proposée.",
        method: "MAJORITY_JUDGMENT",
        secret: false,
        liveResults: true,
        votingDays: 7,
        options: [
          { label: "Floutage automatique seul" },
          { label: "Floutage automatique puis vérification par la communauté" },
          { label: "Floutage sur demande uniquement" },
        ],
      },
      now: new Date(now.getTime() - 3 * DAY),
    });
    await openVotingNow(db, { actor, proposalId: blurring.id, now: new Date(now.getTime() - 2 * DAY) });
    const options = await db.proposalOption.findMany({
      where: { proposalId: blurring.id },
      orderBy: { position: "asc" },
      select: { id: true },
    });
    const [auto, reviewed, onDemand] = options.map((o) => o.id) as [string, string, string];
    const grids: Record<string, Grade>[] = [
      { [auto]: "fair", [reviewed]: "excellent", [onDemand]: "insufficient" },
      { [auto]: "good", [reviewed]: "veryGood", [onDemand]: "reject" },
      { [auto]: "passable", [reviewed]: "good", [onDemand]: "passable" },
    ];
    for (const [i, member] of people.slice(0, 5).entries()) {
      await castBallot(db, {
        actorId: member.userId,
        proposalId: blurring.id,
        choice: { grades: grids[i % grids.length]! },
        now: new Date(now.getTime() - DAY),
      });
    }
  }

  // 3. Registre des bâtiments: a consent proposal under discussion, and a draft.
  const rnb = community["registre-batiments"];
  if (rnb) {
    const people = await members(db, rnb);
    const author = people.find((m) => m.role === "ADMIN") ?? people[0]!;
    const actor = { id: author.userId, onboarded: true, isPlatformAdmin: false };
    const consent = await createProposal(db, {
      actor,
      slug: "registre-batiments",
      input: {
        kind: "GENERAL",
        title: "Ouvrir l'API de correction aux contributeurs bénévoles",
        body: "Toute personne inscrite pourrait proposer une correction d'identifiant ; un partenaire public la valide.",
        method: "CONSENT",
        discussionDays: 5,
      },
      now: new Date(now.getTime() - DAY),
    });
    await startDiscussion(db, { actor, proposalId: consent.id, now: new Date(now.getTime() - DAY) });
    const drafter = people[1] ?? author;
    await createProposal(db, {
      actor: { id: drafter.userId, onboarded: true, isPlatformAdmin: false },
      slug: "registre-batiments",
      input: {
        kind: "GENERAL",
        title: "Publier un export mensuel au format GeoPackage",
        body: "Brouillon : à compléter avec les besoins des collectivités.",
        method: "THRESHOLD",
      },
      now,
    });
  }
}
