import { routeHandler } from "@/lib/api/handle";
import { editDraftRoute, getProposalRoute } from "@/lib/api/v1/routes/proposals";

export const GET = routeHandler(getProposalRoute);
export const PATCH = routeHandler(editDraftRoute);
