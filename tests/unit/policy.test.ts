/**
 * The policy matrix: every action against every role, for each kind of community, written out by
 * hand (not derived from the policy) so that a change to lib/policy shows up here as a diff.
 * tests/integration/policy-endpoints.test.ts checks that the use cases behind the endpoints agree.
 */
import { describe, expect, it } from "vitest";
import {
  actions,
  assertCan,
  can,
  canAs,
  canAdministerOrganization,
  canEditCommons,
  canReviewContribution,
  canSanction,
  carriesCommons,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  type Action,
} from "@/lib/policy/can";
import { communityRoles, roleOf, type CommunityRole } from "@/lib/policy/roles";

const Y = true;
const N = false;
// Columns: anonymous, nonMember, pending, member, suspended, banned, moderator, admin, platformAdmin
type Row = [boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean];

const openPublic = { visibility: "PUBLIC", joinPolicy: "OPEN" } as const;
const onRequestPublic = { visibility: "PUBLIC", joinPolicy: "ON_REQUEST" } as const;
const invitationMembers = { visibility: "MEMBERS", joinPolicy: "INVITATION" } as const;

const expected: Record<
  string,
  { community: typeof openPublic | typeof onRequestPublic | typeof invitationMembers | undefined; matrix: Record<Action, Row> }
