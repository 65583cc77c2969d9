import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/lib/db/client";
import { getCharterParameters } from "@/lib/charter/parameters";
import { suggestSanction } from "@/lib/moderation/sanctions";
import { getTranslator } from "@/lib/web/i18n";
import { ModerationHeader } from "@/features/moderation/components/moderation-header";
import { SanctionForm } from "@/features/moderation/components/sanction-form";
import { communityPageFor, communityTitle } from "@/features/communities/page-access";

type Props = {
  params: Promise<{ slug: string; userId: string }>;
  searchParams: Promise<{ reports?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [name, { t }] = await Promise.all([communityTitle((await params).slug), getTranslator()]);
  return { title: name ? t("modui.sanctionForm.metaTitle", { community: name }) : t("errors.notFound") };
}

const DAY = 24 * 60 * 60 * 1000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Sanctioning a member, with the charter ladder's suggestion pre-filled. */
export async function SanctionPage({ params, searchParams }: Props) {
  const { slug, userId } = await params;
  const access = await communityPageFor(slug, "moderation.sanction");
  const { community } = access;
  const { t } = await getTranslator();
  if (userId.length > 100) notFound();
  const [person, membership] = await Promise.all([
    db().user.findUnique({ where: { id: userId }, select: { displayName: true, name: true } }),
    db().membership.findUnique({
      where: { communityId_userId: { communityId: community.id, userId } },
      select: { status: true },
    }),
  ]);
  if (!person) notFound();
  const name = person.displayName ?? person.name ?? "—";
  const query = await searchParams;
  const reportIds = (typeof query.reports === "string" ? query.reports.split(",") : [])
    .filter((id) => id.length > 0 && id.length <= 100)
    .slice(0, 100);
  const header = (
    <ModerationHeader t={t} community={community} title={t("modui.sanctionForm.title", { name })} current="other" showQueue />
  );
  const back = (
    <p className="fr-mt-4w">
      <Link href={`/communities/${slug}/moderation`}>{t("modui.sanctionForm.back")}</Link>
    </p>
  );
  if (!membership || (membership.status !== "ACTIVE" && membership.status !== "SUSPENDED")) {
    return (
      <>
        {header}
        <p>{t("modui.sanctionForm.notMember")}</p>
        {back}
      </>
    );
  }
  const now = new Date();
  const [suggested, charter] = await Promise.all([
    suggestSanction(db(), { communityId: community.id, userId, now }),
    getCharterParameters(db(), community.id),
  ]);
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const stepDays = charter.sanctionsLadder.find((s) => s.sanction === "SUSPENSION")?.days ?? 7;
  const suggestedUntil =
    suggested.kind === "SUSPENSION" && suggested.days ? isoDay(new Date(today.getTime() + suggested.days * DAY)) : null;
  return (
    <>
      {header}
      <div className="fr-callout fr-mb-4w">
        <p className="fr-callout__text" data-testid="ladder-suggestion">
          {suggested.step < 0
            ? t("modui.sanctionForm.noLadder")
            : suggested.kind === "SUSPENSION" && suggested.days
              ? t("modui.sanctionForm.suggestionDays", { days: suggested.days })
              : t("modui.sanctionForm.suggestion", { kind: t(`modui.sanctionKinds.${suggested.kind}`) })}
        </p>
        <p className="fr-text--sm fr-mb-0">{t("modui.sanctionForm.counting", { count: suggested.activeCount })}</p>
      </div>
      <SanctionForm
        slug={slug}
        userId={userId}
        reportIds={reportIds}
        suggestedKind={suggested.kind}
        suggestedUntil={suggestedUntil}
        defaultUntil={isoDay(new Date(today.getTime() + stepDays * DAY))}
      />
      {back}
    </>
  );
}
