import { routeHandler } from "@/lib/api/handle";
import { getCommunityRoute } from "@/lib/api/v1/routes/communities";

export const GET = routeHandler(getCommunityRoute);
