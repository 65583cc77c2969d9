import type { Metadata } from "next";
import { LegalPage } from "@/components/layout/legal-page";
import { config } from "@/lib/core/config";
import { getTranslator } from "@/lib/web/i18n";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator()).t("legal.dataTitle") };
}

export async function PersonalDataPage() {
  const { t } = await getTranslator();
  return <LegalPage t={t} title="legal.dataTitle" body="legal.dataBody" operator={config().OPERATOR_NAME} />;
}
