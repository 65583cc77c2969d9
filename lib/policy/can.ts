/**
 * The one registry of "may this person do this here, now?". Every server action, route handler and
 * page control asks it (through assertCan or can). Each action lists the roles that hold it and,
 * where it matters, a gate on the object's state (join policy, visibility…). The matrix test in
 * tests/unit/policy.test.ts walks every action against every role.
 */
import type { JoinPolicy, MemberRole, Visibility } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/core/errors";
import { communityRoles, roleOf, suspendedEverywhere, type CommunityRole, type Subject } from "./roles";

export type CommunityState = {
  visibility: Visibility;
  joinPolicy: JoinPolicy;
  /** The charter's current version (0: not founded yet); only "charter.found" looks at it. */
  charterVersion?: number;
};

type Rule = {
  roles: readonly CommunityRole[];
  /** Extra condition on the community's state (join policy, visibility); needs the community. */
  gate?: (community: CommunityState, role: CommunityRole) => boolean;
};

const everyone: readonly CommunityRole[] = communityRoles;
const signedIn: readonly CommunityRole[] = everyone.filter((r) => r !== "anonymous");
const readers: readonly CommunityRole[] = ["member", "suspended", "moderator", "admin", "platformAdmin"];
const actingMembers: readonly CommunityRole[] = ["member", "moderator", "admin"];
const administrators: readonly CommunityRole[] = ["admin", "platformAdmin"];
const moderators: readonly CommunityRole[] = ["moderator", "admin", "platformAdmin"];

