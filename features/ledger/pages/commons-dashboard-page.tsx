import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { commonsStats } from "@/lib/commons/dashboard";
import { getTranslator } from "@/lib/web/i18n";
import { CommonsSubpageHeader } from "@/features/commons/components/commons-subpage-header";
import { DashboardView } from "@/features/ledger/components/dashboard-view";
import { CapturePanel } from "@/features/connectors/components/capture-panel";
import { captureReport, openCaptureAlerts } from "@/lib/commons/capture";
import { ledgerPageAccess, requireLedgerPage } from "@/features/ledger/components/ledger-page-access";

type Props = { params: Promise<{ slug: string; commonsSlug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, commonsSlug } = await params;
  const [access, { t }] = await Promise.all([ledgerPageAccess(slug, commonsSlug), getTranslator()]);
  return { title: access ? t("ledger.dashboard.metaTitle", { name: access.commons.title }) : t("errors.notFound") };
}

/** Who carries this commons: validated contributions by kind of actor, month, type, college, organisation, person. */
export async function CommonsDashboardPage({ params }: Props) {
  const { slug, commonsSlug } = await params;
  const { commons } = await requireLedgerPage(slug, commonsSlug);
  const [{ t, locale }, stats, capture, captureAlerts] = await Promise.all([
    getTranslator(),
    commonsStats(db(), commons.id),
    captureReport(db(), { communityId: commons.community.id, commonsId: commons.id }),
    openCaptureAlerts(db(), commons.community.id, commons.id),
  ]);
  const community = commons.community;
  const commonsHref = `/communities/${community.slug}/commons/${commons.slug}`;
  return (
    <>
      <CommonsSubpageHeader t={t} commons={commons} title={t("ledger.dashboard.title")} />
      <p>{t("ledger.dashboard.intro")}</p>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm fr-mb-4w">
        <li>
          <Link className="fr-btn fr-btn--secondary" href={`${commonsHref}/ledger`}>
            {t("ledger.dashboard.ledgerLink")}
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--tertiary" href={`/communities/${community.slug}/dashboard`}>
            {t("ledger.dashboard.communityLink")}
          </Link>
        </li>
      </ul>
      <DashboardView t={t} locale={locale} stats={stats} communitySlug={community.slug} />
      <CapturePanel t={t} locale={locale} report={capture} alerts={captureAlerts} />
    </>
  );
}
