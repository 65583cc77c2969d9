import { routeHandler } from "@/lib/api/handle";
import { appealSanctionRoute } from "@/lib/api/v1/routes/moderation";

export const POST = routeHandler(appealSanctionRoute);
