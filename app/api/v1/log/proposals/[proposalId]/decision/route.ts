import { routeHandler } from "@/lib/api/handle";
import { getDecisionInLogRoute } from "@/lib/api/v1/routes/log";

export const GET = routeHandler(getDecisionInLogRoute);
