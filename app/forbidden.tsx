import type { Metadata } from "next";
import Link from "next/link";
import { getTranslator } from "@/lib/web/i18n";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator()).t("pages.forbidden.title") };
}

/** Rendered with status 403 when a page calls forbidden(): signed in, but not allowed here. */
export default async function Forbidden() {
  const { t } = await getTranslator();
  return (
    <>
      <h1>{t("pages.forbidden.title")}</h1>
      <div className="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="forbidden">
        <p className="fr-alert__title">{t("pages.forbidden.title")}</p>
        <p>{t("errors.forbidden")}</p>
      </div>
      <Link className="fr-btn" href="/">
        {t("errors.backHome")}
      </Link>
    </>
  );
}
