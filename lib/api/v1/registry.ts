/**
 * Every v1 route, in one list: lib/api/openapi.ts describes exactly these, and
 * tests/unit/openapi.test.ts checks that app/api/v1/**\/route.ts exports exactly these.
 * A new endpoint: define it in lib/api/v1/routes/, add it here, export `routeHandler(it)` from its route.ts.
 */
import { z } from "zod";
import { buildOpenApiDocument, type OpenApiDocument } from "../openapi";
import { defineRoute, type ApiRoute } from "../route";
import { getCommunityRoute, listCommunitiesRoute, listMembersRoute } from "./routes/communities";
import { joinCommunityRoute, leaveCommunityRoute } from "./routes/membership";
import {
  castBallotRoute,
  createProposalRoute,
  editDraftRoute,
  getDecisionRoute,
  getProposalRoute,
  listProposalsRoute,
  withdrawBallotRoute,
} from "./routes/proposals";
import { getDecisionRecordRoute, getSigningKeyRoute } from "./routes/decisions";
import { getCharterRoute } from "./routes/charter";
import { appealSanctionRoute, createReportRoute, moderationActionRoute, moderationQueueRoute } from "./routes/moderation";
import { listNotificationsRoute, markNotificationsReadRoute } from "./routes/notifications";
import {
  getCommonsRoute,
  listCommonsRoute,
  listContributionsRoute,
  proposeCommonsRoute,
  recordContributionRoute,
  reviewContributionRoute,
} from "./routes/commons";
import { receiveHookRoute } from "./routes/hooks";
import { logRoutes } from "./routes/log";

export const openApiRoute = defineRoute({
  operationId: "getOpenApiDocument",
  method: "GET",
  path: "/api/v1/openapi.json",
  summary: "This OpenAPI 3.1 document",
  tags: ["meta"],
  scope: "read",
  response: { status: 200, description: "The OpenAPI document", schema: z.record(z.string(), z.unknown()) },
  cacheControl: "public, max-age=300",
  handle: async ({ appUrl, sessionCookieName }) => openApiDocument({ serverUrl: appUrl, sessionCookieName }),
});

export const v1Routes: readonly ApiRoute[] = [
  listCommunitiesRoute,
  getCommunityRoute,
  listMembersRoute,
  joinCommunityRoute,
  leaveCommunityRoute,
  listProposalsRoute,
  createProposalRoute,
  getProposalRoute,
  editDraftRoute,
  castBallotRoute,
  withdrawBallotRoute,
  getDecisionRoute,
  openApiRoute,
  getDecisionRecordRoute,
  getSigningKeyRoute,
  getCharterRoute,
  listNotificationsRoute,
  markNotificationsReadRoute,
  listCommonsRoute,
  getCommonsRoute,
  proposeCommonsRoute,
  listContributionsRoute,
  recordContributionRoute,
  reviewContributionRoute,
  createReportRoute,
  moderationQueueRoute,
  moderationActionRoute,
  appealSanctionRoute,
  receiveHookRoute,
  ...logRoutes,
];

const documents = new Map<string, OpenApiDocument>();

export function openApiDocument({ serverUrl, sessionCookieName }: { serverUrl: string; sessionCookieName: string }) {
  const key = `${serverUrl} ${sessionCookieName}`;
  let document = documents.get(key);
  if (!document) {
    document = buildOpenApiDocument(v1Routes, { serverUrl, sessionCookieName });
    documents.set(key, document);
  }
  return document;
}
