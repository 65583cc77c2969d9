import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { mapStyleUrl } from "@/lib/core/config";
import { formatDate, formatNumber } from "@/lib/i18n/core";
import { renderMarkdown } from "@/lib/core/markdown";
import { getCharterParameters } from "@/lib/charter/parameters";
import { listCommonsDecisions } from "@/lib/commons/adoption";
import { proposalTitle } from "@/lib/proposals/title";
import { licenceName } from "@/lib/commons/schemas";
import { can } from "@/lib/policy/can";
import { getTranslator } from "@/lib/web/i18n";
import { Breadcrumb } from "@/features/communities/components/breadcrumb";
import { CoverageMap } from "@/components/map/coverage-map";
import { HiddenNotice } from "@/features/moderation/components/hidden-notice";
import { ReportButton } from "@/features/moderation/components/report-button";
import { FollowButton } from "@/features/notifications/components/follow-button";
import { ModerateContent } from "@/features/moderation/components/moderate-content";
import { CommonsLedgerSection } from "@/features/ledger/components/commons-ledger-section";
import { CommonsLifecycle } from "@/features/commons/components/commons-lifecycle";
import { StatusBadge } from "@/features/commons/components/status-badge";
import { communityAccess } from "@/features/communities/page-access";
import { commonsOr404, loadCommons } from "@/features/commons/load-commons";
import { CaptureAlerts } from "@/features/connectors/components/capture-panel";
import { openCaptureAlerts } from "@/lib/commons/capture";

type Props = { params: Promise<{ slug: string; commonsSlug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, commonsSlug } = await params;
  const [loaded, { t }] = await Promise.all([loadCommons(slug, commonsSlug), getTranslator()]);
  if (!loaded) return { title: t("errors.notFound") };
  const { commons } = loaded;
  const title = commons.withheld ? t("modui.hidden.byModeration") : commons.title;
  return { title: t("commons.page.metaTitle", { title, community: commons.community.name }) };
}

