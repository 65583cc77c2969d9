import { routeHandler } from "@/lib/api/handle";
import { reviewContributionRoute } from "@/lib/api/v1/routes/commons";

export const POST = routeHandler(reviewContributionRoute);