> = {
  "an open public community": {
    community: openPublic,
    matrix: {
      "community.readSummary": [Y, Y, Y, Y, Y, Y, Y, Y, Y],
      "community.read": [Y, Y, Y, Y, Y, Y, Y, Y, Y],
      "community.create": [N, Y, Y, Y, Y, Y, Y, Y, Y],
      "community.update": [N, N, N, N, N, N, N, Y, Y],
      "college.configure": [N, N, N, N, N, N, N, Y, Y],
      "membership.join": [N, Y, N, N, N, N, N, N, N],
      "membership.request": [N, N, N, N, N, N, N, N, N],
      "membership.acceptInvitation": [N, Y, Y, N, N, N, N, N, N],
      "membership.leave": [N, N, N, Y, N, N, Y, Y, N],
      "membership.decide": [N, N, N, N, N, N, N, Y, Y],
      "membership.invite": [N, N, N, N, N, N, N, Y, Y],
      "membership.changeRole": [N, N, N, N, N, N, N, Y, Y],
      "membership.changeCollege": [N, N, N, N, N, N, N, Y, Y],
      "audit.read": [N, N, N, Y, Y, N, Y, Y, Y],
      "audit.filter": [N, N, N, N, N, N, N, Y, Y],
      "charter.read": [Y, Y, Y, Y, Y, Y, Y, Y, Y],
      "charter.found": [N, N, N, N, N, N, N, Y, Y],
      "proposal.create": [N, N, N, Y, N, N, Y, Y, N],
      "proposal.vote": [N, N, N, Y, N, N, Y, Y, N],
      "proposal.comment": [N, N, N, Y, N, N, Y, Y, N],
      "proposal.moderateComment": [N, N, N, N, N, N, Y, Y, Y],
      "proposal.editDraft": [N, N, N, Y, N, N, Y, Y, N],
      "proposal.manage": [N, N, N, N, N, N, N, Y, Y],
      "proposal.closeEarly": [N, N, N, N, N, N, N, Y, Y],
      "proposal.readPendingElectors": [N, N, N, Y, Y, N, Y, Y, Y],
      "report.create": [N, Y, Y, Y, Y, N, Y, Y, Y],
      "report.countsTowardsHiding": [N, N, N, Y, N, N, Y, Y, N],
      "notification.follow": [N, Y, Y, Y, Y, N, Y, Y, Y],
      "moderation.queue": [N, N, N, N, N, N, Y, Y, Y],
      "moderation.sanction": [N, N, N, N, N, N, Y, Y, Y],
      "moderation.appeal": [N, N, N, Y, Y, Y, Y, Y, N],
      "moderation.decideAppeal": [N, N, N, N, N, N, Y, Y, Y],
      "moderation.hide": [N, N, N, N, N, N, Y, Y, Y],
      "content.readHidden": [N, N, N, N, N, N, Y, Y, Y],
      "moderation.readLog": [Y, Y, Y, Y, Y, Y, Y, Y, Y],
      "commons.propose": [N, N, N, Y, N, N, Y, Y, N],
      "commons.update": [N, N, N, Y, N, N, Y, Y, Y],
      "commons.manageSources": [N, N, N, Y, N, N, Y, Y, Y],
      "commons.updateAny": [N, N, N, N, N, N, N, Y, Y],
      "commons.readDraft": [N, N, N, N, N, N, N, Y, Y],
      "proposal.readDraft": [N, N, N, N, N, N, N, Y, Y],
      "commons.adopt": [N, N, N, N, N, N, N, Y, Y],
      "contribution.record": [N, N, N, Y, N, N, Y, Y, N],
      "contribution.validate": [N, N, N, Y, N, N, Y, Y, N],
      "platform.reports": [N, N, N, N, N, N, N, N, Y],
      "platform.suspendAccount": [N, N, N, N, N, N, N, N, Y],
      "platform.eraseAccount": [N, N, N, N, N, N, N, N, Y],
      "platform.jobs.read": [N, N, N, N, N, N, N, N, Y],
      "organization.read": [Y, Y, Y, Y, Y, Y, Y, Y, Y],
      "organization.administer": [N, Y, Y, Y, Y, Y, Y, Y, Y],
      "organization.approveMember": [N, Y, Y, Y, Y, Y, Y, Y, Y],
      "organization.administerAny": [N, N, N, N, N, N, N, N, Y],
    },
  },
  "a public community joined on request": {
    community: onRequestPublic,
    matrix: {
      "community.readSummary": [Y, Y, Y, Y, Y, Y, Y, Y, Y],
      "community.read": [Y, Y, Y, Y, Y, Y, Y, Y, Y],
      "community.create": [N, Y, Y, Y, Y, Y, Y, Y, Y],
      "community.update": [N, N, N, N, N, N, N, Y, Y],
      "college.configure": [N, N, N, N, N, N, N, Y, Y],
      "membership.join": [N, N, N, N, N, N, N, N, N],
      "membership.request": [N, Y, N, N, N, N, N, N, N],
      "membership.acceptInvitation": [N, Y, Y, N, N, N, N, N, N],
      "membership.leave": [N, N, N, Y, N, N, Y, Y, N],
      "membership.decide": [N, N, N, N, N, N, N, Y, Y],
      "membership.invite": [N, N, N, N, N, N, N, Y, Y],
      "membership.changeRole": [N, N, N, N, N, N, N, Y, Y],
      "membership.changeCollege": [N, N, N, N, N, N, N, Y, Y],
      "audit.read": [N, N, N, Y, Y, N, Y, Y, Y],
      "audit.filter": [N, N, N, N, N, N, N, Y, Y],
      "charter.read": [Y, Y, Y, Y, Y, Y, Y, Y, Y],
      "charter.found": [N, N, N, N, N, N, N, Y, Y],
      "proposal.create": [N, N, N, Y, N, N, Y, Y, N],
      "proposal.vote": [N, N, N, Y, N, N, Y, Y, N],
      "proposal.comment": [N, N, N, Y, N, N, Y, Y, N],
      "proposal.moderateComment": [N, N, N, N, N, N, Y, Y, Y],
      "proposal.editDraft": [N, N, N, Y, N, N, Y, Y, N],
      "proposal.manage": [N, N, N, N, N, N, N, Y, Y],
      "proposal.closeEarly": [N, N, N, N, N, N, N, Y, Y],
      "proposal.readPendingElectors": [N, N, N, Y, Y, N, Y, Y, Y],
      "report.create": [N, Y, Y, Y, Y, N, Y, Y, Y],
      "report.countsTowardsHiding": [N, N, N, Y, N, N, Y, Y, N],
      "notification.follow": [N, Y, Y, Y, Y, N, Y, Y, Y],
      "moderation.queue": [N, N, N, N, N, N, Y, Y, Y],
      "moderation.sanction": [N, N, N, N, N, N, Y, Y, Y],
      "moderation.appeal": [N, N, N, Y, Y, Y, Y, Y, N],
      "moderation.decideAppeal": [N, N, N, N, N, N, Y, Y, Y],
      "moderation.hide": [N, N, N, N, N, N, Y, Y, Y],
      "content.readHidden": [N, N, N, N, N, N, Y, Y, Y],
      "moderation.readLog": [Y, Y, Y, Y, Y, Y, Y, Y, Y],
      "commons.propose": [N, N, N, Y, N, N, Y, Y, N],
      "commons.update": [N, N, N, Y, N, N, Y, Y, Y],
      "commons.manageSources": [N, N, N, Y, N, N, Y, Y, Y],
      "commons.updateAny": [N, N, N, N, N, N, N, Y, Y],
      "commons.readDraft": [N, N, N, N, N, N, N, Y, Y],
      "proposal.readDraft": [N, N, N, N, N, N, N, Y, Y],
      "commons.adopt": [N, N, N, N, N, N, N, Y, Y],
      "contribution.record": [N, N, N, Y, N, N, Y, Y, N],
      "contribution.validate": [N, N, N, Y, N, N, Y, Y, N],
      "platform.reports": [N, N, N, N, N, N, N, N, Y],
      "platform.suspendAccount": [N, N, N, N, N, N, N, N, Y],
      "platform.eraseAccount": [N, N, N, N, N, N, N, N, Y],
      "platform.jobs.read": [N, N, N, N, N, N, N, N, Y],
      "organization.read": [Y, Y, Y, Y, Y, Y, Y, Y, Y],
      "organization.administer": [N, Y, Y, Y, Y, Y, Y, Y, Y],
      "organization.approveMember": [N, Y, Y, Y, Y, Y, Y, Y, Y],
      "organization.administerAny": [N, N, N, N, N, N, N, N, Y],
    },
  },
  "a members-only community joined by invitation": {
    community: invitationMembers,
    matrix: {
      "community.readSummary": [Y, Y, Y, Y, Y, Y, Y, Y, Y],
      "community.read": [N, N, N, Y, Y, N, Y, Y, Y],
      "community.create": [N, Y, Y, Y, Y, Y, Y, Y, Y],
      "community.update": [N, N, N, N, N, N, N, Y, Y],
      "college.configure": [N, N, N, N, N, N, N, Y, Y],
      "membership.join": [N, N, N, N, N, N, N, N, N],
      "membership.request": [N, N, N, N, N, N, N, N, N],
      "membership.acceptInvitation": [N, Y, Y, N, N, N, N, N, N],
      "membership.leave": [N, N, N, Y, N, N, Y, Y, N],
      "membership.decide": [N, N, N, N, N, N, N, Y, Y],
      "membership.invite": [N, N, N, N, N, N, N, Y, Y],
      "membership.changeRole": [N, N, N, N, N, N, N, Y, Y],
      "membership.changeCollege": [N, N, N, N, N, N, N, Y, Y],
      "audit.read": [N, N, N, Y, Y, N, Y, Y, Y],
      "audit.filter": [N, N, N, N, N, N, N, Y, Y],
      "charter.read": [N, N, N, Y, Y, N, Y, Y, Y],
      "charter.found": [N, N, N, N, N, N, N, Y, Y],
      "proposal.create": [N, N, N, Y, N, N, Y, Y, N],
      "proposal.vote": [N, N, N, Y, N, N, Y, Y, N],
      "proposal.comment": [N, N, N, Y, N, N, Y, Y, N],
      "proposal.moderateComment": [N, N, N, N, N, N, Y, Y, Y],
      "proposal.editDraft": [N, N, N, Y, N, N, Y, Y, N],
      "proposal.manage": [N, N, N, N, N, N, N, Y, Y],
      "proposal.closeEarly": [N, N, N, N, N, N, N, Y, Y],
      "proposal.readPendingElectors": [N, N, N, Y, Y, N, Y, Y, Y],
      "report.create": [N, N, N, Y, Y, N, Y, Y, Y],
      "report.countsTowardsHiding": [N, N, N, Y, N, N, Y, Y, N],
      "notification.follow": [N, N, N, Y, Y, N, Y, Y, Y],
      "moderation.queue": [N, N, N, N, N, N, Y, Y, Y],
      "moderation.sanction": [N, N, N, N, N, N, Y, Y, Y],
      "moderation.appeal": [N, N, N, Y, Y, Y, Y, Y, N],
      "moderation.decideAppeal": [N, N, N, N, N, N, Y, Y, Y],
      "moderation.hide": [N, N, N, N, N, N, Y, Y, Y],
      "content.readHidden": [N, N, N, N, N, N, Y, Y, Y],
      "moderation.readLog": [N, N, N, Y, Y, N, Y, Y, Y],
      "commons.propose": [N, N, N, Y, N, N, Y, Y, N],
      "commons.update": [N, N, N, Y, N, N, Y, Y, Y],
      "commons.manageSources": [N, N, N, Y, N, N, Y, Y, Y],
      "commons.updateAny": [N, N, N, N, N, N, N, Y, Y],
      "commons.readDraft": [N, N, N, N, N, N, N, Y, Y],
      "proposal.readDraft": [N, N, N, N, N, N, N, Y, Y],
      "commons.adopt": [N, N, N, N, N, N, N, Y, Y],
      "contribution.record": [N, N, N, Y, N, N, Y, Y, N],
      "contribution.validate": [N, N, N, Y, N, N, Y, Y, N],
      "platform.reports": [N, N, N, N, N, N, N, N, Y],
      "platform.suspendAccount": [N, N, N, N, N, N, N, N, Y],
      "platform.eraseAccount": [N, N, N, N, N, N, N, N, Y],
      "platform.jobs.read": [N, N, N, N, N, N, N, N, Y],
      "organization.read": [Y, Y, Y, Y, Y, Y, Y, Y, Y],
      "organization.administer": [N, Y, Y, Y, Y, Y, Y, Y, Y],
      "organization.approveMember": [N, Y, Y, Y, Y, Y, Y, Y, Y],
      "organization.administerAny": [N, N, N, N, N, N, N, N, Y],
    },
  },
};

