import { routeHandler } from "@/lib/api/handle";
import { getProposalRoute } from "@/lib/api/v1/routes/proposals";

export const GET = routeHandler(getProposalRoute);
