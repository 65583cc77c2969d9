import { routeHandler } from "@/lib/api/handle";
import { getWitnessKeyRoute } from "@/lib/api/v1/routes/log";

export const GET = routeHandler(getWitnessKeyRoute);