describe("authorization policy matrix", () => {
  for (const [label, { community, matrix }] of Object.entries(expected)) {
    describe(label, () => {
      it("covers every action of the registry", () => {
        expect(Object.keys(matrix).sort()).toEqual([...actions].sort());
      });
      for (const action of actions) {
        it.each(communityRoles.map((role, index) => [role, matrix[action][index]] as const))(
          `${action} as %s → %s`,
          (role, allowed) => {
            expect(canAs(role as CommunityRole, action, community)).toBe(allowed);
          },
        );
      }
    });
  }

  it("answers 401 to anonymous, 404 to outsiders reading members-only content, 403 otherwise", () => {
    const anonymous = { user: null, membership: null };
    const outsider = { user: { id: "u", onboarded: true, isPlatformAdmin: false }, membership: null };
    expect(() => assertCan(anonymous, "membership.join", openPublic)).toThrow(UnauthenticatedError);
    expect(() => assertCan(outsider, "community.read", invitationMembers)).toThrow(NotFoundError);
    expect(() => assertCan(outsider, "membership.invite", openPublic)).toThrow(ForbiddenError);
  });
});

describe("charter founding", () => {
  it("is refused to everyone once a version exists", () => {
    for (const role of communityRoles) {
      expect(canAs(role, "charter.found", { ...openPublic, charterVersion: 1 })).toBe(false);
    }
    expect(canAs("admin", "charter.found", { ...openPublic, charterVersion: 0 })).toBe(true);
  });
});

