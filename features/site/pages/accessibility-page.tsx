import type { Metadata } from "next";
import { LegalPage } from "@/components/layout/legal-page";
import { config } from "@/lib/core/config";
import { getTranslator } from "@/lib/web/i18n";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator()).t("legal.accessibilityTitle") };
}

export async function AccessibilityPage() {
  const { t } = await getTranslator();
  return <LegalPage t={t} title="legal.accessibilityTitle" body="legal.accessibilityBody" operator={config().OPERATOR_NAME} />;
}
