import { downloadOwnData } from "@/features/profile/download-data";

export const dynamic = "force-dynamic";

/** The signed-in person's data as a JSON file (401 for anyone else). */
export const GET = downloadOwnData;
