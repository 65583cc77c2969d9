import { routeHandler } from "@/lib/api/handle";
import { listMembersRoute } from "@/lib/api/v1/routes/communities";

export const GET = routeHandler(listMembersRoute);
