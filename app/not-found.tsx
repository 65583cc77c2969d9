import type { Metadata } from "next";
import Link from "next/link";
import { getTranslator } from "@/lib/web/i18n";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator()).t("errors.notFound") };
}

export default async function NotFound() {
  const { t } = await getTranslator();
  return (
    <>
      <h1>{t("errors.notFound")}</h1>
      <p>{t("errors.notFoundText")}</p>
      <Link className="fr-btn" href="/">
        {t("errors.backHome")}
      </Link>
    </>
  );
}
