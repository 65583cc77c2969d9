import { routeHandler } from "@/lib/api/handle";
import { listLogEntriesRoute } from "@/lib/api/v1/routes/log";

export const GET = routeHandler(listLogEntriesRoute);
