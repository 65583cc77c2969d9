/** Joining and leaving a community as the caller (needs the write scope). */
import { joinCommunity, leaveCommunity } from "@/lib/communities/membership";
import { joinSchema } from "@/lib/communities/schemas";
import { actorOf } from "../../authenticate";
import { defineRoute } from "../../route";
import { membershipStatusSchema } from "../schemas";
import { slugParamsSchema } from "./communities";

export const joinCommunityRoute = defineRoute({
  operationId: "joinCommunity",
  method: "POST",
  path: "/api/v1/communities/{slug}/membership",
  summary: "Join a community, or ask to join it",
  description:
    "OPEN communities: the caller becomes an ACTIVE member. ON_REQUEST: the request is PENDING until an administrator decides. INVITATION: 403 invitation_only.",
  tags: ["membership"],
  scope: "write",
  params: slugParamsSchema,
  body: joinSchema,
  response: { status: 201, description: "Membership created (ACTIVE) or requested (PENDING)", schema: membershipStatusSchema },
  errors: [404, 409],
  handle: ({ db, principal, params, body }) =>
    joinCommunity(db, { actor: actorOf(principal), slug: params.slug, message: body.message || undefined }),
});

export const leaveCommunityRoute = defineRoute({
  operationId: "leaveCommunity",
  method: "DELETE",
  path: "/api/v1/communities/{slug}/membership",
  summary: "Leave a community",
  description: "409 last_admin when the caller is its last administrator.",
  tags: ["membership"],
  scope: "write",
  params: slugParamsSchema,
  response: { status: 204, description: "Left" },
  errors: [404, 409],
  handle: async ({ db, principal, params }) => {
    await leaveCommunity(db, { actor: actorOf(principal), slug: params.slug });
  },
});
