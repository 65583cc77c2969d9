import { routeHandler } from "@/lib/api/handle";
import { moderationActionRoute } from "@/lib/api/v1/routes/moderation";

export const POST = routeHandler(moderationActionRoute);