describe("platform administrators", () => {
  const admin = { id: "a", onboarded: true, isPlatformAdmin: true };
  it("hold the platformAdmin column's powers on top of their own role", () => {
    expect(can({ user: admin, membership: null }, "membership.invite", openPublic)).toBe(true);
    expect(can({ user: admin, membership: null }, "community.read", invitationMembers)).toBe(true);
    // …and can still join and leave like anyone.
    expect(can({ user: admin, membership: null }, "membership.join", openPublic)).toBe(true);
    const member = { role: "MEMBER" as const, status: "ACTIVE" as const, suspendedUntil: null };
    expect(can({ user: admin, membership: member }, "membership.leave", openPublic)).toBe(true);
  });
});

describe("accounts suspended everywhere", () => {
  const until = new Date(Date.now() + 86_400_000);
  const suspended = { id: "s", onboarded: true, isPlatformAdmin: false, suspendedUntil: until };
  const active = { role: "ADMIN" as const, status: "ACTIVE" as const, suspendedUntil: null };
  it("read and appeal but neither act, join, found a community nor use platform powers", () => {
    expect(can({ user: suspended, membership: active }, "community.read", invitationMembers)).toBe(true);
    expect(can({ user: suspended, membership: active }, "moderation.appeal", openPublic)).toBe(true);
    for (const action of ["proposal.vote", "proposal.comment", "membership.invite", "moderation.sanction"] as const) {
      expect(can({ user: suspended, membership: active }, action, openPublic)).toBe(false);
    }
    expect(can({ user: suspended, membership: null }, "membership.join", openPublic)).toBe(false);
    expect(can({ user: suspended, membership: null }, "community.create")).toBe(false);
    const admin = { ...suspended, isPlatformAdmin: true };
    expect(can({ user: admin, membership: null }, "platform.eraseAccount")).toBe(false);
  });
  it("act again once the date has passed", () => {
    const over = { ...suspended, suspendedUntil: new Date(Date.now() - 1000) };
    expect(can({ user: over, membership: active }, "proposal.vote", openPublic)).toBe(true);
    expect(can({ user: over, membership: null }, "community.create")).toBe(true);
  });
});

