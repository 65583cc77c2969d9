import { routeHandler } from "@/lib/api/handle";
import { listCommonsRoute } from "@/lib/api/v1/routes/commons";

export const GET = routeHandler(listCommonsRoute);
