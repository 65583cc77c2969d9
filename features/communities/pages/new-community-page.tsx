import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CreateCommunityForm } from "@/features/communities/components/create-community-form";
import { getTranslator } from "@/lib/web/i18n";
import { currentUser } from "@/lib/web/request";
import { redirectToSignIn } from "@/features/auth/return-to-server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator()).t("pages.newCommunity.title") };
}

export async function NewCommunityPage() {
  const user = await currentUser();
  if (!user) return redirectToSignIn();
  if (!user.onboarded) redirect("/onboarding");
  const { t } = await getTranslator();
  return (
    <>
      <nav role="navigation" className="fr-breadcrumb" aria-label={t("pages.nav.breadcrumb")}>
        <ol className="fr-breadcrumb__list">
          <li>
            <Link className="fr-breadcrumb__link" href="/">
              {t("pages.nav.home")}
            </Link>
          </li>
          <li>
            <a className="fr-breadcrumb__link" aria-current="page">
              {t("pages.newCommunity.title")}
            </a>
          </li>
        </ol>
      </nav>
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-9 fr-col-lg-8">
          <h1>{t("pages.newCommunity.title")}</h1>
          <p>{t("pages.newCommunity.lead")}</p>
          <CreateCommunityForm />
        </div>
      </div>
    </>
  );
}
