import { routeHandler } from "@/lib/api/handle";
import { markNotificationsReadRoute } from "@/lib/api/v1/routes/notifications";

export const POST = routeHandler(markNotificationsReadRoute);
