import type { Metadata } from "next";
import { cache } from "react";
import { notFound } from "next/navigation";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/core/errors";
import { formatDate, formatDateTime } from "@/lib/i18n/core";
import { APPEAL_DEADLINE_DAYS } from "@/lib/moderation/appeals";
import { getSanctionView } from "@/lib/moderation/sanction-view";
import { getTranslator } from "@/lib/web/i18n";
import { currentUser } from "@/lib/web/request";
import { ModerationHeader } from "@/features/moderation/components/moderation-header";
import { AppealForm, DecideAppealForm } from "@/features/moderation/components/appeal-forms";
import { redirectToSignIn } from "@/features/auth/return-to-server";

type Props = { params: Promise<{ slug: string; id: string }> };

const load = cache(async (slug: string, id: string) => {
  const user = await currentUser();
  if (!user) return { user, view: null };
  try {
    return { user, view: await getSanctionView(db(), { actor: user, slug, sanctionId: id }) };
  } catch (error) {
    if (isAppError(error) && error.status === 404) return { user, view: null };
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, id } = await params;
  const [{ view }, { t }] = await Promise.all([load(slug, id), getTranslator()]);
  return { title: view ? t("modui.sanction.metaTitle", { community: view.community.name }) : t("errors.notFound") };
}

/** A sanction for its member (and the moderators): what, why, until when, which rule; appeal and its decision. */
export async function SanctionDetailPage({ params }: Props) {
  const { slug, id } = await params;
  const { user, view } = await load(slug, id);
  if (!user) return redirectToSignIn();
  if (!view) notFound();
  const { t, locale } = await getTranslator();
  const { sanction, community } = view;
  const kind = t(`modui.sanctionKinds.${sanction.kind}`);
  const appeal = sanction.appeal;
  return (
    <>
      <ModerationHeader
        t={t}
        community={community}
        title={t("modui.sanction.title", { kind, community: community.name })}
        current="other"
        showQueue={!view.own}
      />
      {!view.own && <p>{t("modui.sanction.member", { name: sanction.memberName })}</p>}
      <dl className="gc-facts fr-mb-4w" data-testid="sanction-facts">
        <dt className="fr-text--bold">{t("modui.sanction.what")}</dt>
        <dd>{kind}</dd>
        <dt className="fr-text--bold">{t("modui.sanction.why")}</dt>
        <dd>{sanction.reason}</dd>
        <dt className="fr-text--bold">{t("modui.sanction.when")}</dt>
        <dd>{formatDateTime(locale, sanction.createdAt)}</dd>
        {sanction.kind === "SUSPENSION" && (
          <>
            <dt className="fr-text--bold">{t("modui.sanction.until")}</dt>
            <dd data-testid="sanction-until">
              {sanction.until ? formatDateTime(locale, sanction.until) : t("modui.sanction.untilNone")}
            </dd>
          </>
        )}
        <dt className="fr-text--bold">{t("modui.sanction.rule")}</dt>
        <dd>{sanction.ruleReference || t("modui.sanction.noRule")}</dd>
        <dt className="fr-text--bold">{t("modui.sanction.ladder")}</dt>
        <dd>
          {sanction.departedFromLadder
            ? t("modui.sanction.ladderDeparted", {
                suggested: t(`modui.sanctionKinds.${sanction.suggestedKind}`),
                reason: sanction.departureReason ?? "",
              })
            : t("modui.sanction.ladderFollowed")}
        </dd>
      </dl>
      <section aria-labelledby="appeal-title" className="fr-mb-4w">
        <h2 id="appeal-title">{t("modui.sanction.appealTitle")}</h2>
        {appeal ? (
          <>
            {appeal.state === "PENDING" ? (
              <p data-testid="appeal-state">
                {t("modui.sanction.appealPending", { date: formatDate(locale, appeal.createdAt) })}
              </p>
            ) : (
              <>
                <p data-testid="appeal-state">
                  {t("modui.sanction.appealDecided", {
                    date: formatDate(locale, appeal.decidedAt ?? appeal.createdAt),
                    outcome: t(`modui.sanction.outcome.${appeal.state}`),
                  })}
                </p>
                {appeal.decision && <p>{t("modui.sanction.appealDecision", { decision: appeal.decision })}</p>}
              </>
            )}
            <blockquote className="fr-text--sm">{t("modui.sanction.decideText", { text: appeal.text })}</blockquote>
          </>
        ) : view.own ? (
          view.mayAppeal ? (
            <>
              <p>{t("modui.sanction.appealIntro", { days: APPEAL_DEADLINE_DAYS, date: formatDate(locale, view.deadline) })}</p>
              <AppealForm slug={community.slug} sanctionId={sanction.id} />
            </>
          ) : (
            <p>{t("modui.sanction.appealClosed")}</p>
          )
        ) : (
          <p>{t("modui.sanction.appealIntro", { days: APPEAL_DEADLINE_DAYS, date: formatDate(locale, view.deadline) })}</p>
        )}
      </section>
      {view.mayDecide && appeal && (
        <section aria-labelledby="decide-title" className="fr-mb-4w">
          <h2 id="decide-title">{t("modui.sanction.decideTitle")}</h2>
          <DecideAppealForm slug={community.slug} appealId={appeal.id} />
        </section>
      )}
      {view.isSanctioner && appeal?.state === "PENDING" && <p>{t("modui.sanction.sanctionerNote")}</p>}
    </>
  );
}
