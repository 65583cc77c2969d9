import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { formatDate, type Translate } from "@/lib/i18n/core";
import { listProposals } from "@/lib/proposals/queries";
import { parseProposalListQuery, proposalSorts } from "@/lib/proposals/list-filters";
import { proposalKinds, proposalStatuses } from "@/lib/proposals/schemas";
import { proposalTitle } from "@/lib/proposals/title";
import { getTranslator } from "@/lib/web/i18n";
import { Breadcrumb } from "@/features/communities/components/breadcrumb";
import { CommunityBadges } from "@/features/communities/components/community-header";
import { communityTitle, readableCommunity } from "@/features/communities/page-access";
import { OutcomeBadge } from "@/features/proposals/components/outcome-badge";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [name, { t }] = await Promise.all([communityTitle((await params).slug), getTranslator()]);
  return { title: name ? t("votes.list.metaTitle", { community: name }) : t("errors.notFound") };
}

/** A select of the filter form, its message at the field when the URL gave a value it does not know. */
function Select({
  t,
  id,
  name,
  label,
  value,
  error,
  options,
  allLabel,
}: {
  t: Translate;
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  error: string | undefined;
  options: { value: string; label: string }[];
  allLabel?: string;
}) {
  return (
    <div className={`fr-select-group fr-mb-0${error ? " fr-select-group--error" : ""}`}>
      <label className="fr-label" htmlFor={id}>
        {label}
      </label>
      <select
        className={`fr-select${error ? " fr-select--error" : ""}`}
        id={id}
        name={name}
        defaultValue={error ? "" : (value ?? "")}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {allLabel && <option value="">{allLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error && (
        <p className="fr-error-text" id={`${id}-error`}>
          {t(error as "results.list.invalid")} {t("results.list.ignored")}
        </p>
      )}
    </div>
  );
}

/**
 * A community's proposals: newest first by default, searched by words, filtered by state and kind
 * (lib/proposals/list-filters.ts: a bad value is ignored with a message at its field), and for an open
 * public vote, to its members, the electors who have not voted yet.
 */
export async function ProposalsPage({ params, searchParams }: Props) {
  const access = await readableCommunity((await params).slug);
  const { community, may, user } = access;
  const { t, locale } = await getTranslator();
  const { filters, errors, values } = parseProposalListQuery(await searchParams);
  const page = await listProposals(db(), { actor: user, slug: community.slug, ...filters, limit: 30 });
  const base = `/communities/${community.slug}/proposals`;
  const kept = Object.fromEntries(
    (["q", "status", "kind"] as const).flatMap((key) => (filters[key] ? [[key, filters[key]]] : [])),
  ) as Record<string, string>;
  if (filters.sort !== "newest") kept.sort = filters.sort;
  const filtered = Object.keys(kept).length > 0;
  // The page ignores a bad value (the API refuses it): the field's message says so.
  const message = (key: string | undefined) =>
    key ? `${t(key as "results.list.invalid")} ${t("results.list.ignored")}` : undefined;
  return (
    <>
      <Breadcrumb
        t={t}
        items={[
          { label: t("pages.nav.home"), href: "/" },
          { label: community.name, href: `/communities/${community.slug}` },
          { label: t("votes.list.title") },
        ]}
      />
      <h1 className="fr-mb-2w">
        {t("votes.list.title")} — {community.name}
      </h1>
      <CommunityBadges t={t} community={community} />
      {may("proposal.create") && (
        <p>
          <Link href={`${base}/new`} className="fr-btn fr-icon-add-line fr-btn--icon-left">
            {t("votes.list.create")}
          </Link>
        </p>
      )}
      <form
        method="get"
        action={base}
        className="fr-mb-4w"
        aria-label={t("votes.list.filterLabel")}
        data-testid="proposal-filters"
      >
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-4">
            <div className={`fr-input-group fr-mb-0${errors.q ? " fr-input-group--error" : ""}`}>
              <label className="fr-label" htmlFor="proposal-search">
                {t("results.list.search")}
                <span className="fr-hint-text">{t("results.list.searchHint")}</span>
              </label>
              <input
                className={`fr-input${errors.q ? " fr-input--error" : ""}`}
                type="search"
                id="proposal-search"
                name="q"
                defaultValue={values.q ?? ""}
                maxLength={200}
                aria-describedby={errors.q ? "proposal-search-error" : undefined}
              />
              {errors.q && (
                <p className="fr-error-text" id="proposal-search-error">
                  {message(errors.q)}
                </p>
              )}
            </div>
          </div>
          <div className="fr-col-12 fr-col-sm-6 fr-col-md-2">
            <Select
              t={t}
              id="status-filter"
              name="status"
              label={t("votes.list.filterLabel")}
              value={filters.status}
              error={errors.status}
              allLabel={t("votes.list.filterAll")}
              options={proposalStatuses.map((value) => ({ value, label: t(`votes.status.${value}`) }))}
            />
          </div>
          <div className="fr-col-12 fr-col-sm-6 fr-col-md-2">
            <Select
              t={t}
              id="kind-filter"
              name="kind"
              label={t("results.list.kind")}
              value={filters.kind}
              error={errors.kind}
              allLabel={t("results.list.kindAll")}
              options={proposalKinds.map((value) => ({ value, label: t(`votes.kind.${value}`) }))}
            />
          </div>
          <div className="fr-col-12 fr-col-sm-6 fr-col-md-2">
            <Select
              t={t}
              id="sort-filter"
              name="sort"
              label={t("results.list.sort")}
              value={filters.sort}
              error={errors.sort}
              options={proposalSorts.map((value) => ({ value, label: t(`results.list.${value}`) }))}
            />
          </div>
          <div className="fr-col-12 fr-col-sm-6 fr-col-md-2">
            <button type="submit" className="fr-btn fr-btn--secondary">
              {t("results.list.apply")}
            </button>
          </div>
        </div>
        {errors.cursor && <p className="fr-error-text">{message(errors.cursor)}</p>}
        {filtered && (
          <p className="fr-mt-1w fr-mb-0">
            <Link href={base} className="fr-link">
              {t("results.list.reset")}
            </Link>
          </p>
        )}
      </form>
      {page.data.length === 0 ? (
        <p role="status">{t("votes.list.empty")}</p>
      ) : (
        <ul className="fr-raw-list" data-testid="proposal-list">
          {page.data.map((proposal) => (
            <li key={proposal.id} className="fr-mb-3w">
              <h2 className="fr-h5 fr-mb-1v">
                <Link href={`/proposals/${proposal.id}`}>{proposalTitle(t, proposal)}</Link>
              </h2>
              <ul className="fr-badges-group fr-mb-1v">
                <li>
                  <p className="fr-badge fr-badge--sm fr-badge--info">{t(`votes.status.${proposal.status}`)}</p>
                </li>
                <li>
                  <p className="fr-badge fr-badge--sm">{t(`votes.kind.${proposal.kind}`)}</p>
                </li>
                {proposal.outcome && (
                  <li>
                    <OutcomeBadge t={t} outcome={proposal.outcome} small />
                  </li>
                )}
              </ul>
              <p className="fr-text--sm fr-mb-0">
                {t(`votes.method.${proposal.method}`)} · {t("votes.list.by", { author: proposal.author })} ·{" "}
                {t("results.list.createdAt", { date: formatDate(locale, proposal.createdAt) })}
                {proposal.status === "VOTING" && proposal.votingClosesAt
                  ? ` · ${t("votes.list.closesAt", { date: formatDate(locale, proposal.votingClosesAt) })}`
                  : ""}
              </p>
              {proposal.pendingElectors && (
                <details className="fr-mt-1w" data-testid="pending-electors">
                  <summary>
                    {proposal.pendingElectors.length === 0
                      ? t("results.list.pendingNone")
                      : t("results.list.pending", { count: proposal.pendingElectors.length })}
                  </summary>
                  {proposal.pendingElectors.length > 0 && (
                    <ul aria-label={t("results.list.pendingTitle")}>
                      {proposal.pendingElectors.map((name, index) => (
                        <li key={index}>{name}</li>
                      ))}
                    </ul>
                  )}
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
      {page.nextCursor && (
        <p>
          <Link href={`${base}?${new URLSearchParams({ ...kept, cursor: page.nextCursor }).toString()}`} className="fr-link">
            {t("votes.list.next")}
          </Link>
        </p>
      )}
    </>
  );
}
