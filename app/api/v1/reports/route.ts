import { routeHandler } from "@/lib/api/handle";
import { createReportRoute } from "@/lib/api/v1/routes/moderation";

export const POST = routeHandler(createReportRoute);
