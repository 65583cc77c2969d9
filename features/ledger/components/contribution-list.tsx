/**
 * Entries of a commons' ledger as the viewer may see them (lib/commons/ledger.ts decided): author or
 * "anonymous", organisation, kind of actor, state, reviewer and comment; review controls for those
 * lib/policy allows (never the author, who reads why instead); a report button; hidden entries as a
 * placeholder, or with the moderation's reason for their author and the moderators.
 */
import type { LedgerEntry, LedgerItem } from "@/lib/commons/ledger";
import { formatDate, formatNumber, type Locale, type Translate } from "@/lib/i18n/core";
import { ReportButton } from "@/features/moderation/components/report-button";
import { ReviewContributionForm } from "@/features/ledger/components/review-contribution-form";
import { ReviewFeedback } from "@/features/ledger/components/review-feedback";

const stateBadge = {
  PENDING: "fr-badge--new",
  VALIDATED: "fr-badge--success",
  REJECTED: "fr-badge--error",
} as const;

export type ListViewer = {
  signedIn: boolean;
  mayReview: boolean;
  mayReport: boolean;
};

type Props = {
  t: Translate;
  locale: Locale;
  communitySlug: string;
  commonsSlug: string;
  items: LedgerItem[];
  viewer: ListViewer;
  /** Heading level of each entry's title (the list sits under an h2 or an h3). */
  headingLevel: 3 | 4;
  /** Shown when there is no entry. */
  empty: string;
};

function authorLabel(t: Translate, entry: LedgerEntry): string {
  if (entry.author.anonymous) return t("ledger.entry.anonymous");
  const name = entry.author.name ?? "—";
  return entry.own ? `${name} (${t("ledger.entry.you")})` : name;
}

function Entry({
  t,
  locale,
  communitySlug,
  commonsSlug,
  entry,
  viewer,
  headingLevel,
}: Omit<Props, "items" | "empty"> & { entry: LedgerEntry }) {
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const date = formatDate(locale, entry.date);
  const title = `${t(`ledger.types.${entry.type}`)} — ${date}`;
  const kind = entry.author.actorKind ? t(`ledger.actorKinds.${entry.author.actorKind}`) : t("ledger.actorKinds.unknown");
  const reviewer = entry.validator
    ? entry.validator.anonymous
      ? t("ledger.entry.reviewerAnonymous")
      : (entry.validator.name ?? "—")
    : null;
  return (
    <article
      className="fr-p-3w fr-mb-2w"
      style={{ border: "1px solid var(--border-default-grey)" }}
      aria-labelledby={`contribution-${entry.id}`}
    >
      <p className={`fr-badge fr-badge--sm fr-mb-1w ${stateBadge[entry.state]}`}>{t(`ledger.states.${entry.state}`)}</p>
      <Heading id={`contribution-${entry.id}`} className="fr-h6 fr-mb-1w">
        {title}
      </Heading>
      {entry.hidden && (
        <div className="fr-callout fr-callout--orange-terre-battue fr-my-1w fr-p-2w">
          <p className="fr-text--sm fr-mb-0">
            {t("ledger.entry.hiddenNotice", { reason: entry.hidden.reason || t("ledger.entry.hiddenNoReason") })}
          </p>
        </div>
      )}
      <p className="gc-prewrap fr-mb-1w">{entry.description}</p>
      <ul className="fr-text--sm fr-mt-1w fr-mb-0">
        <li>{t("ledger.entry.by", { author: authorLabel(t, entry) })}</li>
        {entry.source && <li>{t("connectors.entry.source", { source: entry.source.label })}</li>}
        {!entry.author.anonymous && (
          <li>
            {entry.author.organization
              ? t("ledger.entry.organization", { name: entry.author.organization.name })
              : t("ledger.entry.alone")}
          </li>
        )}
        <li>{t("ledger.entry.actorKind", { kind })}</li>
        {entry.hours !== null && <li>{t("ledger.entry.hours", { hours: formatNumber(locale, entry.hours) })}</li>}
        {entry.quantity !== null && (
          <li>{t("ledger.entry.quantity", { quantity: formatNumber(locale, entry.quantity), unit: entry.unit ?? "" })}</li>
        )}
        {entry.point && (
          <li>
            {t("ledger.entry.place", {
              lon: formatNumber(locale, entry.point[0]),
              lat: formatNumber(locale, entry.point[1]),
            })}
          </li>
        )}
        {entry.link && (
          <li>
            <a href={entry.link} target="_blank" rel="noopener noreferrer nofollow" title={t("ledger.entry.linkLabel", { date })}>
              {t("ledger.entry.link")}
            </a>
          </li>
        )}
        {entry.validatedAt && reviewer && entry.state !== "PENDING" && (
          <li>
            {t(`ledger.entry.reviewed.${entry.state}`, {
              name: reviewer,
              date: formatDate(locale, entry.validatedAt),
            })}
          </li>
        )}
        {entry.validationComment && <li>{t("ledger.entry.comment", { comment: entry.validationComment })}</li>}
      </ul>
      {entry.state === "PENDING" && !entry.hidden && viewer.mayReview && entry.own && (
        <p className="fr-text--sm fr-mt-1w fr-mb-0 fr-text-mention--grey">{t("ledger.review.own")}</p>
      )}
      {entry.state === "PENDING" && !entry.hidden && viewer.mayReview && !entry.own && (
        <ReviewContributionForm
          communitySlug={communitySlug}
          commonsSlug={commonsSlug}
          contributionId={entry.id}
          label={`${t("ledger.review.legend")} — ${title}`}
        />
      )}
      {viewer.mayReport && !entry.own && !entry.hidden && (
        <div className="fr-mt-1w">
          <ReportButton
            communitySlug={communitySlug}
            targetKind="CONTRIBUTION"
            targetId={entry.id}
            targetAuthorId={entry.author.id ?? undefined}
          />
        </div>
      )}
    </article>
  );
}

export function ContributionList({ items, empty, ...props }: Props) {
  const { t, locale } = props;
  // The feedback wraps the empty case too: reviewing the last pending entry empties a filtered list.
  return (
    <ReviewFeedback>
      {items.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul className="fr-raw-list">
          {items.map((item) => (
            <li key={item.id}>
              {item.redacted ? (
                <p className="fr-text--sm fr-mb-2w">
                  <em>
                    {formatDate(locale, item.date)} — {t("ledger.entry.hiddenPlaceholder")}
                  </em>
                </p>
              ) : (
                <Entry {...props} entry={item} />
              )}
            </li>
          ))}
        </ul>
      )}
    </ReviewFeedback>
  );
}
