import { routeHandler } from "@/lib/api/handle";
import { asPlainText, getLogCheckpointRoute } from "@/lib/api/v1/routes/log";

export const GET = asPlainText(routeHandler(getLogCheckpointRoute));
