import { routeHandler } from "@/lib/api/handle";
import { openApiRoute } from "@/lib/api/v1/registry";

export const GET = routeHandler(openApiRoute);
