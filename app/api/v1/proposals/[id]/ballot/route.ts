import { routeHandler } from "@/lib/api/handle";
import { castBallotRoute, withdrawBallotRoute } from "@/lib/api/v1/routes/proposals";

export const PUT = routeHandler(castBallotRoute);
export const DELETE = routeHandler(withdrawBallotRoute);
