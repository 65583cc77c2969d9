import { createTranslator, type Locale, type Translate } from "@/lib/i18n/core";
import { currentLocale } from "./request";

export async function getTranslator(): Promise<{ t: Translate; locale: Locale }> {
  const locale = await currentLocale();
  return { t: createTranslator(locale), locale };
}
