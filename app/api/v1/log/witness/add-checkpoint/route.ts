import { witnessHandler } from "@/lib/api/v1/routes/log";

export const POST = witnessHandler();
