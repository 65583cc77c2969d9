import { SelectFilter } from "@/components/forms/select-filter";
import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { auditActions, listAudit, type AuditAction } from "@/lib/audit/record";
import { displayNamesOf } from "@/lib/communities/queries/audit-people";
import { formatDateTime } from "@/lib/i18n/core";
import { getTranslator } from "@/lib/web/i18n";
import { CommunityHeader } from "@/features/communities/components/community-header";
import { CursorPager } from "@/features/communities/components/member-directory";
import { auditActionLabel, auditSentence, mentionedUserId } from "@/features/communities/components/audit-sentence";
import { communityPageFor, communityTitle } from "@/features/communities/page-access";
import { idParam } from "@/lib/core/query-values";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ cursor?: string | string[]; action?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [name, { t }] = await Promise.all([communityTitle((await params).slug), getTranslator()]);
  return { title: name ? t("pages.activity.metaTitle", { community: name }) : t("errors.notFound") };
}

const isAuditAction = (value: unknown): value is AuditAction =>
  typeof value === "string" && (auditActions as readonly string[]).includes(value);

/** The audit log for readers, newest first, by cursor; administrators can filter by action. */
export async function ActivityPage({ params, searchParams }: Props) {
  const access = await communityPageFor((await params).slug, "audit.read");
  const { community, may } = access;
  const { t, locale } = await getTranslator();
  const header = <CommunityHeader t={t} community={community} may={may} section="activity" title={t("pages.activity.title")} />;
  const query = await searchParams;
  const canFilter = may("audit.filter");
  const action = canFilter && isAuditAction(query.action) ? query.action : undefined;
  const cursor = idParam(query.cursor);
  const page = await listAudit(db(), { communityId: community.id, action, cursor, limit: 30 });
  const names = await displayNamesOf(
    db(),
    page.entries.map(mentionedUserId).filter((id): id is string => Boolean(id)),
  );
  const base = `/communities/${community.slug}/activity`;
  const withAction = (params: Record<string, string>) => {
    const search = new URLSearchParams({ ...(action ? { action } : {}), ...params }).toString();
    return search ? `${base}?${search}` : base;
  };
  return (
    <>
      {header}
      <p>{t("pages.activity.lead")}</p>
      {canFilter && (
        <SelectFilter
          action={base}
          name="action"
          id="action-filter"
          formLabel={t("pages.activity.filterTitle")}
          label={t("pages.activity.filterLabel")}
          allLabel={t("pages.activity.filterAll")}
          submitLabel={t("pages.activity.filter")}
          value={action}
          options={auditActions.map((value) => ({ value, label: t(auditActionLabel[value]) }))}
        />
      )}
      {page.entries.length === 0 ? (
        <p>{t("pages.activity.empty")}</p>
      ) : (
        <ul className="fr-raw-list" data-testid="audit-log">
          {page.entries.map((entry) => (
            <li key={entry.id} className="fr-mb-2w">
              <p className="fr-mb-0">{auditSentence(t, entry, names, locale)}</p>
              <p className="fr-text--sm fr-mb-0">
                <time dateTime={entry.at.toISOString()}>{formatDateTime(locale, entry.at)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
      <CursorPager
        t={t}
        label={t("pages.activity.pagerLabel")}
        nextHref={page.nextCursor ? withAction({ cursor: page.nextCursor }) : null}
        firstHref={cursor ? withAction({}) : null}
      />
    </>
  );
}
