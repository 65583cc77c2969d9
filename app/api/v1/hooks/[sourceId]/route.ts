import { hookHandler } from "@/lib/api/v1/routes/hooks";

export const POST = hookHandler;