export const policy = {
  /** Name, summary and join policy: what anyone sees, even of a members-only community. */
  "community.readSummary": { roles: everyone },
  /** Description, members, activity of a community. Members-only: its members (suspended ones read). */
  "community.read": {
    roles: everyone,
    gate: (c, role) => c.visibility === "PUBLIC" || readers.includes(role),
  },
  /** Platform-level: a sanction in one community does not bar creating another (account suspension is checked at sign-in). */
  "community.create": { roles: signedIn },
  "community.update": { roles: administrators },
  "college.configure": { roles: administrators },
  "membership.join": { roles: ["nonMember"], gate: (c) => c.joinPolicy === "OPEN" },
  "membership.request": { roles: ["nonMember"], gate: (c) => c.joinPolicy === "ON_REQUEST" },
  "membership.acceptInvitation": { roles: ["nonMember", "pending"] },
  "membership.leave": { roles: actingMembers },
  "membership.decide": { roles: administrators },
  "membership.invite": { roles: administrators },
  "membership.changeRole": { roles: administrators },
  "membership.changeCollege": { roles: administrators },
  "audit.read": { roles: readers },
  "audit.filter": { roles: administrators },
  /** The charter and its history: whoever reads the community's content. */
  "charter.read": {
    roles: everyone,
    gate: (c, role) => c.visibility === "PUBLIC" || readers.includes(role),
  },
  /** Writing version 1; afterwards the charter changes only by an adopted amendment. */
  "charter.found": { roles: administrators, gate: (c) => (c.charterVersion ?? 0) === 0 },
  /** Drafting a proposal; how long one must have been a member (charter) is checked in createProposal. */
  "proposal.create": { roles: actingMembers },
  /** Voting; suspended members do not vote. Being in the frozen electorate is checked in castBallot. */
  "proposal.vote": { roles: actingMembers },
  "proposal.comment": { roles: actingMembers },
  "proposal.moderateComment": { roles: ["moderator", "admin", "platformAdmin"] },
  /** Editing one's own draft until its discussion opens; being its author is checked in editDraft. */
  "proposal.editDraft": { roles: actingMembers },
  /** Starting the discussion or opening the vote of someone else's proposal (authors manage their own). */
  "proposal.manage": { roles: administrators },
  /** Closing a vote before its planned time (the tally runs as at the planned close). */
  "proposal.closeEarly": { roles: administrators },
  /** Who has not voted yet in an open public vote (to remind them): the community's members, not visitors. */
  "proposal.readPendingElectors": { roles: readers },
  /** Reporting content: any signed-in person who may read the community, except banned ones. */
  "report.create": {
    roles: ["nonMember", "pending", "member", "suspended", "moderator", "admin", "platformAdmin"],
    gate: (c, role) => c.visibility === "PUBLIC" || readers.includes(role),
  },
  /**
   * A report that counts towards the charter's automatic hiding (autoHideAfterReports): those of the
   * community's active members. Anyone else's report waits in the queue for a moderator, so that
   * outsiders cannot hide a community's content by themselves.
   */
  "report.countsTowardsHiding": { roles: actingMembers },
  /** Following a proposal or a commons (notifications): any signed-in reader who is not banned there. */
  "notification.follow": {
    roles: ["nonMember", "pending", "member", "suspended", "moderator", "admin", "platformAdmin"],
    gate: (c, role) => c.visibility === "PUBLIC" || readers.includes(role),
  },
  "moderation.queue": { roles: moderators },
  /** Warning, suspension or ban; the charter's ladder suggests the step (lib/moderation/sanctions.ts). */
  "moderation.sanction": { roles: moderators },
  /** Only the sanctioned member, once per sanction: checked in appeal(). */
  /** Banned members appeal their ban too (Ostrom 6: cheap conflict resolution for everyone sanctioned). */
  "moderation.appeal": { roles: ["member", "suspended", "banned", "moderator", "admin"] },
  /** Never the sanctioner (nor the sanctioned person): checked in decideAppeal(). */
  "moderation.decideAppeal": { roles: moderators },
  /** Hiding or restoring a proposal, comment, commons or contribution (lib/moderation/hide.ts). */
  "moderation.hide": { roles: moderators },
  /** The community's moderation log (no reporter, no hidden content): whoever reads the community. */
  /**
   * Reading content hidden by moderation (proposal, comment, commons, contribution) with its reason.
   * Its author reads their own too: that part is the row's, in lib/policy/scopes.ts.
   */
  "content.readHidden": { roles: moderators },
  "moderation.readLog": {
    roles: everyone,
    gate: (c, role) => c.visibility === "PUBLIC" || readers.includes(role),
  },
  /** Proposing a commons, as a draft or for adoption. */
  "commons.propose": { roles: actingMembers },
  /** Editing a commons: those who carry it (canEditCommons), and administrators. */
  "commons.update": { roles: [...actingMembers, "platformAdmin"] },
  /** Editing a commons one does not carry: administrators (see canEditCommons). */
  "commons.updateAny": { roles: administrators },
  /**
   * Attaching, configuring and rotating the secret of a commons' contribution sources (webhooks,
   * imports; lib/connectors), and reading their deliveries and "to claim" list: those who carry the
   * commons, and administrators for any (canManageSources).
   */
  "commons.manageSources": { roles: [...actingMembers, "platformAdmin"] },
  /**
   * Reading a draft commons one does not carry: administrators (who decide on it once proposed).
   * Those who carry it read it too: that part is the row's, in lib/policy/scopes.ts.
   */
  "commons.readDraft": { roles: administrators },
  /**
   * Reading someone else's draft proposal: the community's administrators (who may put it to
   * discussion); its author reads it too, the row's part in lib/policy/scopes.ts.
   */
  "proposal.readDraft": { roles: administrators },
  /**
   * Adopting, rejecting, archiving a commons: administrators. Where the charter has adoption decided by
   * vote (commonsAdoptionByVote), only the vote adopts or rejects (lib/commons/adoption.ts).
   */
  "commons.adopt": { roles: administrators },
  "contribution.record": { roles: actingMembers },
  /** Validating someone else's contribution; never one's own (checked in validateContribution). */
  "contribution.validate": { roles: actingMembers },
  /** Platform administration (not tied to a community): reports everywhere, suspending or erasing accounts. */
  "platform.reports": { roles: ["platformAdmin"] },
  "platform.suspendAccount": { roles: ["platformAdmin"] },
  "platform.eraseAccount": { roles: ["platformAdmin"] },
  /** The background jobs' dead letters (lib/jobs/dead-letters.ts): failed jobs and their errors. */
  "platform.jobs.read": { roles: ["platformAdmin"] },
  /** An organisation's page (lib/organizations): name, kind, SIRET, domains, members, commons, contributions. */
  "organization.read": { roles: everyone },
  /**
   * Acting for an organisation (not tied to a community, so one's role in a community gives nothing):
   * adding its email domains, and approving a declared member's link. Its administrators only
   * (canAdministerOrganization), and platform administrators for any ("organization.administerAny");
   * never an account suspended everywhere.
   */
  "organization.administer": { roles: signedIn },
  "organization.approveMember": { roles: signedIn },
  "organization.administerAny": { roles: ["platformAdmin"] },
} satisfies Record<string, Rule>;

export type Action = keyof typeof policy;
export const actions = Object.keys(policy) as Action[];

export function canAs(role: CommunityRole, action: Action, community?: CommunityState): boolean {
  const rule: Rule = policy[action];
  if (!rule.roles.includes(role)) return false;
  if (rule.gate) return community ? rule.gate(community, role) : false;
  return true;
}

export function can(subject: Subject, action: Action, community?: CommunityState, now = new Date()): boolean {
  if (suspendedEverywhere(subject.user, now)) {
    // Only what a suspended member may do (read, appeal, report), wherever the person stands, and
    // without platform powers; nor may they found a community.
    const role = roleOf(subject, now);
    const acting = role === "member" || role === "moderator" || role === "admin";
    return (
      action !== "community.create" &&
      canAs(acting ? "suspended" : role, action, community) &&
      canAs("suspended", action, community)
    );
  }
  const asMember = canAs(roleOf(subject, now), action, community);
  return asMember || (subject.user?.isPlatformAdmin === true && canAs("platformAdmin", action, community));
}

