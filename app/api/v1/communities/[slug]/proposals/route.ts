import { routeHandler } from "@/lib/api/handle";
import { createProposalRoute, listProposalsRoute } from "@/lib/api/v1/routes/proposals";

export const GET = routeHandler(listProposalsRoute);
export const POST = routeHandler(createProposalRoute);
