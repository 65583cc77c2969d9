import { routeHandler } from "@/lib/api/handle";
import { getLogCharterVersionRoute } from "@/lib/api/v1/routes/log";

export const GET = routeHandler(getLogCharterVersionRoute);
