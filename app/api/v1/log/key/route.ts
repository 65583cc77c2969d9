import { routeHandler } from "@/lib/api/handle";
import { getLogKeyRoute } from "@/lib/api/v1/routes/log";

export const GET = routeHandler(getLogKeyRoute);
