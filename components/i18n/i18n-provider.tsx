"use client";
/**
 * Gives client components the page's locale and the messages of that locale only, received from the root layout
 * (server) as props: this module never imports a catalogue, so the client bundle carries none and each page gets
 * one language. Translation is use-intl's (`IntlProvider`, `useTranslations`) behind our typed `useT()`.
 */
import { useMemo, useState, type ReactNode } from "react";
import { IntlProvider, useLocale as useIntlLocale, useMessages, useTranslations } from "use-intl";
import {
  timeZone,
  wrapTranslator,
  type IntlTranslate,
  type Locale,
  type Messages,
  type Translate,
  type Values,
} from "@/lib/i18n/engine";

export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: Messages; children: ReactNode }) {
  // A refresh of the root layout sends an equal catalogue again: keep the first one for the locale, so that `t`
  // keeps its identity (and effects depending on it do not run again) until the language changes.
  const [current, setCurrent] = useState({ locale, messages });
  if (current.locale !== locale) setCurrent({ locale, messages });
  const shown = current.locale === locale ? current.messages : messages;
  return (
    <IntlProvider locale={locale} messages={shown} timeZone={timeZone}>
      {children}
    </IntlProvider>
  );
}

export function useLocale(): Locale {
  return useIntlLocale();
}

function useTranslator() {
  const base = useTranslations();
  const messages = useMessages();
  return useMemo(() => wrapTranslator(base as unknown as IntlTranslate, messages), [base, messages]);
}

export function useT(): Translate {
  return useTranslator().t;
}

/** For keys that arrive as data (zod issues, server errors). */
export function useTranslateDynamic(): (key: string | undefined, values?: Values) => string | undefined {
  const { dynamic } = useTranslator();
  return useMemo(() => (key, values) => (key ? dynamic(key, values) : undefined), [dynamic]);
}
