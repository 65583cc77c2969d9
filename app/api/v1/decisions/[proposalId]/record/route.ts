import { routeHandler } from "@/lib/api/handle";
import { asDecisionRecordDownload, getDecisionRecordRoute } from "@/lib/api/v1/routes/decisions";

export const GET = asDecisionRecordDownload(routeHandler(getDecisionRecordRoute));