/**
 * Reviewing (validating or rejecting) a contribution: "contribution.validate", and never one's own
 * (Ostrom 4: monitoring by someone else). validateContribution asks it; pages use it for controls.
 */
export function canReviewContribution(
  subject: Subject,
  community: CommunityState,
  contribution: { authorId: string },
  now = new Date(),
): boolean {
  return subject.user?.id !== contribution.authorId && can(subject, "contribution.validate", community, now);
}

/**
 * Stewardship: who carries a commons — its proposer, a steward in person, or a verified member of a
 * steward organisation. `person.organizationId` is the person's *verified* organisation (null when
 * acting alone or when the link is only declared: declaring an organisation in one's profile must
 * never hand out its commons). The same rule in SQL is the "carried" clause of lib/policy/scopes.ts.
 */
export function carriesCommons(
  person: { id: string; organizationId: string | null } | null,
  commons: { proposerId: string | null; stewards: readonly { userId: string | null; organizationId: string | null }[] },
): boolean {
  if (!person) return false;
  if (commons.proposerId === person.id) return true;
  return commons.stewards.some(
    (s) => s.userId === person.id || (person.organizationId !== null && s.organizationId === person.organizationId),
  );
}

/** Editing a commons: "commons.update", on a commons one carries, or any commons with "commons.updateAny". */
export function canEditCommons(
  subject: Subject,
  community: CommunityState,
  commons: { carried: boolean },
  now = new Date(),
): boolean {
  return can(subject, "commons.update", community, now) && (commons.carried || can(subject, "commons.updateAny", community, now));
}

/** Managing a commons' contribution sources: "commons.manageSources" on a commons one carries, or any with "commons.updateAny". */
export function canManageSources(
  subject: Subject,
  community: CommunityState,
  commons: { carried: boolean },
  now = new Date(),
): boolean {
  return (
    can(subject, "commons.manageSources", community, now) &&
    (commons.carried || can(subject, "commons.updateAny", community, now))
  );
}

/**
 * Acting for an organisation ("organization.administer", "organization.approveMember"): its
 * administrators (`administers`: the person holds a verified, administering link to it), and
 * platform administrators for any organisation.
 */
export function canAdministerOrganization(
  subject: Subject,
  action: "organization.administer" | "organization.approveMember",
  organization: { administers: boolean },
  now = new Date(),
): boolean {
  // can() lets an account suspended everywhere do what a suspended member may; it may not act for an organisation.
  if (suspendedEverywhere(subject.user, now)) return false;
  return (
    can(subject, action, undefined, now) &&
    (organization.administers || can(subject, "organization.administerAny", undefined, now))
  );
}

const sanctionRank: Record<MemberRole, number> = { MEMBER: 0, MODERATOR: 1, ADMIN: 2 };

/**
 * Whether the person stands above a member of `targetRole` for sanctioning: moderators above members,
 * administrators also above moderators, platform administrators above everyone; a member whose own
 * role is suspended, pending or banned stands above no one. canSanction adds the action and "never oneself".
 */
export function outranks(subject: Subject, targetRole: MemberRole, now = new Date()): boolean {
  if (!subject.user) return false;
  const role = roleOf(subject, now);
  const standing = subject.user.isPlatformAdmin ? 3 : role === "admin" ? 2 : role === "moderator" ? 1 : 0;
  return sanctionRank[targetRole] < standing;
}

/**
 * Sanctioning a member: "moderation.sanction", never oneself, and only someone of a lower standing —
 * moderators sanction members, administrators also moderators, platform administrators anyone
 * (graduated sanctions must not become a tool between peers). `target.role` is the member's role in
 * the community.
 */
export function canSanction(
  subject: Subject,
  community: CommunityState,
  target: { userId: string; role: MemberRole },
  now = new Date(),
): boolean {
  if (!subject.user || subject.user.id === target.userId) return false;
  return can(subject, "moderation.sanction", community, now) && outranks(subject, target.role, now);
}

export class ForbiddenError extends AppError {
  constructor(action: string) {
    super("forbidden", "errors.forbidden", 403, { action });
  }
}

export class NotFoundError extends AppError {
  constructor() {
    super("not_found", "errors.notFound", 404);
  }
}

export class UnauthenticatedError extends AppError {
  constructor() {
    super("unauthenticated", "errors.unauthenticated", 401);
  }
}

/**
 * Throws when refused: 401 for an anonymous person, 404 when they may not even know the
 * community's content exists (members-only, not a member), 403 otherwise.
 */
export function assertCan(subject: Subject, action: Action, community?: CommunityState, now = new Date()): void {
  const role = roleOf(subject, now);
  if (can(subject, action, community, now)) return;
  if (community && action === "community.read") throw new NotFoundError();
  if (role === "anonymous") throw new UnauthenticatedError();
  throw new ForbiddenError(action);
}