export async function CommonsPage({ params }: Props) {
  const { slug, commonsSlug } = await params;
  const { user, commons } = await commonsOr404(slug, commonsSlug);
  const [{ t, locale }, access, charter, decisions, captureAlerts] = await Promise.all([
    getTranslator(),
    communityAccess(slug),
    getCharterParameters(db(), commons.community.id),
    listCommonsDecisions(db(), commons.id),
    openCaptureAlerts(db(), commons.community.id, commons.id),
  ]);
  const base = `/communities/${commons.community.slug}`;
  const crumbs = (
    <Breadcrumb
      t={t}
      items={[
        { label: t("pages.nav.home"), href: "/" },
        { label: commons.community.name, href: base },
        { label: t("commons.list.title"), href: `${base}/commons` },
        { label: commons.withheld ? t("modui.hidden.byModeration") : commons.title },
      ]}
    />
  );
  if (commons.withheld) {
    return (
      <>
        {crumbs}
        <h1 className="fr-mb-2w">{t("modui.hidden.byModeration")}</h1>
        <HiddenNotice reason={null} viewerIsAuthor={false} />
      </>
    );
  }
  const { viewer } = commons;
  const mayModerate = access ? can(access.subject, "moderation.hide", access.community) : false;
  const description = commons.description.trim();
  const links = (
    [
      ["repositoryUrl", commons.repositoryUrl],
      ["dataUrl", commons.dataUrl],
      ["documentationUrl", commons.documentationUrl],
    ] as const
  ).filter((entry): entry is readonly [(typeof entry)[0], string] => Boolean(entry[1]));
  const fixed = (n: number) => formatNumber(locale, Math.round(n * 1000) / 1000);

  return (
    <>
      {crumbs}
      <h1 className="fr-mb-1w">{commons.title}</h1>
      <ul className="fr-badges-group fr-mb-2w" aria-label={t("commons.page.status")}>
        <li>
          <StatusBadge t={t} status={commons.status} />
        </li>
        <li>
          <p className="fr-badge fr-badge--sm">{t(`commons.kind.${commons.kind}`)}</p>
        </li>
      </ul>
      <CaptureAlerts t={t} locale={locale} alerts={captureAlerts} />
      {commons.hidden && (
        <HiddenNotice
          reason={commons.hiddenReason}
          viewerIsAuthor={viewer.isProposer}
          viewerIsModerator={viewer.isModerator}
          contest={{ communitySlug: commons.community.slug, targetKind: "COMMONS", targetId: commons.id }}
        />
      )}
      {commons.status === "DRAFT" && (
        <div className="fr-notice fr-notice--info fr-mb-2w">
          <div className="fr-container">
            <div className="fr-notice__body">
              <p className="fr-notice__title">{t("commons.page.draftNotice")}</p>
            </div>
          </div>
        </div>
      )}
      <p className="fr-text--lead">{commons.summary}</p>
      <div className="gc-inline-actions fr-mb-2w">
        {viewer.canEdit && (
          <Link className="fr-btn fr-btn--secondary fr-btn--sm" href={`${base}/commons/${commons.slug}/edit`}>
            {t("commons.page.edit")}
          </Link>
        )}
        {user && (
          <FollowButton
            targetKind="COMMONS"
            targetId={commons.id}
            back={`/communities/${commons.community.slug}/commons/${commons.slug}`}
          />
        )}
        {user && !viewer.isProposer && (
          <ReportButton
            communitySlug={commons.community.slug}
            targetKind="COMMONS"
            targetId={commons.id}
            targetAuthorId={commons.proposer?.id}
          />
        )}
        {mayModerate && (
          <ModerateContent
            communitySlug={commons.community.slug}
            targetKind="COMMONS"
            targetId={commons.id}
            hidden={commons.hidden}
          />
        )}
      </div>

      <dl className="fr-mb-2w">
        <dt>{t("commons.page.licence")}</dt>
        <dd>
          {licenceName(commons.licence)} (<code>{commons.licence}</code>)
        </dd>
        <dt>{t("commons.page.community")}</dt>
        <dd>
          <Link href={base}>{commons.community.name}</Link> ·{" "}
          <Link href={`${base}/charter`}>{t("commons.page.charterLink")}</Link>
        </dd>
      </dl>
      {commons.proposer && (
        <p className="fr-text--sm">
          {t("commons.page.proposer", { name: commons.proposer.displayName })} · {formatDate(locale, commons.createdAt)}
        </p>
      )}

      <section aria-labelledby="commons-description" className="fr-mb-4w">
        <h2 id="commons-description">{t("commons.page.description")}</h2>
        {description ? (
          <div className="gc-markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(description) }} />
        ) : (
          <p>{t("commons.page.noDescription")}</p>
        )}
      </section>

      <section aria-labelledby="commons-links" className="fr-mb-4w">
        <h2 id="commons-links">{t("commons.page.links")}</h2>
        {links.length === 0 ? (
          <p>{t("commons.page.noLinks")}</p>
        ) : (
          <ul>
            {links.map(([field, url]) => (
              <li key={field}>
                {t("pages.labelSuffix", { label: t(`commons.form.${field}`) })}{" "}
                <a href={url} rel="noopener noreferrer nofollow">
                  {url}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="commons-coverage" className="fr-mb-4w">
        <h2 id="commons-coverage">{t("commons.page.coverage")}</h2>
        {commons.coverage ? (
          <>
            <CoverageMap
              features={[{ id: commons.id, title: commons.title, geometry: commons.coverage }]}
              label={t("commons.page.coverageMapLabel", { title: commons.title })}
              styleUrl={mapStyleUrl()}
              height={360}
              onRequest
            />
            {commons.bbox && (
              <p className="fr-text--sm fr-mt-1w">
                {t("commons.page.bbox", {
                  minLon: fixed(commons.bbox.minLon),
                  maxLon: fixed(commons.bbox.maxLon),
                  minLat: fixed(commons.bbox.minLat),
                  maxLat: fixed(commons.bbox.maxLat),
                })}
              </p>
            )}
          </>
        ) : (
          <p>{t("commons.page.noCoverage")}</p>
        )}
      </section>

      <section aria-labelledby="commons-stewards" className="fr-mb-4w">
        <h2 id="commons-stewards">{t("commons.page.stewards")}</h2>
        {commons.stewards.length === 0 ? (
          <p>{t("commons.page.noStewards")}</p>
        ) : (
          <ul data-testid="commons-stewards">
            {commons.stewards.map((steward) => (
              <li key={steward.id}>
                {steward.kind === "person" ? (
                  <>
                    {steward.displayName}
                    {steward.organization ? ` (${steward.organization})` : ""} — {t("commons.page.stewardPerson")}
                    {steward.actorKind ? `, ${t(`actorKind.${steward.actorKind}`)}` : ""}
                  </>
                ) : (
                  <>
                    <Link href={`/organisations/${steward.organizationId}`}>{steward.name}</Link> —{" "}
                    {t("commons.page.stewardOrganization")}, {t(`actorKind.${steward.actorKind}`)}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="commons-decisions" className="fr-mb-4w">
        <h2 id="commons-decisions">{t("commons.page.decisions")}</h2>
        {decisions.length === 0 ? (
          <p>{t("commons.page.noDecisions")}</p>
        ) : (
          <ul data-testid="commons-decisions">
            {decisions.map((decision) => (
              <li key={decision.proposalId}>
                <Link href={`/proposals/${decision.proposalId}`}>{proposalTitle(t, decision)}</Link> —{" "}
                {t(`votes.status.${decision.status}`)}
                {decision.outcome
                  ? ` · ${t("commons.page.decisionOutcome", { outcome: t(`votes.outcome.${decision.outcome}`) })}`
                  : ""}
                {" · "}
                {formatDate(locale, decision.closedAt ?? decision.createdAt)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <CommonsLifecycle
        communitySlug={commons.community.slug}
        commonsSlug={commons.slug}
        status={commons.status}
        byVote={charter.commonsAdoptionByVote}
        voteRunning={decisions.some((d) => d.status === "DRAFT" || d.status === "DISCUSSION" || d.status === "VOTING")}
        mayManage={viewer.canEdit}
        mayDecide={viewer.canDecide}
      />

      <CommonsLedgerSection communitySlug={commons.community.slug} commonsSlug={commons.slug} commonsId={commons.id} />
    </>
  );
}
