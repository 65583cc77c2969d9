import { routeHandler } from "@/lib/api/handle";
import { getCharterRoute } from "@/lib/api/v1/routes/charter";

export const GET = routeHandler(getCharterRoute);
