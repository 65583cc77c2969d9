import { routeHandler } from "@/lib/api/handle";
import { listContributionsRoute, recordContributionRoute } from "@/lib/api/v1/routes/commons";

export const GET = routeHandler(listContributionsRoute);
export const POST = routeHandler(recordContributionRoute);
