import { routeHandler } from "@/lib/api/handle";
import { getLogCommunityRoute } from "@/lib/api/v1/routes/log";

export const GET = routeHandler(getLogCommunityRoute);
