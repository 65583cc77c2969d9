import Link from "next/link";
import type { Metadata } from "next";
import { cache } from "react";
import { notFound } from "next/navigation";
import { db } from "@/lib/db/client";
import { config } from "@/lib/core/config";
import { isAppError } from "@/lib/core/errors";
import { formatDate, formatDateTime } from "@/lib/i18n/core";
import { renderMarkdown } from "@/lib/core/markdown";
import { getProposalView } from "@/lib/proposals/queries";
import { previewAmendment } from "@/lib/charter/apply-amendment";
import { CharterDiffView } from "@/features/charter/components/charter-diff";
import { proposalTitle } from "@/lib/proposals/title";
import { getTranslator } from "@/lib/web/i18n";
import { currentUser } from "@/lib/web/request";
import { Breadcrumb } from "@/features/communities/components/breadcrumb";
import { FollowButton } from "@/features/notifications/components/follow-button";
import { BallotForm } from "@/features/proposals/components/ballot-form";
import { ProposalControls } from "@/features/proposals/components/proposal-controls";
import { ProposalResults } from "@/features/proposals/components/proposal-results";
import { OutcomeBadge } from "@/features/proposals/components/outcome-badge";
import { ProposalTimeline } from "@/features/proposals/components/proposal-timeline";
import { LiveTurnout } from "@/features/proposals/components/live-turnout";
import { LiveComments } from "@/features/proposals/components/live-comments";
import { ReceiptCheck } from "@/features/proposals/components/receipt-check";
import { DecisionFinality } from "@/features/proposals/components/decision-finality";
import { CommentThread, type CommentItem } from "@/features/proposals/components/comment-thread";
import { HiddenNotice } from "@/features/moderation/components/hidden-notice";
import { ReportButton } from "@/features/moderation/components/report-button";
import { ModerateContent } from "@/features/moderation/components/moderate-content";
import { ParticipationNotice } from "@/features/moderation/components/participation-notice";

type Props = { params: Promise<{ id: string }>; searchParams?: Promise<Record<string, string | string[] | undefined>> };

/** `?voters=N`: the page of the public voter list (1 when absent or not a page number). */
async function votersPageOf(searchParams: Props["searchParams"]): Promise<number> {
  const raw = (await searchParams)?.voters;
  const page = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1;
}

const load = cache(async (id: string, votersPage: number) => {
  const user = await currentUser();
  try {
    return { user, proposal: await getProposalView(db(), { actor: user, proposalId: id, votersPage, comments: true }) };
  } catch (error) {
    if (isAppError(error) && (error.status === 404 || error.status === 401)) return null;
    throw error;
  }
});

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [loaded, { t }] = await Promise.all([load((await params).id, await votersPageOf(searchParams)), getTranslator()]);
  if (!loaded) return { title: t("errors.notFound") };
  if (loaded.proposal.withheld) return { title: t("modui.hidden.byModeration") };
  return {
    title: t("votes.page.metaTitle", { title: proposalTitle(t, loaded.proposal), community: loaded.proposal.community.name }),
  };
}

