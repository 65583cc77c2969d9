import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { getCharterParameters } from "@/lib/charter/parameters";
import { listAdoptableCommons } from "@/lib/commons/adoption-vote";
import { getTranslator } from "@/lib/web/i18n";
import { Breadcrumb } from "@/features/communities/components/breadcrumb";
import { CreateProposalForm } from "@/features/proposals/components/create-proposal-form";
import { amendmentEditorData } from "@/features/proposals/amendment-editor-data";
import { communityPageFor, communityTitle } from "@/features/communities/page-access";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [name, { t }] = await Promise.all([communityTitle((await params).slug), getTranslator()]);
  return { title: name ? t("votes.create.metaTitle", { community: name }) : t("errors.notFound") };
}

/** Drafting a proposal, with the charter's rules as the form's defaults. */
export async function NewProposalPage({ params }: Props) {
  const access = await communityPageFor((await params).slug, "proposal.create");
  const { community } = access;
  const { t } = await getTranslator();
  const base = `/communities/${community.slug}`;
  const header = (
    <>
      <Breadcrumb
        t={t}
        items={[
          { label: t("pages.nav.home"), href: "/" },
          { label: community.name, href: base },
          { label: t("votes.list.title"), href: `${base}/proposals` },
          { label: t("votes.create.title") },
        ]}
      />
      <h1>{t("votes.create.title")}</h1>
    </>
  );
  const charter = await getCharterParameters(db(), community.id);
  // The adoption kind only where the charter decides adoption by vote, naming a commons that may be put to it.
  const adoptableCommons = charter.commonsAdoptionByVote ? await listAdoptableCommons(db(), community.id) : null;
  return (
    <>
      {header}
      <CreateProposalForm
        slug={community.slug}
        allowedMethods={charter.allowedMethods}
        defaults={{
          votingDays: Math.max(charter.defaultVotingDays, charter.minVotingDays),
          minVotingDays: charter.minVotingDays,
          minDiscussionDays: charter.minDiscussionDays,
          quorumPercent: charter.quorumPercent,
          threshold: charter.generalThreshold,
          secret: charter.secretBallotByDefault,
        }}
        adoptableCommons={adoptableCommons}
        amendmentEditor={await amendmentEditorData(db(), t, community.id)}
        amendmentRules={t("votes.create.amendmentRules", {
          threshold: t(`votes.threshold.${charter.amendmentThreshold}`),
          quorum: charter.amendmentQuorumPercent,
        })}
      />
    </>
  );
}
