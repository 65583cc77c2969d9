/**
 * Seeds the demo on an empty database. Idempotent: it does nothing once any community exists, so a
 * second start keeps whatever people did in the demo.
 */
import type { Db } from "@/lib/db/client";
import type { ActorKind } from "@/lib/generated/prisma/enums";
import { demoCommunities, demoOrganizations, demoPeople } from "./data";
import { seedDemoProposals } from "./proposals";
import { seedDemoCommons } from "./commons-data";
import { seedCharter } from "@/lib/demo/seed-charter";

export async function seedDemo(db: Db): Promise<{ seeded: boolean }> {
  const result = await seedPeopleAndCommunities(db);
  // Votes go through their own use cases (each its own transaction), after the base data exists.
  if (result.seeded) await seedDemoProposals(db);
  if (result.seeded) await seedDemoCommons(db);
  return result;
}

async function seedPeopleAndCommunities(db: Db): Promise<{ seeded: boolean }> {
  return db.$transaction(async (tx) => {
    // Serialise concurrent starts (two instances booting at once) on one advisory lock.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('geocommuns:seed-demo'))`;
    if ((await tx.community.count()) > 0) return { seeded: false };

    const organizationIds = new Map<string, string>();
    for (const organization of demoOrganizations) {
      const created = await tx.organization.create({
        data: { name: organization.name, kind: organization.kind, siret: organization.siret ?? null },
        select: { id: true },
      });
      organizationIds.set(organization.key, created.id);
    }

    const people = new Map<string, { id: string; actorKind: (typeof demoPeople)[number]["actorKind"] }>();
    // Demo people's organisations are verified (a declared link counts for nothing): the first of each
    // administers it, as if verified through ProConnect where the organisation has a SIRET; the others
    // were approved by that administrator.
    const administered = new Set<string>();
    const withSiret = new Set(demoOrganizations.filter((o) => o.siret).map((o) => o.key));
    for (const person of demoPeople) {
      const first = person.organization !== undefined && !administered.has(person.organization);
      if (person.organization) administered.add(person.organization);
      const verification = person.organization
        ? {
            organizationVerifiedAt: new Date(),
            organizationVerifiedBy:
              first && withSiret.has(person.organization) ? ("PROCONNECT" as const) : ("ADMIN_APPROVAL" as const),
            organizationAdmin: first,
          }
        : {};
      const created = await tx.user.create({
        data: {
          email: person.email,
          emailVerified: new Date(),
          name: person.displayName,
          displayName: person.displayName,
          actorKind: person.actorKind,
          organizationId: person.organization ? organizationIds.get(person.organization) : null,
          ...verification,
          locale: person.locale,
          onboardedAt: new Date(),
          isDemo: true,
          isPlatformAdmin: person.isPlatformAdmin ?? false,
        },
        select: { id: true },
      });
      people.set(person.key, { id: created.id, actorKind: person.actorKind });
    }

    let joined = 0;
    for (const community of demoCommunities) {
      const created = await tx.community.create({
        data: {
          slug: community.slug,
          name: community.name,
          summary: community.summary,
          description: community.description,
          visibility: community.visibility,
          joinPolicy: community.joinPolicy,
          colleges: { create: Object.entries(community.weights).map(([kind, weight]) => ({ kind: kind as ActorKind, weight })) },
        },
        select: { id: true },
      });
      for (const member of community.members) {
        const person = people.get(member.person);
        if (!person) throw new Error(`demo: unknown person ${member.person}`);
        // Members joined months before the seeded votes, in the listed order (charters that keep
        // proposals to members of some standing apply to the demo's authors too).
        joined += 1;
        await tx.membership.create({
          data: {
            communityId: created.id,
            userId: person.id,
            role: member.role,
            status: "ACTIVE",
            college: person.actorKind,
            joinedAt: new Date(Date.now() - 120 * 24 * 3600 * 1000 + joined * 1000),
          },
        });
      }
      for (const request of community.pending ?? []) {
        const person = people.get(request.person);
        if (!person) throw new Error(`demo: unknown person ${request.person}`);
        await tx.membership.create({
          data: {
            communityId: created.id,
            userId: person.id,
            status: "PENDING",
            college: person.actorKind,
            requestMessage: request.message,
          },
        });
      }
      const founder = community.members.find((m) => m.role === "ADMIN");
      const founderId = founder ? people.get(founder.person)?.id : undefined;
      if (founderId) await seedCharter(tx, { communityId: created.id, founderId, slug: community.slug });
      await tx.auditEntry.create({
        data: {
          communityId: created.id,
          actorId: founder ? people.get(founder.person)?.id : null,
          action: "community.created",
          details: { slug: community.slug, source: "demo" },
        },
      });
      await tx.community.update({
        where: { id: created.id },
        data: { createdById: founder ? people.get(founder.person)?.id : null },
      });
    }
    return { seeded: true };
  });
}
