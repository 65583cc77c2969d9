import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/lib/db/client";
import { getCharter, listCharterVersions } from "@/lib/charter/get-charter";
import { diffVersions } from "@/lib/charter/content";
import { formatDate } from "@/lib/i18n/core";
import { getTranslator } from "@/lib/web/i18n";
import { can } from "@/lib/policy/can";
import { Breadcrumb } from "@/features/communities/components/breadcrumb";
import { CommunityBadges } from "@/features/communities/components/community-header";
import { CharterRules } from "@/features/charter/components/charter-rules";
import { CharterParametersList } from "@/features/charter/components/charter-parameters";
import { CharterDiffView } from "@/features/charter/components/charter-diff";
import { VersionHistory } from "@/features/charter/components/version-history";
import { FoundCharterForm } from "@/features/charter/components/found-charter-form";
import { communityTitle, readableCommunity } from "@/features/communities/page-access";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ version?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [name, { t }] = await Promise.all([communityTitle((await params).slug), getTranslator()]);
  return { title: name ? t("charter.metaTitle", { community: name }) : t("errors.notFound") };
}

/** The charter in force (or `?version=N` with its changes from N−1), its history, and founding for administrators. */
export async function CharterPage({ params, searchParams }: Props) {
  const access = await readableCommunity((await params).slug);
  const { community, subject } = access;
  if (!access.may("charter.read")) notFound();
  const [{ t, locale }, query] = await Promise.all([getTranslator(), searchParams]);
  const asked = typeof query.version === "string" && /^\d{1,7}$/.test(query.version) ? Number(query.version) : undefined;
  const [charter, versions] = await Promise.all([
    getCharter(db(), { communityId: community.id, version: asked }),
    listCharterVersions(db(), community.id),
  ]);
  const previous =
    charter && charter.number > 1 ? await getCharter(db(), { communityId: community.id, version: charter.number - 1 }) : null;
  const currentVersion = versions[0]?.number ?? 0;
  const mayFound = can(subject, "charter.found", { ...community, charterVersion: currentVersion });
  const base = `/communities/${community.slug}`;

  return (
    <>
      <Breadcrumb
        t={t}
        items={[{ label: t("pages.nav.home"), href: "/" }, { label: community.name, href: base }, { label: t("charter.title") }]}
      />
      <h1 className="fr-mb-2w">{t("charter.metaTitle", { community: community.name })}</h1>
      <CommunityBadges t={t} community={community} />
      <p className="fr-mt-2w">{t("charter.lead")}</p>

      {currentVersion === 0 ? (
        <>
          <p data-testid="charter-empty">{t("charter.empty")}</p>
          {mayFound && <FoundCharterForm slug={community.slug} />}
        </>
      ) : !charter ? (
        <div className="fr-alert fr-alert--warning fr-mb-4w" role="status">
          <p>{t("charter.versionNotFound")}</p>
          <Link href={`${base}/charter`} className="fr-link">
            {t("charter.backToCurrent")}
          </Link>
        </div>
      ) : (
        <>
          <section aria-labelledby="version-title" className="fr-mb-4w">
            <h2 id="version-title">
              {t("charter.versionDated", { number: charter.number, date: formatDate(locale, charter.createdAt) })}{" "}
              {charter.number === charter.currentVersion && (
                <span className="fr-badge fr-badge--success fr-badge--sm">{t("charter.inForce")}</span>
              )}
            </h2>
            {charter.number !== charter.currentVersion && (
              <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-2w" role="status">
                <p>
                  {t("charter.viewingOld", { number: charter.number })}{" "}
                  <Link href={`${base}/charter`} className="fr-link">
                    {t("charter.backToCurrent")}
                  </Link>
                </p>
              </div>
            )}
            <p data-testid="charter-provenance">
              {charter.proposal ? (
                <>
                  {t("charter.madeByProposal")} <Link href={`/proposals/${charter.proposal.id}`}>{charter.proposal.title}</Link>
                </>
              ) : (
                t("charter.foundingVersion")
              )}
            </p>
            <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm" aria-label={t("charter.export.title")}>
              <li>
                <a
                  className="fr-btn fr-btn--secondary"
                  href={`${base}/charter/export?format=md&version=${charter.number}`}
                  download
                >
                  {t("charter.export.markdown")}
                </a>
              </li>
              <li>
                <a
                  className="fr-btn fr-btn--secondary"
                  href={`${base}/charter/export?format=json&version=${charter.number}`}
                  download
                >
                  {t("charter.export.json")}
                </a>
              </li>
            </ul>
          </section>

          {previous && (
            <section aria-labelledby="diff-title" className="fr-mb-4w">
              <h2 id="diff-title">{t("charter.diff.title", { number: previous.number })}</h2>
              <CharterDiffView t={t} diff={diffVersions(previous, charter)} />
            </section>
          )}

          <section aria-labelledby="rules-title" className="fr-mb-4w">
            <h2 id="rules-title">{t("charter.rulesTitle")}</h2>
            <CharterRules t={t} rules={charter.rules} />
          </section>

          <section aria-labelledby="parameters-title" className="fr-mb-4w">
            <h2 id="parameters-title">{t("charter.parametersTitle")}</h2>
            <p>{t("charter.parametersLead")}</p>
            <CharterParametersList t={t} parameters={charter.parameters} />
          </section>

          <section aria-labelledby="history-title">
            <h2 id="history-title">{t("charter.history.title")}</h2>
            <VersionHistory
              t={t}
              locale={locale}
              slug={community.slug}
              versions={versions}
              shown={charter.number}
              current={charter.currentVersion}
            />
          </section>
        </>
      )}
    </>
  );
}
