/**
 * A deliberately small i18n core: typed catalogues (English must have every French key, checked by
 * TypeScript), `{name}` interpolation, and Intl formatters. No Next.js imports: emails, the worker
 * and tests use it too.
 */
import { fr } from "./messages/fr";
import type { Messages } from "./messages/types";
import { en } from "./messages/en";

export const locales = ["fr", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "fr";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

type Catalogue = Messages;
// Dotted paths to every string leaf of the catalogue.
type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<typeof fr>;

const catalogues: Record<Locale, Catalogue> = { fr, en };

export function catalogue(locale: Locale): Catalogue {
  return catalogues[locale];
}

function lookup(messages: unknown, key: string): string | undefined {
  let node: unknown = messages;
  for (const part of key.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : undefined;
}

export type Values = Record<string, string | number>;
export type Translate = (key: MessageKey, values?: Values) => string;

export function interpolate(template: string, values?: Values): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A translator over a catalogue. Unknown keys return the key itself, so a miss is visible, not fatal. */
export function createTranslator(locale: Locale): Translate {
  const messages = catalogues[locale];
  return (key, values) => interpolate(lookup(messages, key) ?? key, values);
}

/** Translate a key that arrives as data (e.g. a zod issue message); falls back to a generic message. */
export function translateDynamic(locale: Locale, key: string, values?: Values): string {
  const messages = catalogues[locale];
  return interpolate(lookup(messages, key) ?? lookup(messages, "errors.invalid") ?? key, values);
}

export function formatDate(locale: Locale, date: Date, style: "long" | "short" = "long"): string {
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: style === "long" ? "long" : "short",
    timeZone: "Europe/Paris",
  }).format(date);
}

export function formatDateTime(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Paris",
  }).format(date);
}

export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB").format(value);
}
