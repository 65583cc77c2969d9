import { ogcHandler } from "@/lib/opendata/ogc";

export const dynamic = "force-dynamic";

/** OGC API – Features: landing page, conformance, collections, the `commons` collection and its items. */
export const GET = ogcHandler();