describe("reviewing a contribution", () => {
  const member = { role: "MEMBER" as const, status: "ACTIVE" as const, suspendedUntil: null };
  const person = (id: string) => ({ id, onboarded: true, isPlatformAdmin: false });
  it("is for another acting member, never the author, whatever their role", () => {
    expect(canReviewContribution({ user: person("b"), membership: member }, openPublic, { authorId: "a" })).toBe(true);
    expect(canReviewContribution({ user: person("a"), membership: member }, openPublic, { authorId: "a" })).toBe(false);
    const admin = { ...member, role: "ADMIN" as const };
    expect(canReviewContribution({ user: person("a"), membership: admin }, openPublic, { authorId: "a" })).toBe(false);
    expect(canReviewContribution({ user: person("b"), membership: null }, openPublic, { authorId: "a" })).toBe(false);
    expect(canReviewContribution({ user: null, membership: null }, openPublic, { authorId: "a" })).toBe(false);
  });
});

describe("stewardship of a commons", () => {
  const commons = {
    proposerId: "p",
    stewards: [
      { userId: "s", organizationId: null },
      { userId: null, organizationId: "o" },
    ],
  };
  it("is its proposer's, its stewards' and their organisations' members'", () => {
    expect(carriesCommons({ id: "p", organizationId: null }, commons)).toBe(true);
    expect(carriesCommons({ id: "s", organizationId: null }, commons)).toBe(true);
    expect(carriesCommons({ id: "x", organizationId: "o" }, commons)).toBe(true);
    expect(carriesCommons({ id: "x", organizationId: "other" }, commons)).toBe(false);
    expect(carriesCommons({ id: "x", organizationId: null }, { proposerId: null, stewards: [] })).toBe(false);
    expect(carriesCommons(null, commons)).toBe(false);
  });
  it("lets those who carry it edit, and administrators any", () => {
    const user = { id: "u", onboarded: true, isPlatformAdmin: false };
    const membership = (role: "MEMBER" | "ADMIN") => ({ role, status: "ACTIVE" as const, suspendedUntil: null });
    expect(canEditCommons({ user, membership: membership("MEMBER") }, openPublic, { carried: true })).toBe(true);
    expect(canEditCommons({ user, membership: membership("MEMBER") }, openPublic, { carried: false })).toBe(false);
    expect(canEditCommons({ user, membership: membership("ADMIN") }, openPublic, { carried: false })).toBe(true);
    expect(canEditCommons({ user, membership: null }, openPublic, { carried: true })).toBe(false);
  });
});

