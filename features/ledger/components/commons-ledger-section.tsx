/**
 * The contributions part of a commons page: count of validated contributions, the latest entries with
 * their review controls, the record form for those who may contribute, and links to the full ledger
 * and the dashboard. Rendered by the commons page; asks lib/commons/ledger.ts who sees what.
 */
import Link from "next/link";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/core/errors";
import { ledgerAccess, listLedgerPage } from "@/lib/commons/ledger";
import { can } from "@/lib/policy/can";
import { formatNumber } from "@/lib/i18n/core";
import { currentUser } from "@/lib/web/request";
import { contributionScope } from "@/lib/policy/scopes";
import { getTranslator } from "@/lib/web/i18n";
import { openDataPaths } from "@/lib/commons/links";
import { ContributionList } from "@/features/ledger/components/contribution-list";
import { RecordContributionForm } from "@/features/ledger/components/record-contribution-form";

const LATEST = 5;

export async function CommonsLedgerSection({
  communitySlug,
  commonsSlug,
  commonsId,
}: {
  communitySlug: string;
  commonsSlug: string;
  commonsId: string;
}) {
  const user = await currentUser();
  const [{ t, locale }, ledger] = await Promise.all([
    getTranslator(),
    // The page decided the commons is visible; should the rules ever disagree, show no ledger rather than fail.
    ledgerAccess(db(), user, { commonsId }).catch((error: unknown) => {
      if (isAppError(error) && error.status === 404) return null;
      throw error;
    }),
  ]);
  if (!ledger) return null;
  const { commons, access, isModerator, mayRecord, mayReview } = ledger;
  const [page, validated] = await Promise.all([
    listLedgerPage(db(), { commons, actor: user, isModerator }, { limit: LATEST }),
    db().contribution.count({ where: { commonsId: commons.id, ...contributionScope.countedWhere } }),
  ]);
  const base = `/communities/${communitySlug}/commons/${commonsSlug}`;
  const closed = commons.status === "ARCHIVED" || commons.status === "REJECTED";
  const outside = !access.membership || access.membership.status === "LEFT" || access.membership.status === "PENDING";
  const notice = closed
    ? t("ledger.section.closed")
    : !user
      ? t("ledger.section.signIn")
      : outside
        ? t("ledger.section.joinToRecord")
        : null;
  return (
    <section aria-labelledby="ledger-section-title" className="fr-mb-6w" data-testid="ledger-section">
      <h2 id="ledger-section-title">{t("ledger.section.title")}</h2>
      <p>{t("ledger.section.intro")}</p>
      <p className="fr-text--lg fr-text--bold" data-testid="ledger-validated-count">
        {t("ledger.section.validatedCount", { count: formatNumber(locale, validated) })}
      </p>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm fr-mb-2w">
        <li>
          <Link className="fr-btn fr-btn--secondary" href={`${base}/ledger`}>
            {t("ledger.section.fullLedger")}
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--tertiary" href={`${base}/dashboard`}>
            {t("ledger.section.dashboard")}
          </Link>
        </li>
      </ul>
      <ul className="fr-tags-group fr-mb-2w" aria-label={t("opendata.links.ledgerLabel")}>
        <li>
          <a className="fr-tag" href={openDataPaths.ledgerCsv(commonsId)} download>
            {t("opendata.links.csv")}
          </a>
        </li>
        <li>
          <a className="fr-tag" href={`${openDataPaths.ledgerCsv(commonsId)}?bom=1`} download>
            {t("opendata.links.csvBom")}
          </a>
        </li>
        <li>
          <a className="fr-tag" href={openDataPaths.ledgerJson(commonsId)}>
            {t("opendata.links.json")}
          </a>
        </li>
      </ul>
      <p className="fr-text--sm fr-mb-2w">{t("opendata.links.csvHint")}</p>
      <h3 className="fr-h4">{t("ledger.section.latest")}</h3>
      <ContributionList
        t={t}
        locale={locale}
        communitySlug={communitySlug}
        commonsSlug={commonsSlug}
        items={page.data}
        empty={t("ledger.section.empty")}
        headingLevel={4}
        viewer={{
          signedIn: user !== null,
          mayReview,
          mayReport: user !== null && can(access.subject, "report.create", access.community),
        }}
      />
      {mayRecord ? (
        <div className="fr-mt-4w">
          <RecordContributionForm communitySlug={communitySlug} commonsSlug={commonsSlug} />
        </div>
      ) : (
        notice && <p className="fr-text--sm fr-text-mention--grey">{notice}</p>
      )}
    </section>
  );
}
