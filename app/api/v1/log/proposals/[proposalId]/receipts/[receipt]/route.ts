import { routeHandler } from "@/lib/api/handle";
import { getReceiptProofRoute } from "@/lib/api/v1/routes/log";

export const GET = routeHandler(getReceiptProofRoute);
