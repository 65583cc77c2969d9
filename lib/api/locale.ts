/** The language of API messages: Accept-Language (fr or en), else the person's saved locale, else French. */
import { defaultLocale, isLocale, type Locale } from "@/lib/i18n/core";

export function negotiateLocale(acceptLanguage: string | null | undefined, userLocale?: Locale | null): Locale {
  const ranges = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { language: tag.trim().toLowerCase().split("-")[0] ?? "", quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((range) => range.quality > 0 && isLocale(range.language))
    // Highest quality first; equal qualities keep the client's order.
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  const chosen = ranges[0]?.language;
  if (isLocale(chosen)) return chosen;
  return userLocale ?? defaultLocale;
}
