import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { formatDate, formatDateTime, type Translate } from "@/lib/i18n/core";
import { listModerationLog, type ModerationLogEntry } from "@/lib/moderation/log";
import { reportTargetKinds } from "@/lib/moderation/schemas";
import { getTranslator } from "@/lib/web/i18n";
import { CursorPager } from "@/features/communities/components/member-directory";
import { ModerationHeader } from "@/features/moderation/components/moderation-header";
import { communityPageFor, communityTitle } from "@/features/communities/page-access";
import { idParam } from "@/lib/core/query-values";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ cursor?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [name, { t }] = await Promise.all([communityTitle((await params).slug), getTranslator()]);
  return { title: name ? t("modui.log.metaTitle", { community: name }) : t("errors.notFound") };
}

function describe(t: Translate, locale: "fr" | "en", entry: ModerationLogEntry): string {
  // The kind and the sanction are chosen inside the messages (ICU select), so each language agrees them.
  const kindCode = (reportTargetKinds as readonly string[]).includes(entry.targetKind ?? "") ? entry.targetKind! : "other";
  switch (entry.action) {
    case "reported":
      return t("modui.log.reported", { kindCode });
    case "hidden":
      return t("modui.log.hiddenItem", { kindCode });
    case "restored":
      return t("modui.log.restoredItem", { kindCode });
    case "reportDismissed":
      return t("modui.log.reportDismissed");
    case "suspensionEnded":
      return t("modui.log.suspensionEnded");
    case "warned":
    case "banned": {
      const text = t("modui.log.sanctioned", { sanction: entry.action === "warned" ? "WARNING" : "BAN" });
      return entry.departed ? `${text} ${t("modui.log.departed")}` : text;
    }
    case "suspended": {
      const text = entry.until
        ? t("modui.log.sanctionedUntil", { sanction: "SUSPENSION", date: formatDate(locale, new Date(entry.until)) })
        : t("modui.log.sanctioned", { sanction: "SUSPENSION" });
      return entry.departed ? `${text} ${t("modui.log.departed")}` : text;
    }
    case "appealed":
      return t("modui.log.appealed");
    case "hidingContested":
      return t("modui.log.hidingContested", { kindCode });
    case "appealDecided":
      return t("modui.log.appealDecided", {
        outcome: entry.outcome === "OVERTURNED" ? t("modui.sanction.outcome.OVERTURNED") : t("modui.sanction.outcome.UPHELD"),
      });
  }
}

/** The moderation log for members: decisions without reporters, names or hidden content. */
export async function ModerationLogPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const access = await communityPageFor(slug, "moderation.readLog");
  const { t, locale } = await getTranslator();
  const query = await searchParams;
  const cursor = idParam(query.cursor);
  const { community, entries, nextCursor } = await listModerationLog(db(), { actor: access.user, slug, cursor, limit: 50 });
  const base = `/communities/${community.slug}/moderation/log`;
  return (
    <>
      <ModerationHeader
        t={t}
        community={community}
        title={t("modui.log.title")}
        current="log"
        showQueue={access.may("moderation.queue")}
      />
      <p>{t("modui.log.intro")}</p>
      {entries.length === 0 ? (
        <p>{t("modui.log.empty")}</p>
      ) : (
        <div className="fr-table fr-table--no-caption">
          <table data-testid="moderation-log">
            <caption>{t("modui.log.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("modui.log.when")}</th>
                <th scope="col">{t("modui.log.what")}</th>
                <th scope="col">{t("modui.log.rule")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.at.toISOString()}>{formatDateTime(locale, entry.at)}</time>
                  </td>
                  <td>{describe(t, locale, entry)}</td>
                  <td>{entry.rule ?? t("modui.log.none")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CursorPager
        t={t}
        label={t("modui.log.more")}
        nextHref={nextCursor ? `${base}?cursor=${encodeURIComponent(nextCursor)}` : null}
        firstHref={cursor ? base : null}
      />
    </>
  );
}
