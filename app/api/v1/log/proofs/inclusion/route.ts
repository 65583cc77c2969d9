import { routeHandler } from "@/lib/api/handle";
import { getInclusionProofRoute } from "@/lib/api/v1/routes/log";

export const GET = routeHandler(getInclusionProofRoute);
