import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { formatDate, formatDateTime } from "@/lib/i18n/core";
import { listQueueGroups } from "@/lib/moderation/reports";
import { listPendingAppeals } from "@/lib/moderation/appeals";
import { describeTargets } from "@/lib/moderation/queue-view";
import { queueLive } from "@/lib/live/queue-live";
import { reportReasons, reportStates, reportTargetKinds } from "@/lib/moderation/schemas";
import { getTranslator } from "@/lib/web/i18n";
import { CursorPager } from "@/features/communities/components/member-directory";
import { ModerationHeader } from "@/features/moderation/components/moderation-header";
import { QueueList, type QueueEntry } from "@/features/moderation/components/queue-list";
import { AppealsQueue } from "@/features/moderation/components/appeals-queue";
import { LiveQueue } from "@/features/moderation/components/live-queue";
import { communityPageFor, communityTitle } from "@/features/communities/page-access";

type Query = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Query> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [name, { t }] = await Promise.all([communityTitle((await params).slug), getTranslator()]);
  return { title: name ? t("modui.queue.metaTitle", { community: name }) : t("errors.notFound") };
}

const pick = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined =>
  typeof value === "string" && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

/** The moderation queue (moderators and administrators): filters, items in context, bulk actions. */
export async function ModerationQueuePage({ params, searchParams }: Props) {
  const access = await communityPageFor((await params).slug, "moderation.queue");
  const { community, user } = access;
  const { t, locale } = await getTranslator();
  const query = await searchParams;
  // Open reports by default; "ALL" shows every state.
  const state = query.state === "ALL" ? undefined : (pick(query.state, reportStates) ?? "OPEN");
  const reason = pick(query.reason, reportReasons);
  const targetKind = pick(query.kind, reportTargetKinds);
  // The page's offset in the list of reported items; anything else reads as the first page.
  const from = typeof query.from === "string" && /^\d{1,6}$/.test(query.from) ? Number(query.from) : 0;
  const [page, appeals, live] = await Promise.all([
    listQueueGroups(db(), {
      actor: user!,
      slug: community.slug,
      filter: { state, reason, targetKind, offset: from, limit: 50 },
    }),
    listPendingAppeals(db(), { actor: user!, slug: community.slug }),
    queueLive(db(), community.id),
  ]);
  const { targets, authors, key } = await describeTargets(db(), {
    communityId: community.id,
    communitySlug: community.slug,
    items: page.data,
  });
  const items: QueueEntry[] = page.data.map((item) => ({
    id: key(item.targetKind, item.targetId),
    targetKind: item.targetKind,
    targetId: item.targetId,
    targetAuthorId: item.targetAuthorId,
    authorName: authors.get(item.targetAuthorId) ?? null,
    reports: item.reports.map((r) => ({ id: r.id, comment: r.comment, state: r.state })),
    reasons: item.reasons,
    state: item.state,
    sanctioned: item.sanctioned,
    date: formatDateTime(locale, item.firstReportedAt),
    context: targets.get(key(item.targetKind, item.targetId)) ?? null,
    history: {
      otherReports: item.authorHistory.otherReports,
      sanctions: item.authorHistory.sanctions.map((s) => ({
        id: s.id,
        kind: s.kind,
        date: formatDate(locale, s.createdAt),
        overturned: s.overturned,
      })),
    },
  }));
  const base = `/communities/${community.slug}/moderation`;
  const filters = { state: query.state === "ALL" ? "ALL" : (state ?? ""), reason: reason ?? "", kind: targetKind ?? "" };
  const withFilters = (extra: Record<string, string>) => {
    const search = new URLSearchParams(
      Object.fromEntries(Object.entries({ ...filters, ...extra }).filter(([, v]) => v !== "")),
    ).toString();
    return search ? `${base}?${search}` : base;
  };
  const select = (id: string, name: string, label: string, value: string, options: { value: string; label: string }[]) => (
    <div className="fr-col-12 fr-col-md-3">
      <div className="fr-select-group fr-mb-0">
        <label className="fr-label" htmlFor={id}>
          {label}
        </label>
        <select className="fr-select" id={id} name={name} defaultValue={value}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
  return (
    <>
      <ModerationHeader t={t} community={community} title={t("modui.queue.title")} current="queue" showQueue />
      {/* New reports and appeals appear, handled ones leave, without a reload (lib/live). */}
      <LiveQueue slug={community.slug} stamp={live.id} />
      <AppealsQueue t={t} locale={locale} slug={community.slug} appeals={appeals} />
      <h2 className="fr-h4">{t("modui.queue.reportsTitle")}</h2>
      <p>{t("modui.queue.intro")}</p>
      <form method="get" action={base} className="fr-mb-4w" aria-label={t("modui.queue.filters")}>
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          {select("filter-state", "state", t("modui.queue.state"), filters.state || "OPEN", [
            ...reportStates.map((s) => ({ value: s, label: t(`modui.states.${s}`) })),
            { value: "ALL", label: t("modui.queue.all") },
          ])}
          {select("filter-reason", "reason", t("modui.queue.reason"), filters.reason, [
            { value: "", label: t("modui.queue.all") },
            ...reportReasons.map((r) => ({ value: r, label: t(`modui.reasons.${r}`) })),
          ])}
          {select("filter-kind", "kind", t("modui.queue.kind"), filters.kind, [
            { value: "", label: t("modui.queue.all") },
            ...reportTargetKinds.map((k) => ({ value: k, label: t(`modui.kinds.${k}`) })),
          ])}
          <div className="fr-col-12 fr-col-md-3">
            <button type="submit" className="fr-btn fr-btn--secondary">
              {t("modui.queue.apply")}
            </button>
          </div>
        </div>
      </form>
      {/* Always mounted: the outcome of a bulk action stays on screen after the list empties. */}
      <QueueList slug={community.slug} items={items} />
      <CursorPager
        t={t}
        label={t("modui.queue.next")}
        nextHref={page.nextOffset !== null ? withFilters({ from: String(page.nextOffset) }) : null}
        firstHref={from > 0 ? withFilters({}) : null}
      />
    </>
  );
}
