import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { listLedgerPage } from "@/lib/commons/ledger";
import { contributionStates, ledgerQuerySchema } from "@/lib/commons/ledger-schemas";
import { can } from "@/lib/policy/can";
import { mayManageSources } from "@/lib/connectors/sources";
import { getTranslator } from "@/lib/web/i18n";
import { CommonsSubpageHeader } from "@/features/commons/components/commons-subpage-header";
import { SelectFilter } from "@/components/forms/select-filter";
import { ContributionList } from "@/features/ledger/components/contribution-list";
import { RecordContributionForm } from "@/features/ledger/components/record-contribution-form";
import { ledgerPageAccess, requireLedgerPage } from "@/features/ledger/components/ledger-page-access";
import { ParticipationNotice } from "@/features/moderation/components/participation-notice";

type Props = {
  params: Promise<{ slug: string; commonsSlug: string }>;
  searchParams: Promise<{ cursor?: string | string[]; state?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, commonsSlug } = await params;
  const [access, { t }] = await Promise.all([ledgerPageAccess(slug, commonsSlug), getTranslator()]);
  return { title: access ? t("ledger.page.metaTitle", { commons: access.commons.title }) : t("errors.notFound") };
}

/** A commons' whole ledger, most recent first, filtered by state, by cursor; the record form for members. */
export async function LedgerPage({ params, searchParams }: Props) {
  const { slug, commonsSlug } = await params;
  const ledger = await requireLedgerPage(slug, commonsSlug);
  const { commons, access, user, isModerator, mayRecord, mayReview } = ledger;
  const query = ledgerQuerySchema.parse(await searchParams);
  const [{ t, locale }, page] = await Promise.all([
    getTranslator(),
    listLedgerPage(db(), { commons, actor: user, isModerator }, { cursor: query.cursor, state: query.state, limit: 20 }),
  ]);
  const community = commons.community;
  const commonsHref = `/communities/${community.slug}/commons/${commons.slug}`;
  const base = `${commonsHref}/ledger`;
  return (
    <>
      <CommonsSubpageHeader t={t} commons={commons} title={t("ledger.page.title")} />
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm fr-mb-4w">
        <li>
          <Link className="fr-btn fr-btn--secondary" href={commonsHref}>
            {t("ledger.page.commons")}
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--tertiary" href={`${commonsHref}/dashboard`}>
            {t("ledger.section.dashboard")}
          </Link>
        </li>
        {mayManageSources(ledger) && (
          <li>
            <Link className="fr-btn fr-btn--tertiary" href={`${commonsHref}/sources`}>
              {t("connectors.sources.manage")}
            </Link>
          </li>
        )}
      </ul>
      <SelectFilter
        action={base}
        name="state"
        id="state-filter"
        formLabel={t("ledger.page.filterForm")}
        label={t("ledger.page.filterLabel")}
        allLabel={t("ledger.page.filterAll")}
        submitLabel={t("ledger.page.filter")}
        value={query.state}
        options={contributionStates.map((value) => ({ value, label: t(`ledger.states.${value}`) }))}
      />
      <section aria-labelledby="ledger-list-title" className="fr-mb-4w">
        <h2 id="ledger-list-title" className="fr-h4">
          {t("ledger.page.count")}
        </h2>
        <ContributionList
          t={t}
          locale={locale}
          communitySlug={community.slug}
          commonsSlug={commons.slug}
          items={page.data}
          empty={t("ledger.page.empty")}
          headingLevel={3}
          viewer={{
            signedIn: user !== null,
            mayReview,
            mayReport: user !== null && can(access.subject, "report.create", access.community),
          }}
        />
        <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
          {query.cursor && (
            <li>
              <Link className="fr-link" href={`${base}${query.state ? `?state=${query.state}` : ""}`}>
                {t("ledger.page.first")}
              </Link>
            </li>
          )}
          {page.nextCursor && (
            <li>
              <Link
                className="fr-link"
                href={`${base}?${new URLSearchParams({ ...(query.state ? { state: query.state } : {}), cursor: page.nextCursor }).toString()}`}
              >
                {t("ledger.page.next")}
              </Link>
            </li>
          )}
        </ul>
      </section>
      {/* Where they would record: sign in, or why a suspended or banned member cannot. */}
      <ParticipationNotice
        action="contribute"
        when={!mayRecord}
        communityId={community.id}
        communitySlug={community.slug}
        user={user}
        backTo={`/communities/${community.slug}/commons/${commons.slug}/ledger`}
      />
      {mayRecord && (
        <section aria-label={t("ledger.form.label")} className="fr-mb-4w">
          <RecordContributionForm communitySlug={community.slug} commonsSlug={commons.slug} />
        </section>
      )}
    </>
  );
}
