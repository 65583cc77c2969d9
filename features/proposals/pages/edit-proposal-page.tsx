import type { Metadata } from "next";
import { forbidden, notFound, redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/core/errors";
import { getCharterParameters } from "@/lib/charter/parameters";
import { getDraftForEdit } from "@/lib/proposals/edit-draft";
import { getTranslator } from "@/lib/web/i18n";
import { currentUser } from "@/lib/web/request";
import { Breadcrumb } from "@/features/communities/components/breadcrumb";
import { CreateProposalForm } from "@/features/proposals/components/create-proposal-form";
import { amendmentEditorData } from "@/features/proposals/amendment-editor-data";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("votes.edit.title") };
}

/** Its author edits a draft with the drafting form, until the discussion opens (lib/proposals/edit-draft.ts). */
export async function EditProposalPage({ params }: Props) {
  const { id } = await params;
  const user = await currentUser();
  if (!user) redirect("/auth/sign-in");
  let draft: Awaited<ReturnType<typeof getDraftForEdit>>;
  try {
    draft = await getDraftForEdit(db(), { actor: user, proposalId: id });
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.status === 404) notFound();
    if (error.status === 403) forbidden();
    // No longer a draft: its page says where it stands.
    redirect(`/proposals/${id}`);
  }
  const { community, values } = draft;
  const { t } = await getTranslator();
  const charter = await getCharterParameters(db(), community.id);
  const base = `/communities/${community.slug}`;
  return (
    <>
      <Breadcrumb
        t={t}
        items={[
          { label: t("pages.nav.home"), href: "/" },
          { label: community.name, href: base },
          { label: t("votes.list.title"), href: `${base}/proposals` },
          { label: values.title, href: `/proposals/${id}` },
          { label: t("votes.edit.title") },
        ]}
      />
      <h1>{t("votes.edit.title")}</h1>
      <p>{t("votes.edit.intro")}</p>
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
        amendmentEditor={await amendmentEditorData(db(), t, community.id)}
        amendmentRules={t("votes.create.amendmentRules", {
          threshold: t(`votes.threshold.${charter.amendmentThreshold}`),
          quorum: charter.amendmentQuorumPercent,
        })}
        draft={{ id, values }}
      />
    </>
  );
}