describe("acting for an organisation", () => {
  const person = (isPlatformAdmin = false, suspendedUntil: Date | null = null) => ({
    id: "u",
    onboarded: true,
    isPlatformAdmin,
    suspendedUntil,
  });
  it("is for its administrators and platform administrators, never a suspended account", () => {
    for (const action of ["organization.administer", "organization.approveMember"] as const) {
      expect(canAdministerOrganization({ user: person(), membership: null }, action, { administers: true })).toBe(true);
      expect(canAdministerOrganization({ user: person(), membership: null }, action, { administers: false })).toBe(false);
      expect(canAdministerOrganization({ user: person(true), membership: null }, action, { administers: false })).toBe(true);
      expect(canAdministerOrganization({ user: null, membership: null }, action, { administers: true })).toBe(false);
      const suspended = person(true, new Date(Date.now() + 86_400_000));
      expect(canAdministerOrganization({ user: suspended, membership: null }, action, { administers: true })).toBe(false);
    }
  });
  it("counts only a verified organisation for stewardship", () => {
    // The caller passes the verified organisation only: a declared one is null here.
    const commons = { proposerId: "p", stewards: [{ userId: null, organizationId: "o" }] };
    expect(carriesCommons({ id: "x", organizationId: null }, commons)).toBe(false);
  });
});

describe("sanctioning a member", () => {
  const person = (id: string, isPlatformAdmin = false) => ({ id, onboarded: true, isPlatformAdmin });
  const as = (role: "MEMBER" | "MODERATOR" | "ADMIN") => ({ role, status: "ACTIVE" as const, suspendedUntil: null });
  const target = (role: "MEMBER" | "MODERATOR" | "ADMIN") => ({ userId: "t", role });
  it("is never oneself, and only someone of a lower standing", () => {
    expect(canSanction({ user: person("m"), membership: as("MODERATOR") }, openPublic, target("MEMBER"))).toBe(true);
    expect(canSanction({ user: person("m"), membership: as("MODERATOR") }, openPublic, target("MODERATOR"))).toBe(false);
    expect(canSanction({ user: person("a"), membership: as("ADMIN") }, openPublic, target("MODERATOR"))).toBe(true);
    expect(canSanction({ user: person("a"), membership: as("ADMIN") }, openPublic, target("ADMIN"))).toBe(false);
    expect(canSanction({ user: person("x", true), membership: null }, openPublic, target("ADMIN"))).toBe(true);
    expect(canSanction({ user: person("t"), membership: as("ADMIN") }, openPublic, { userId: "t", role: "MEMBER" })).toBe(false);
    expect(canSanction({ user: person("m"), membership: as("MEMBER") }, openPublic, target("MEMBER"))).toBe(false);
    expect(canSanction({ user: null, membership: null }, openPublic, target("MEMBER"))).toBe(false);
  });
});

describe("roles", () => {
  const user = { id: "u", onboarded: true, isPlatformAdmin: false };
  const membership = (patch: object) => ({ role: "MEMBER" as const, status: "ACTIVE" as const, suspendedUntil: null, ...patch });
  it.each([
    [{ user: null, membership: null }, "anonymous"],
    [{ user, membership: null }, "nonMember"],
    [{ user, membership: membership({ status: "LEFT" }) }, "nonMember"],
    [{ user, membership: membership({ status: "PENDING" }) }, "pending"],
    [{ user, membership: membership({}) }, "member"],
    [{ user, membership: membership({ role: "MODERATOR" }) }, "moderator"],
    [{ user, membership: membership({ role: "ADMIN" }) }, "admin"],
    [{ user, membership: membership({ status: "BANNED", role: "ADMIN" }) }, "banned"],
    [{ user, membership: membership({ status: "SUSPENDED", suspendedUntil: new Date(Date.now() + 3600_000) }) }, "suspended"],
    [{ user, membership: membership({ status: "SUSPENDED", suspendedUntil: new Date(Date.now() - 1000) }) }, "member"],
    // Platform administration adds powers (see can()); it is not a membership role.
    [{ user: { ...user, isPlatformAdmin: true }, membership: null }, "nonMember"],
  ] as const)("%o is %s", (subject, role) => {
    expect(roleOf(subject as never)).toBe(role);
  });
});
