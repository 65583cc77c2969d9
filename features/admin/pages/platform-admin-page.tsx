import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { db } from "@/lib/db/client";
import { can } from "@/lib/policy/can";
import { searchAccounts } from "@/lib/admin/accounts";
import { listPlatformReports } from "@/lib/admin/reports";
import { reportStates } from "@/lib/moderation/schemas";
import { formatDate, formatNumber } from "@/lib/i18n/core";
import { getTranslator } from "@/lib/web/i18n";
import { currentUser } from "@/lib/web/request";
import { SelectFilter } from "@/components/forms/select-filter";
import { AccountControls } from "@/features/admin/components/account-controls";
import { DeadLettersTable } from "@/features/admin/components/dead-letters-table";
import { listDeadLetters } from "@/lib/jobs/dead-letters";
import { redirectToSignIn } from "@/features/auth/return-to-server";
import { idParam, textParam } from "@/lib/core/query-values";

type Props = { searchParams: Promise<{ state?: string | string[]; cursor?: string | string[]; q?: string | string[] }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator()).t("admin.title") };
}

const single = (value: string | string[] | undefined) => (typeof value === "string" && value !== "" ? value : undefined);

/** Platform administrators only: reports across communities, failed background jobs, suspending and erasing accounts. */
export async function PlatformAdminPage({ searchParams }: Props) {
  const user = await currentUser();
  if (!user) return redirectToSignIn();
  const subject = { user, membership: null };
  if (!can(subject, "platform.reports")) forbidden();
  const query = await searchParams;
  const state = single(query.state);
  const validState = reportStates.find((s) => s === state);
  const q = textParam(single(query.q)) ?? "";
  const [{ t, locale }, reports, accounts, deadLetters] = await Promise.all([
    getTranslator(),
    listPlatformReports(db(), { actor: user, filter: { state: validState, cursor: idParam(single(query.cursor), 100) } }),
    q ? searchAccounts(db(), { actor: user, q }) : Promise.resolve(null),
    can(subject, "platform.jobs.read") ? listDeadLetters(db(), user) : Promise.resolve(null),
  ]);
  const nextHref = reports.nextCursor
    ? `/admin?${new URLSearchParams({ ...(validState ? { state: validState } : {}), cursor: reports.nextCursor })}`
    : null;

  return (
    <>
      <h1>{t("admin.title")}</h1>
      <p className="fr-text--lead">{t("admin.lead")}</p>

      <section aria-labelledby="load-title" className="fr-mb-6w">
        <h2 id="load-title">{t("admin.reports.loadTitle")}</h2>
        {reports.load.length === 0 ? (
          <p>{t("admin.reports.loadEmpty")}</p>
        ) : (
          <div className="fr-table">
            <table data-testid="report-load">
              <caption className="fr-sr-only">{t("admin.reports.loadTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("admin.reports.community")}</th>
                  <th scope="col">{t("admin.reports.open")}</th>
                  <th scope="col">{t("admin.reports.oldest")}</th>
                  <th scope="col">{t("admin.reports.queue")}</th>
                </tr>
              </thead>
              <tbody>
                {reports.load.map((row) => (
                  <tr key={row.slug}>
                    <th scope="row">{row.name}</th>
                    <td>{formatNumber(locale, row.open)}</td>
                    <td>{formatDate(locale, row.oldestOpenAt)}</td>
                    <td>
                      <Link href={`/communities/${row.slug}/moderation`}>{t("admin.reports.queue")}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="reports-title" className="fr-mb-6w">
        <h2 id="reports-title">{t("admin.reports.listTitle")}</h2>
        <SelectFilter
          action="/admin"
          name="state"
          id="report-state"
          formLabel={t("admin.reports.filterLabel")}
          label={t("admin.reports.state")}
          allLabel={t("admin.allStates")}
          submitLabel={t("admin.reports.filterLabel")}
          value={validState}
          options={reportStates.map((value) => ({ value, label: t(`admin.states.${value}`) }))}
        />
        {reports.reports.length === 0 ? (
          <p>{t("admin.reports.empty")}</p>
        ) : (
          <div className="fr-table">
            <table data-testid="platform-reports">
              <caption className="fr-sr-only">{t("admin.reports.listTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("admin.reports.date")}</th>
                  <th scope="col">{t("admin.reports.community")}</th>
                  <th scope="col">{t("admin.reports.kind")}</th>
                  <th scope="col">{t("admin.reports.reason")}</th>
                  <th scope="col">{t("admin.reports.state")}</th>
                </tr>
              </thead>
              <tbody>
                {reports.reports.map((report) => (
                  <tr key={report.id}>
                    <td>{formatDate(locale, report.createdAt)}</td>
                    <td>
                      <Link href={`/communities/${report.community.slug}/moderation`}>{report.community.name}</Link>
                    </td>
                    <td>{t(`admin.kinds.${report.targetKind}`)}</td>
                    <td>{t(`admin.reasons.${report.reason}`)}</td>
                    <td>{t(`admin.states.${report.state}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {nextHref && (
          <p>
            <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" href={nextHref}>
              {t("admin.reports.next")}
            </Link>
          </p>
        )}
      </section>

      {deadLetters && <DeadLettersTable letters={deadLetters} />}

      <section aria-labelledby="accounts-title" className="fr-mb-6w">
        <h2 id="accounts-title">{t("admin.accounts.title")}</h2>
        <form method="get" action="/admin" role="search" className="fr-mb-4w">
          <div className="fr-search-bar" id="account-search">
            <label className="fr-label" htmlFor="account-q">
              {t("admin.accounts.searchLabel")}
            </label>
            <input className="fr-input" id="account-q" name="q" type="search" defaultValue={q} maxLength={200} />
            <button className="fr-btn" type="submit" title={t("admin.accounts.search")}>
              {t("admin.accounts.search")}
            </button>
          </div>
        </form>
        {accounts && accounts.length === 0 && <p>{t("admin.accounts.none")}</p>}
        {accounts?.map((account) => {
          const name = account.displayName ?? t("admin.accounts.unnamed");
          const suspended = account.suspendedUntil !== null && account.suspendedUntil > new Date();
          return (
            <article key={account.id} className="fr-card fr-card--no-arrow fr-p-3w fr-mb-3w" data-testid="account">
              <h3 className="fr-h5">{name}</h3>
              <ul>
                <li>
                  {t("pages.labelSuffix", { label: t("admin.accounts.email") })} {account.email ?? "—"}
                </li>
                <li>
                  {t("pages.labelSuffix", { label: t("admin.accounts.actorKind") })}{" "}
                  {[account.actorKind ? t(`actorKind.${account.actorKind as "PUBLIC"}`) : null, account.organization]
                    .filter(Boolean)
                    .join(" · ") || "—"}
                </li>
                <li>
                  {t("pages.labelSuffix", { label: t("admin.accounts.memberships") })} {formatNumber(locale, account.memberships)}
                </li>
                <li>
                  {t("pages.labelSuffix", { label: t("admin.accounts.status") })}{" "}
                  {account.isPlatformAdmin
                    ? t("admin.accounts.platformAdmin")
                    : suspended && account.suspendedUntil
                      ? t("admin.accounts.suspendedUntil", { date: formatDate(locale, account.suspendedUntil) })
                      : t("admin.accounts.active")}
                </li>
              </ul>
              {!account.isPlatformAdmin && account.id !== user.id && (
                <AccountControls userId={account.id} name={name} suspended={suspended} erasable />
              )}
            </article>
          );
        })}
      </section>
    </>
  );
}
