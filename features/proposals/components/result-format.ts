/** Shares and weighted figures as readers see them, in the page's language (1 decimal for a share, 2 for a figure). */
import type { Locale } from "@/lib/i18n/core";

const intl = (locale: Locale) => (locale === "fr" ? "fr-FR" : "en-GB");

export function formatShare(locale: Locale, share: number | null): string {
  if (share === null) return "—";
  return new Intl.NumberFormat(intl(locale), { style: "percent", maximumFractionDigits: 1 }).format(share);
}

/** Counts stay integers; weighted counts (in ballots) get at most two decimals, never a float artefact. */
export function formatFigure(locale: Locale, value: number): string {
  return new Intl.NumberFormat(intl(locale), { maximumFractionDigits: 2 }).format(value);
}
