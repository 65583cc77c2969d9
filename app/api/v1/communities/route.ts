import { routeHandler } from "@/lib/api/handle";
import { listCommunitiesRoute } from "@/lib/api/v1/routes/communities";

export const GET = routeHandler(listCommunitiesRoute);
