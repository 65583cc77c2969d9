import { routeHandler } from "@/lib/api/handle";
import { proposeCommonsRoute } from "@/lib/api/v1/routes/commons";

export const POST = routeHandler(proposeCommonsRoute);
