/**
 * Serves MapLibre GL's worker script from the installed package. MapLibre v6 finds its worker next to
 * its own module through import.meta.url, which a bundler rewrites, so components/map/maplibre-loader.ts
 * points it here instead. Rendered once at build time (the file then ships with the build output).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

const files = ["maplibre-gl-worker.mjs"] as const;

export const dynamic = "force-static";
export const dynamicParams = false;

export function generateStaticParams() {
  return files.map((file) => ({ file }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  if (!(files as readonly string[]).includes(file)) return new Response("Not found", { status: 404 });
  const body = await readFile(path.join(process.cwd(), "node_modules", "maplibre-gl", "dist", file), "utf8");
  // The source map is not served: drop the reference so browsers do not ask for it.
  const script = body.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n");
  return new Response(script, {
    headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=86400" },
  });
}
