import { routeHandler } from "@/lib/api/handle";
import { listNotificationsRoute } from "@/lib/api/v1/routes/notifications";

export const GET = routeHandler(listNotificationsRoute);
