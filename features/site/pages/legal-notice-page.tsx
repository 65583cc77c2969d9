import type { Metadata } from "next";
import { LegalPage } from "@/components/layout/legal-page";
import { config } from "@/lib/core/config";
import { getTranslator } from "@/lib/web/i18n";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator()).t("legal.legalTitle") };
}

export async function LegalNoticePage() {
  const { t } = await getTranslator();
  return <LegalPage t={t} title="legal.legalTitle" body="legal.legalBody" operator={config().OPERATOR_NAME} />;
}
