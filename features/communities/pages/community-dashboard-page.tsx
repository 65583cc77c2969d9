import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { communityDashboard } from "@/lib/commons/dashboard";
import { getTranslator } from "@/lib/web/i18n";
import { Breadcrumb } from "@/features/communities/components/breadcrumb";
import { CommunityBadges } from "@/features/communities/components/community-header";
import { DashboardView } from "@/features/ledger/components/dashboard-view";
import { CapturePanel } from "@/features/connectors/components/capture-panel";
import { captureReport, openCaptureAlerts } from "@/lib/commons/capture";
import { communityTitle, readableCommunity } from "@/features/communities/page-access";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [name, { t }] = await Promise.all([communityTitle((await params).slug), getTranslator()]);
  return { title: name ? t("ledger.dashboard.metaTitle", { name }) : t("errors.notFound") };
}

/** Who carries the community's commons: validated contributions across its published commons. */
export async function CommunityDashboardPage({ params }: Props) {
  const { community, user } = await readableCommunity((await params).slug);
  const [{ t, locale }, { stats }, capture, captureAlerts] = await Promise.all([
    getTranslator(),
    communityDashboard(db(), { actor: user, slug: community.slug }),
    captureReport(db(), { communityId: community.id }),
    openCaptureAlerts(db(), community.id, ""),
  ]);
  return (
    <>
      <Breadcrumb
        t={t}
        items={[
          { label: t("pages.nav.home"), href: "/" },
          { label: community.name, href: `/communities/${community.slug}` },
          { label: t("ledger.dashboard.communityTitle") },
        ]}
      />
      <h1 className="fr-mb-2w">
        {t("ledger.dashboard.communityTitle")} — {community.name}
      </h1>
      <CommunityBadges t={t} community={community} />
      <p>{t("ledger.dashboard.communityIntro")}</p>
      <DashboardView t={t} locale={locale} stats={stats} communitySlug={community.slug} />
      <CapturePanel t={t} locale={locale} report={capture} alerts={captureAlerts} />
    </>
  );
}
