import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/lib/db/client";
import { linkSettings } from "@/lib/core/config";
import { listSources, mayManageSources } from "@/lib/connectors/sources";
import { getTranslator } from "@/lib/web/i18n";
import { CommonsSubpageHeader } from "@/features/commons/components/commons-subpage-header";
import { ledgerPageAccess, requireLedgerPage } from "@/features/ledger/components/ledger-page-access";
import { AttachSourceForm } from "@/features/connectors/components/attach-source-form";
import { SourceCard } from "@/features/connectors/components/source-card";

type Props = { params: Promise<{ slug: string; commonsSlug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, commonsSlug } = await params;
  const [access, { t }] = await Promise.all([ledgerPageAccess(slug, commonsSlug), getTranslator()]);
  return { title: access ? t("connectors.sources.metaTitle", { commons: access.commons.title }) : t("errors.notFound") };
}

/** A commons' contribution sources (issue 16): those who carry it and administrators attach and watch them. */
export async function SourcesPage({ params }: Props) {
  const { slug, commonsSlug } = await params;
  const ledger = await requireLedgerPage(slug, commonsSlug);
  if (!mayManageSources(ledger)) notFound();
  const { commons, user } = ledger;
  const [{ t, locale }, sources] = await Promise.all([
    getTranslator(),
    listSources(db(), { actor: user, communitySlug: slug, commonsSlug }),
  ]);
  const community = commons.community;
  const commonsHref = `/communities/${community.slug}/commons/${commons.slug}`;
  const hookBase = `${linkSettings().appUrl.replace(/\/+$/, "")}/api/v1/hooks`;
  return (
    <>
      <CommonsSubpageHeader t={t} commons={commons} title={t("connectors.sources.title")} />
      <p className="fr-text--lead">{t("connectors.sources.intro")}</p>
      <p>
        <Link className="fr-link" href={`${commonsHref}/ledger`}>
          {t("connectors.sources.toLedger")}
        </Link>{" "}
        ·{" "}
        <Link className="fr-link" href="/api/v1/openapi.json">
          {t("connectors.sources.apiDoc")}
        </Link>
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-7">
          <h2 className="fr-h4">{t("connectors.sources.listTitle", { count: sources.length })}</h2>
          {sources.length === 0 && <p>{t("connectors.sources.none")}</p>}
          {sources.map((source) => (
            <SourceCard
              key={source.id}
              t={t}
              locale={locale}
              source={source}
              communitySlug={community.slug}
              commonsSlug={commons.slug}
              hookBase={hookBase}
            />
          ))}
        </div>
        <div className="fr-col-12 fr-col-lg-5">
          <AttachSourceForm communitySlug={community.slug} commonsSlug={commons.slug} hookBase={hookBase} />
        </div>
      </div>
    </>
  );
}
