/** Response schemas of the v1 community endpoints (shared OpenAPI components). */
import { z } from "zod";
import { actorKinds } from "@/lib/users/schemas";
import { named } from "../openapi";

const visibility = z
  .enum(["PUBLIC", "MEMBERS"])
  .describe("PUBLIC: anyone reads it; MEMBERS: only its members read more than the summary");
const joinPolicy = z.enum(["OPEN", "ON_REQUEST", "INVITATION"]);
const actorKind = z.enum(actorKinds);

/** What anyone may know of any community, even a members-only one. */
export const communitySummarySchema = named(
  "CommunitySummary",
  z.object({ slug: z.string(), name: z.string(), summary: z.string(), visibility, joinPolicy }),
);

export const communityListItemSchema = named(
  "CommunityListItem",
  communitySummarySchema.extend({
    activeMembers: z.number().int().min(0).optional().describe("Present when the caller may read the community"),
  }),
);

export const collegeSchema = named(
  "College",
  z.object({
    kind: actorKind,
    weight: z.number().int().min(0).max(100).describe("Share of the vote in percent; 0 when the college is unused"),
    activeMembers: z.number().int().min(0),
  }),
);

export const communitySchema = named(
  "Community",
  communitySummarySchema.extend({
    description: z.string().optional().describe("Markdown; present when the caller may read the community"),
    weightingEnabled: z
      .boolean()
      .optional()
      .describe("Off: one member, one vote; present when the caller may read the community"),
    activeMembers: z.number().int().min(0).optional(),
    colleges: z.array(collegeSchema).optional().describe("The four colleges; present when the caller may read the community"),
  }),
);

export const memberSchema = named(
  "Member",
  z.object({
    displayName: z.string(),
    organization: z.string().nullable().describe("The member's verified organisation (a declared one is not given)"),
    college: actorKind,
    role: z.enum(["MEMBER", "MODERATOR", "ADMIN"]),
  }),
);

export const membershipStatusSchema = named("MembershipStatus", z.object({ status: z.enum(["ACTIVE", "PENDING"]) }));

export type CommunitySummary = z.input<typeof communitySummarySchema>;

/** The summary fields of a community row, and nothing else. */
export function summaryOf({ slug, name, summary, visibility, joinPolicy }: CommunitySummary): CommunitySummary {
  return { slug, name, summary, visibility, joinPolicy };
}
export type CommunityListItem = z.input<typeof communityListItemSchema>;
export type CommunityDetail = z.input<typeof communitySchema>;
export type Member = z.input<typeof memberSchema>;
