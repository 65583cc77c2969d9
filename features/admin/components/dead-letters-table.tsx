/**
 * The background jobs that failed for good (lib/jobs/dead-letters.ts): which job, its last error,
 * since when. Server component; the page shows it only to whoever holds "platform.jobs.read".
 */
import type { DeadLetter } from "@/lib/jobs/dead-letters";
import { formatDateTime } from "@/lib/i18n/core";
import { getTranslator } from "@/lib/web/i18n";

export async function DeadLettersTable({ letters }: { letters: readonly DeadLetter[] }) {
  const { t, locale } = await getTranslator();
  return (
    <section aria-labelledby="jobs-title" className="fr-mb-6w">
      <h2 id="jobs-title">{t("admin.jobs.title")}</h2>
      <p>{t("admin.jobs.lead")}</p>
      {letters.length === 0 ? (
        <p>{t("admin.jobs.empty")}</p>
      ) : (
        <div className="fr-table">
          <table data-testid="dead-letters">
            <caption className="fr-sr-only">{t("admin.jobs.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.jobs.name")}</th>
                <th scope="col">{t("admin.jobs.error")}</th>
                <th scope="col">{t("admin.jobs.failedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {letters.map((letter) => (
                <tr key={letter.id}>
                  <th scope="row">
                    <code>{letter.queue}</code>
                  </th>
                  <td>{letter.error}</td>
                  <td>{formatDateTime(locale, letter.failedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
