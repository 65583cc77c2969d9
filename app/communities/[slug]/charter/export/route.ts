/**
 * The charter as a file: `?format=md|json&version=N` (default: Markdown, the version in force).
 * Same reading rule as the page (charter.read): a charter the person may not read is a 404.
 */
import { z } from "zod";
import { db } from "@/lib/db/client";
import { readCharter } from "@/lib/charter/get-charter";
import { charterFileName, charterToJson, charterToMarkdown } from "@/lib/charter/export";
import { jsonError, handleRouteError } from "@/lib/web/json";
import { currentLocale, currentUser } from "@/lib/web/request";

const querySchema = z.object({
  format: z.enum(["md", "json"]).default("md"),
  version: z.coerce.number().int().min(1).max(1_000_000).optional(),
});

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const [{ slug }, locale, actor] = await Promise.all([params, currentLocale(), currentUser()]);
  const url = new URL(request.url);
  const query = querySchema.safeParse({
    format: url.searchParams.get("format") ?? undefined,
    version: url.searchParams.get("version") ?? undefined,
  });
  if (!query.success) return jsonError(locale, { status: 400, code: "invalid", messageKey: "errors.invalid" });
  try {
    const { community, charter } = await readCharter(db(), { actor, slug, version: query.data.version });
    if (!charter) return jsonError(locale, { status: 404, code: "not_found", messageKey: "errors.notFound" });
    const exportable = { ...charter, community: { slug: community.slug, name: community.name } };
    const headers = {
      "content-disposition": `attachment; filename="${charterFileName(exportable, query.data.format)}"`,
      "cache-control": "private, no-store",
    };
    return query.data.format === "json"
      ? Response.json(charterToJson(exportable), { headers })
      : new Response(charterToMarkdown(exportable, locale), {
          headers: { ...headers, "content-type": "text/markdown; charset=utf-8" },
        });
  } catch (error) {
    return handleRouteError(locale, error);
  }
}
