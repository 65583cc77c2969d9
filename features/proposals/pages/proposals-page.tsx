import type { Metadata } from "next";
import { SelectFilter } from "@/components/forms/select-filter";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { formatDate } from "@/lib/i18n/core";
import { decodeCursor } from "@/lib/core/pagination";
import { listProposals } from "@/lib/proposals/queries";
import { proposalStatuses } from "@/lib/proposals/schemas";
import { proposalTitle } from "@/lib/proposals/title";
import { getTranslator } from "@/lib/web/i18n";
import { Breadcrumb } from "@/features/communities/components/breadcrumb";
import { CommunityBadges } from "@/features/communities/components/community-header";
import { communityTitle, readableCommunity } from "@/features/communities/page-access";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ cursor?: string | string[]; status?: string | string[] }>;
};

type Status = (typeof proposalStatuses)[number];
const isStatus = (value: unknown): value is Status =>
  typeof value === "string" && (proposalStatuses as readonly string[]).includes(value);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [name, { t }] = await Promise.all([communityTitle((await params).slug), getTranslator()]);
  return { title: name ? t("votes.list.metaTitle", { community: name }) : t("errors.notFound") };
}

/** A community's proposals, filtered by status, by cursor. */
export async function ProposalsPage({ params, searchParams }: Props) {
  const access = await readableCommunity((await params).slug);
  const { community, may, user } = access;
  const { t, locale } = await getTranslator();
  const query = await searchParams;
  const status = isStatus(query.status) ? query.status : undefined;
  const after = typeof query.cursor === "string" ? (decodeCursor(query.cursor) ?? undefined) : undefined;
  const page = await listProposals(db(), { actor: user, slug: community.slug, status, after, limit: 30 });
  const base = `/communities/${community.slug}/proposals`;
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
      <SelectFilter
        action={base}
        name="status"
        id="status-filter"
        formLabel={t("votes.list.filterLabel")}
        label={t("votes.list.filterLabel")}
        allLabel={t("votes.list.filterAll")}
        submitLabel={t("votes.list.filter")}
        value={status}
        options={proposalStatuses.map((value) => ({ value, label: t(`votes.status.${value}`) }))}
      />
      {page.data.length === 0 ? (
        <p>{t("votes.list.empty")}</p>
      ) : (
        <ul className="fr-raw-list">
          {page.data.map((proposal) => (
            <li key={proposal.id} className="fr-mb-3w">
              <h2 className="fr-h5 fr-mb-1v">
                <Link href={`/proposals/${proposal.id}`}>{proposalTitle(t, proposal)}</Link>
              </h2>
              <p className="fr-text--sm fr-mb-0">
                <span className="fr-badge fr-badge--sm fr-badge--info fr-mr-1w">{t(`votes.status.${proposal.status}`)}</span>
                {t(`votes.method.${proposal.method}`)} · {t("votes.list.by", { author: proposal.author })}
                {proposal.status === "VOTING" && proposal.votingClosesAt
                  ? ` · ${t("votes.list.closesAt", { date: formatDate(locale, proposal.votingClosesAt) })}`
                  : ""}
                {proposal.outcome ? ` · ${t(`votes.outcome.${proposal.outcome}`)}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
      {page.nextCursor && (
        <p>
          <Link
            href={`${base}?${new URLSearchParams({ ...(status ? { status } : {}), cursor: page.nextCursor }).toString()}`}
            className="fr-link"
          >
            {t("votes.list.next")}
          </Link>
        </p>
      )}
    </>
  );
}
