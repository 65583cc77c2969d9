import { routeHandler } from "@/lib/api/handle";
import { moderationQueueRoute } from "@/lib/api/v1/routes/moderation";

export const GET = routeHandler(moderationQueueRoute);
