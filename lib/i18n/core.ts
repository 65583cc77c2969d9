/**
 * Server side of i18n: the catalogues of both locales (lib/i18n/messages, French first, English complete) and the
 * translators over them, on the use-intl engine of ./engine. Pages, server actions, the API, emails and the worker
 * use it. Client components never import this module (it would ship both catalogues): they get the messages of
 * their page's locale from the root layout through `I18nProvider` and translate with `useT()`
 * (components/i18n/i18n-provider.tsx); tests/unit/i18n.test.ts checks the client module graph for it.
 */
import {
  lookup,
  translatorFor,
  type Locale,
  type MessageKey,
  type Messages,
  type Translate,
  type Translator,
  type Values,
} from "./engine";
import { en } from "./messages/en";
import { fr } from "./messages/fr";

export * from "./engine";

const catalogues: Record<Locale, Messages> = { fr, en };

/** The messages of one locale, e.g. for the root layout to hand to the client provider. */
export function catalogue(locale: Locale): Messages {
  return catalogues[locale];
}

const translators = new Map<Locale, Translator>();

function translator(locale: Locale): Translator {
  let found = translators.get(locale);
  if (!found) translators.set(locale, (found = translatorFor(locale, catalogues[locale])));
  return found;
}

/** `t(key, values)` over the locale's catalogue. An unknown key renders the key itself, so a miss is visible, not fatal. */
export function createTranslator(locale: Locale): Translate {
  return translator(locale).t;
}

/** Translate a key that arrives as data (e.g. a zod issue message); falls back to the generic `errors.invalid`. */
export function translateDynamic(locale: Locale, key: string, values?: Values): string {
  return translator(locale).dynamic(key, values);
}

/** Whether a key that arrives as data (a zod issue, an API error) names a message of the catalogues. */
export function isMessageKey(key: string): key is MessageKey {
  return lookup(fr, key) !== undefined;
}
