/**
 * The i18n engine on use-intl: ICU MessageFormat messages (`{name}`, `{count, plural, one {# vote} other {# votes}}`,
 * `{kind, select, …}`) compiled once and cached, typed keys, Intl formatters.
 *
 * This module imports no catalogue, so client components may use it: the browser receives the messages of one
 * locale from the root layout (`<I18nProvider messages>`), the server reads them in `lib/i18n/core.ts`. No Next.js
 * imports: emails, the worker and tests use it too.
 *
 * Numbers passed as a plain `{arg}` print as `String(n)`, as before use-intl (identifiers, years, coordinates must
 * not become "1 234" or "2,351"); inside a plural `#` prints the count formatted for the locale.
 */
import { _createCache, _createIntlFormatters, createTranslator as createIntlTranslator, hasLocale } from "use-intl/core";
import type { fr } from "./messages/fr";
import type { Messages } from "./messages/types";

export type { Messages } from "./messages/types";

export const locales = ["fr", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "fr";
/** Dates in messages and formatters are shown in metropolitan France's time, on the server and in the browser alike. */
export const timeZone = "Europe/Paris";

// use-intl's own APIs (useTranslations, useLocale, IntlProvider…) know our locales and catalogue shape.
declare module "use-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}

export function isLocale(value: unknown): value is Locale {
  return hasLocale(locales, value);
}

// Dotted paths to every string leaf of the catalogue: an unknown key is a TypeScript error.
type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<typeof fr>;

export type Values = Record<string, string | number>;
export type Translate = (key: MessageKey, values?: Values) => string;
/** For keys that arrive as data (zod issues, API errors): an unknown key gives the generic `errors.invalid`. */
export type TranslateDynamic = (key: string, values?: Values) => string;
export type Translator = { t: Translate; dynamic: TranslateDynamic };

/** The call shape shared by use-intl's `createTranslator` and `useTranslations`, without its per-key typing. */
export type IntlTranslate = (key: string, values?: Record<string, string | number>) => string;

function asText(values: Values | undefined): Values | undefined {
  if (!values) return values;
  const out: Values = {};
  for (const [name, value] of Object.entries(values)) out[name] = typeof value === "number" ? String(value) : value;
  return out;
}

/** The message at a dotted key, own properties only (a key from data such as "constructor" is no message). */
export function lookup(messages: unknown, key: string): string | undefined {
  let node: unknown = messages;
  for (const part of key.split(".")) {
    if (node === null || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : undefined;
}

/** Our `t` and `dynamic` over a use-intl translator (server: `createTranslator`; browser: `useTranslations`). */
export function wrapTranslator(base: IntlTranslate, messages: unknown): Translator {
  const t: Translate = (key, values) => base(key, asText(values));
  const dynamic: TranslateDynamic = (key, values) => {
    if (lookup(messages, key) !== undefined) return base(key, asText(values));
    return lookup(messages, "errors.invalid") !== undefined ? base("errors.invalid", asText(values)) : key;
  };
  return { t, dynamic };
}

// One cache of compiled messages and Intl objects for the process (server) or the tab (browser).
const cache = _createCache();
const formatters = _createIntlFormatters(cache);

/** A translator over the messages of one locale. A missing key or value renders the key, never throws. */
export function translatorFor(locale: Locale, messages: Messages): Translator {
  const base = createIntlTranslator({ locale, messages, timeZone, _cache: cache, _formatters: formatters });
  return wrapTranslator(base as unknown as IntlTranslate, messages);
}

const intlLocale = (locale: Locale) => (locale === "fr" ? "fr-FR" : "en-GB");

export function formatDate(locale: Locale, date: Date, style: "long" | "short" = "long"): string {
  return formatters
    .getDateTimeFormat(intlLocale(locale), { dateStyle: style === "long" ? "long" : "short", timeZone })
    .format(date);
}

export function formatDateTime(locale: Locale, date: Date): string {
  return formatters.getDateTimeFormat(intlLocale(locale), { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
}

export function formatNumber(locale: Locale, value: number): string {
  return formatters.getNumberFormat(intlLocale(locale)).format(value);
}