/** One proposal: text, rules, timeline, the ballot, results when visible, receipt check, discussion. */
export async function ProposalPage({ params, searchParams }: Props) {
  const loaded = await load((await params).id, await votersPageOf(searchParams));
  if (!loaded) notFound();
  const { user, proposal } = loaded;
  const { t, locale } = await getTranslator();
  // Until the close, voters read what the amendment would change in the charter as it stands; once
  // closed, the charter's history shows the version it made (and the changes stay below as recorded).
  const amendmentDiff =
    proposal.amendment && proposal.status !== "CLOSED"
      ? await previewAmendment(db(), proposal.communityId, proposal.amendment)
      : null;
  const commentItems: CommentItem[] = (proposal.comments ?? []).map((c) => ({
    id: c.id,
    parentId: c.parentId,
    author: c.author,
    mine: user?.id === c.authorId,
    html: c.body === null ? null : renderMarkdown(c.body),
    body: c.body,
    date: formatDateTime(locale, c.createdAt),
    edited: Boolean(c.editedAt),
    deleted: c.deleted,
    hidden: c.hidden,
    hiddenReason: c.hiddenReason,
  }));
  const base = `/communities/${proposal.community.slug}`;
  const { permissions: may } = proposal;
  const steps = [
    ...(may.manage && proposal.status === "DRAFT" ? (["discuss"] as const) : []),
    ...(may.manage ? (["open"] as const) : []),
    ...(may.withdraw ? (["withdraw"] as const) : []),
    ...(may.closeEarly ? (["closeEarly"] as const) : []),
  ];
  const hidden = proposal.hiddenAt !== null;
  const mine = user?.id === proposal.authorId;
  // Hidden by moderation: members read a placeholder; the author and moderators the text and the
  // reason (the policy's proposal scope decided it: `withheld`).
  if (proposal.withheld) {
    return (
      <>
        <Breadcrumb
          t={t}
          items={[
            { label: t("pages.nav.home"), href: "/" },
            { label: proposal.community.name, href: base },
            { label: t("votes.list.title"), href: `${base}/proposals` },
            { label: t("modui.hidden.byModeration") },
          ]}
        />
        <h1 className="fr-mb-2w">{t("modui.hidden.byModeration")}</h1>
        <HiddenNotice reason={null} viewerIsAuthor={false} />
      </>
    );
  }
  return (
    <>
      <Breadcrumb
        t={t}
        items={[
          { label: t("pages.nav.home"), href: "/" },
          { label: proposal.community.name, href: base },
          { label: t("votes.list.title"), href: `${base}/proposals` },
          { label: proposalTitle(t, proposal) },
        ]}
      />
      <h1 className="fr-mb-2w">{proposalTitle(t, proposal)}</h1>
      <ul className="fr-badges-group fr-mb-2w">
        <li>
          <p className="fr-badge fr-badge--info" data-testid="status">
            {t(`votes.status.${proposal.status}`)}
          </p>
        </li>
        <li>
          <p className="fr-badge">{t(`votes.kind.${proposal.kind}`)}</p>
        </li>
        {proposal.outcome && (
          <li>
            <OutcomeBadge t={t} outcome={proposal.outcome} />
          </li>
        )}
      </ul>
      <p className="fr-text--sm">
        {t("votes.page.author", { author: proposal.author, date: formatDate(locale, proposal.createdAt) })}
      </p>
      {proposal.commons && (
        <p data-testid="proposal-commons">
          {t("votes.page.aboutCommons")}{" "}
          <Link href={`/communities/${proposal.community.slug}/commons/${proposal.commons.slug}`}>{proposal.commons.title}</Link>
        </p>
      )}
      {hidden && (
        <HiddenNotice
          reason={proposal.hiddenReason}
          viewerIsAuthor={mine}
          viewerIsModerator={may.readHidden}
          contest={{ communitySlug: proposal.community.slug, targetKind: "PROPOSAL", targetId: proposal.id }}
        />
      )}
      <div className="gc-inline-actions fr-mb-2w">
        {user && <FollowButton targetKind="PROPOSAL" targetId={proposal.id} following={proposal.following ?? undefined} />}
        {user && !mine && <ReportButton communitySlug={proposal.community.slug} targetKind="PROPOSAL" targetId={proposal.id} />}
        {may.moderate && (
          <ModerateContent communitySlug={proposal.community.slug} targetKind="PROPOSAL" targetId={proposal.id} hidden={hidden} />
        )}
      </div>
      {may.editDraft && (
        <p>
          <Link className="fr-link fr-icon-edit-line fr-link--icon-left" href={`/proposals/${proposal.id}/edit`}>
            {t("votes.page.editDraft")}
          </Link>
        </p>
      )}
      <ProposalControls proposalId={proposal.id} steps={[...steps]} earlyClose={proposal.earlyClose} />
      {proposal.body && (
        <div className="gc-markdown fr-mb-4w" dangerouslySetInnerHTML={{ __html: renderMarkdown(proposal.body) }} />
      )}
      {proposal.amendment ? (
        <section aria-labelledby="amendment-title" className="fr-mb-4w">
          <h2 id="amendment-title">{t("votes.page.amendment")}</h2>
          {amendmentDiff ? (
            <CharterDiffView t={t} diff={amendmentDiff} />
          ) : (
            <pre className="fr-text--sm">{JSON.stringify(proposal.amendment, null, 2)}</pre>
          )}
        </section>
      ) : null}
      {proposal.options.length > 0 && (
        <section aria-labelledby="options-title" className="fr-mb-4w">
          <h2 id="options-title">{t("votes.page.options")}</h2>
          <ol>
            {proposal.options.map((option) => (
              <li key={option.id}>{option.label}</li>
            ))}
          </ol>
        </section>
      )}
      <section aria-labelledby="rules-title" className="fr-mb-4w">
        <h2 id="rules-title">{t("votes.page.rules")}</h2>
        <ul>
          <li>{t("votes.page.ruleMethod", { method: t(`votes.method.${proposal.method}`) })}</li>
          {proposal.threshold && (
            <li>
              {t("votes.page.ruleThreshold", {
                threshold: t(`votes.threshold.${proposal.threshold as "simple" | "twoThirds" | "threeQuarters"}`),
              })}
            </li>
          )}
          <li>{t("votes.page.ruleQuorum", { quorum: proposal.quorumPercent })}</li>
          {proposal.collegeQuorumPercent > 0 && (
            <li>{t("votes.page.ruleCollegeQuorum", { quorum: proposal.collegeQuorumPercent })}</li>
          )}
          <li>{proposal.secret ? t("votes.page.secret") : t("votes.page.public")}</li>
          {proposal.electorateSize !== null && <li>{t("votes.page.electorate", { count: proposal.electorateSize })}</li>}
          {proposal.turnout !== null && proposal.electorateSize !== null && (
            <LiveTurnout
              proposalId={proposal.id}
              turnout={proposal.turnout}
              electorate={proposal.electorateSize}
              live={proposal.status === "VOTING"}
            />
          )}
        </ul>
      </section>
      <ProposalTimeline t={t} locale={locale} proposal={proposal} />
      {may.vote && (
        <BallotForm
          proposalId={proposal.id}
          method={proposal.method}
          options={proposal.options}
          current={proposal.myBallot ? { receipt: proposal.myBallot.receipt, choice: proposal.myBallot.choice } : null}
          tieRule={proposal.tieRule}
        />
      )}
      {/* Anonymous: sign in to vote; suspended or banned: why, until when; otherwise not an elector. */}
      <ParticipationNotice
        action="vote"
        when={proposal.status === "VOTING" && !may.vote}
        communityId={proposal.communityId}
        communitySlug={proposal.community.slug}
        user={user}
        backTo={`/proposals/${proposal.id}`}
        otherwise={<p>{t("votes.ballot.notElector")}</p>}
      />
      <ProposalResults t={t} locale={locale} proposal={proposal} appUrl={config().APP_URL} />
      {proposal.decision && <DecisionFinality t={t} finality={proposal.finality} />}
      {proposal.decision && proposal.myBallot && (
        <p data-testid="my-receipt">{t("votes.ballot.receipt", { receipt: proposal.myBallot.receipt })}</p>
      )}
      {proposal.decision && <ReceiptCheck proposalId={proposal.id} options={proposal.options} />}
      <LiveComments proposalId={proposal.id} />
      <CommentThread
        proposalId={proposal.id}
        communitySlug={proposal.community.slug}
        comments={commentItems}
        canComment={may.comment}
        canModerate={may.moderate}
        canReport={user !== null}
        cannotComment={
          <ParticipationNotice
            action="comment"
            when={!may.comment && (proposal.status === "DISCUSSION" || proposal.status === "VOTING")}
            communityId={proposal.communityId}
            communitySlug={proposal.community.slug}
            user={user}
            backTo={`/proposals/${proposal.id}`}
          />
        }
      />
    </>
  );
}
