import { routeHandler } from "@/lib/api/handle";
import { getCommonsRoute } from "@/lib/api/v1/routes/commons";

export const GET = routeHandler(getCommonsRoute);
