/**
 * Who a person is with respect to a community, right now. Every permission is decided from this
 * role (plus the object's state), in lib/policy/can.ts.
 */
import type { MemberRole, MembershipStatus } from "@/lib/generated/prisma/enums";

export const communityRoles = [
  "anonymous",
  "nonMember",
  "pending",
  "member",
  "suspended",
  "banned",
  "moderator",
  "admin",
  "platformAdmin",
] as const;
export type CommunityRole = (typeof communityRoles)[number];

export type Subject = {
  /** suspendedUntil: the account is suspended everywhere by a platform administrator until then. */
  user: { id: string; onboarded: boolean; isPlatformAdmin: boolean; suspendedUntil?: Date | null } | null;
  membership: { role: MemberRole; status: MembershipStatus; suspendedUntil: Date | null } | null;
};

/** An account suspended everywhere reads but does not act, in any community (until its date). */
export function suspendedEverywhere(user: Subject["user"], now = new Date()): boolean {
  return Boolean(user?.suspendedUntil && user.suspendedUntil > now);
}

/**
 * The person's role from their membership. Platform administration is not a membership role: it adds
 * the "platformAdmin" column's powers to whatever the person's role is (see can()), so a platform
 * administrator can still join, leave and vote like anyone.
 */
export function roleOf(subject: Subject, now = new Date()): CommunityRole {
  const { user, membership } = subject;
  if (!user) return "anonymous";
  if (!membership) return "nonMember";
  switch (membership.status) {
    case "PENDING":
      return "pending";
    case "BANNED":
      return "banned";
    case "LEFT":
      return "nonMember";
    case "SUSPENDED":
      // A suspension ends by itself at its date, even before the job that records it has run.
      if (!membership.suspendedUntil || membership.suspendedUntil > now) return "suspended";
      break;
    case "ACTIVE":
      break;
  }
  return membership.role === "ADMIN" ? "admin" : membership.role === "MODERATOR" ? "moderator" : "member";
}
