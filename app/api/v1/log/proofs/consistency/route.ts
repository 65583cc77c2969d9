import { routeHandler } from "@/lib/api/handle";
import { getConsistencyProofRoute } from "@/lib/api/v1/routes/log";

export const GET = routeHandler(getConsistencyProofRoute);
