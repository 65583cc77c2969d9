"use client";
/**
 * Gives client components the person's locale and catalogue. The catalogue is small enough to send
 * whole; a split per page can come when it grows.
 */
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { createTranslator, translateDynamic, type Locale, type Translate, type Values } from "@/lib/i18n/core";

const LocaleContext = createContext<Locale>("fr");

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function useT(): Translate {
  const locale = useLocale();
  return useMemo(() => createTranslator(locale), [locale]);
}

/** For keys that arrive as data (zod issues, server errors). */
export function useTranslateDynamic(): (key: string | undefined, values?: Values) => string | undefined {
  const locale = useLocale();
  return (key, values) => (key ? translateDynamic(locale, key, values) : undefined);
}
