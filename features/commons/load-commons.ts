/** The commons of a page, loaded once per request (metadata and page share it); 404 when not visible. */
import { cache } from "react";
import { notFound } from "next/navigation";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/core/errors";
import { getCommonsBySlug } from "@/lib/commons/read";
import { currentUser } from "@/lib/web/request";

export const loadCommons = cache(async (slug: string, commonsSlug: string) => {
  const user = await currentUser();
  try {
    return { user, commons: await getCommonsBySlug(db(), user, slug, commonsSlug) };
  } catch (error) {
    if (isAppError(error) && (error.status === 404 || error.status === 401)) return null;
    throw error;
  }
});

export async function commonsOr404(slug: string, commonsSlug: string) {
  const loaded = await loadCommons(slug, commonsSlug);
  if (!loaded) notFound();
  return loaded;
}
