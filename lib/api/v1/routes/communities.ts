/** Read endpoints of communities: list, one community, its members. */
import { z } from "zod";
import { named } from "../../openapi";
import { pageSchema, paginationQuerySchema } from "@/lib/core/pagination";
import { defineRoute } from "../../route";
import { getCommunityDetail } from "../get-community";
import { listCommunitiesPage } from "../list-communities";
import { listMembersPage } from "../list-members";
import { communityListItemSchema, communitySchema, memberSchema } from "../schemas";

export const slugParamsSchema = z.object({
  slug: z.string().min(1).max(100).describe("The community's short address, e.g. adresses-finistere"),
});

export const listCommunitiesRoute = defineRoute({
  operationId: "listCommunities",
  method: "GET",
  path: "/api/v1/communities",
  summary: "List communities",
  description: "In slug order. Members-only communities show only their summary to callers who are not members.",
  tags: ["communities"],
  scope: "read",
  query: paginationQuerySchema,
  response: {
    status: 200,
    description: "A page of communities",
    schema: named("CommunityPage", pageSchema(communityListItemSchema)),
  },
  handle: ({ db, principal, query }) =>
    listCommunitiesPage(db, { actor: principal.user, after: query.cursor, limit: query.limit }),
});

export const getCommunityRoute = defineRoute({
  operationId: "getCommunity",
  method: "GET",
  path: "/api/v1/communities/{slug}",
  summary: "Get a community",
  description:
    "The summary is public. Description, weighting, colleges with their weights and member counts come only when the caller may read the community.",
  tags: ["communities"],
  scope: "read",
  params: slugParamsSchema,
  response: { status: 200, description: "The community", schema: communitySchema },
  errors: [404],
  handle: ({ db, principal, params }) => getCommunityDetail(db, { actor: principal.user, slug: params.slug }),
});

export const listMembersRoute = defineRoute({
  operationId: "listCommunityMembers",
  method: "GET",
  path: "/api/v1/communities/{slug}/members",
  summary: "List a community's active members",
  description: "404 when the community does not exist or the caller may not read it.",
  tags: ["communities"],
  scope: "read",
  params: slugParamsSchema,
  query: paginationQuerySchema,
  response: { status: 200, description: "A page of active members", schema: named("MemberPage", pageSchema(memberSchema)) },
  errors: [404],
  handle: ({ db, principal, params, query }) =>
    listMembersPage(db, { actor: principal.user, slug: params.slug, after: query.cursor, limit: query.limit }),
});
