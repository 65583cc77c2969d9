import { routeHandler } from "@/lib/api/handle";
import { getSigningKeyRoute } from "@/lib/api/v1/routes/decisions";

export const GET = routeHandler(getSigningKeyRoute);
