import { routeHandler } from "@/lib/api/handle";
import { joinCommunityRoute, leaveCommunityRoute } from "@/lib/api/v1/routes/membership";

export const POST = routeHandler(joinCommunityRoute);
export const DELETE = routeHandler(leaveCommunityRoute);
