import { routeHandler } from "@/lib/api/handle";
import { getDecisionRoute } from "@/lib/api/v1/routes/proposals";

export const GET = routeHandler(getDecisionRoute);
