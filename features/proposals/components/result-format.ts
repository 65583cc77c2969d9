/** Shares and weighted figures as readers see them, in the page's language (1 decimal for a share, 2 for a figure). */
import type { Locale } from "@/lib/i18n/core";

const intl = (locale: Locale) => (locale === "fr" ? "fr-FR" : "en-GB");

// Building an Intl.NumberFormat costs far more than formatting with one (a results page formats
// dozens of figures): one of each per locale, made on first use and kept for the process.
const shares = new Map<Locale, Intl.NumberFormat>();
const figures = new Map<Locale, Intl.NumberFormat>();

function formatter(cache: Map<Locale, Intl.NumberFormat>, locale: Locale, options: Intl.NumberFormatOptions) {
  let found = cache.get(locale);
  if (!found) cache.set(locale, (found = new Intl.NumberFormat(intl(locale), options)));
  return found;
}

export function formatShare(locale: Locale, share: number | null): string {
  if (share === null) return "—";
  return formatter(shares, locale, { style: "percent", maximumFractionDigits: 1 }).format(share);
}

/** Counts stay integers; weighted counts (in ballots) get at most two decimals, never a float artefact. */
export function formatFigure(locale: Locale, value: number): string {
  return formatter(figures, locale, { maximumFractionDigits: 2 }).format(value);
}
