/**
 * An organisation's page: name, kind, SIRET, verified email domains, its members (verified and
 * declared, shown as such; people who asked not to be listed by name and erased accounts are
 * counted, not named), the commons it stewards and its members' contributions, both through the
 * policy's scopes (only what the viewer may read). Contributions count only verified members': a
 * declared link puts no organisation's name on anyone's work.
 */
import type { Db } from "@/lib/db/client";
import type { ActorKind, CommonsStatus, ContributionState, OrganizationVerification } from "@/lib/generated/prisma/enums";
import { assertCan, canAdministerOrganization } from "@/lib/policy/can";
import { commonsScope, contributionScope } from "@/lib/policy/scopes";
import { loadOrganization, type Actor } from "./access";

export type OrganizationMember = {
  id: string;
  displayName: string;
  verifiedBy: OrganizationVerification | null;
  admin: boolean;
};

export type OrganizationPage = {
  id: string;
  name: string;
  kind: ActorKind;
  siret: string | null;
  domains: string[];
  members: OrganizationMember[];
  /** Members who are not listed by name (opted out), verified or not. */
  unlistedMembers: { verified: number; declared: number };
  commons: { id: string; title: string; slug: string; status: CommonsStatus; community: { slug: string; name: string } }[];
  contributions: {
    id: string;
    description: string;
    date: Date;
    state: ContributionState;
    commons: { slug: string; title: string; community: { slug: string } };
  }[];
  /** What the viewer may do here. */
  viewer: { administers: boolean; mayApprove: boolean };
};

const CONTRIBUTIONS_SHOWN = 50;

export async function getOrganizationPage(
  db: Db,
  { actor, organizationId }: { actor: Actor | null; organizationId: string },
): Promise<OrganizationPage> {
  const { organization, subject, administers } = await loadOrganization(db, { organizationId, actor });
  assertCan(subject, "organization.read");
  const viewer = actor ? { id: actor.id, isPlatformAdmin: actor.isPlatformAdmin, suspendedUntil: actor.suspendedUntil } : null;
  const [domains, people, commons, contributions] = await Promise.all([
    db.organizationDomain.findMany({ where: { organizationId }, orderBy: { domain: "asc" }, select: { domain: true } }),
    db.user.findMany({
      where: { organizationId, erasedAt: null },
      orderBy: [{ organizationAdmin: "desc" }, { displayName: "asc" }, { id: "asc" }],
      select: {
        id: true,
        displayName: true,
        name: true,
        listedByName: true,
        organizationVerifiedAt: true,
        organizationVerifiedBy: true,
        organizationAdmin: true,
      },
    }),
    db.commons.findMany({
      where: { AND: [{ stewards: { some: { organizationId } } }, commonsScope.where(viewer)] },
      orderBy: { title: "asc" },
      select: { id: true, title: true, slug: true, status: true, community: { select: { slug: true, name: true } } },
    }),
    db.contribution.findMany({
      where: {
        AND: [{ author: { organizationId, organizationVerifiedAt: { not: null } } }, contributionScope.where(viewer)],
      },
      orderBy: [{ date: "desc" }, { id: "desc" }],
      take: CONTRIBUTIONS_SHOWN,
      select: {
        id: true,
        description: true,
        date: true,
        state: true,
        commons: { select: { slug: true, title: true, community: { select: { slug: true } } } },
      },
    }),
  ]);
  const listed = people.filter((p) => p.listedByName || p.id === actor?.id);
  const unlisted = people.filter((p) => !listed.includes(p));
  return {
    ...organization,
    domains: domains.map((d) => d.domain),
    members: listed.map((p) => ({
      id: p.id,
      displayName: p.displayName ?? p.name ?? "—",
      verifiedBy: p.organizationVerifiedAt ? p.organizationVerifiedBy : null,
      admin: p.organizationAdmin,
    })),
    unlistedMembers: {
      verified: unlisted.filter((p) => p.organizationVerifiedAt).length,
      declared: unlisted.filter((p) => !p.organizationVerifiedAt).length,
    },
    commons,
    contributions,
    viewer: {
      administers: canAdministerOrganization(subject, "organization.administer", { administers }),
      mayApprove: canAdministerOrganization(subject, "organization.approveMember", { administers }),
    },
  };
}
