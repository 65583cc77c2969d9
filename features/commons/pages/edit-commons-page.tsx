import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { db } from "@/lib/db/client";
import { mapStyleUrl } from "@/lib/core/config";
import { stewardChoices } from "@/lib/commons/read";
import type { Licence } from "@/lib/commons/schemas";
import { getTranslator } from "@/lib/web/i18n";
import { Breadcrumb } from "@/features/communities/components/breadcrumb";
import { CommonsForm } from "@/features/commons/components/commons-form";
import { commonsOr404, loadCommons } from "@/features/commons/load-commons";
import { redirectToSignIn } from "@/features/auth/return-to-server";

type Props = { params: Promise<{ slug: string; commonsSlug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, commonsSlug } = await params;
  const [loaded, { t }] = await Promise.all([loadCommons(slug, commonsSlug), getTranslator()]);
  if (!loaded || loaded.commons.withheld) return { title: t("errors.notFound") };
  return { title: t("commons.form.editMetaTitle", { title: loaded.commons.title }) };
}

/** Editing: the proposer, the stewards and the administrators, while the commons is open (policy + updateCommons). */
export async function EditCommonsPage({ params }: Props) {
  const { slug, commonsSlug } = await params;
  const { user, commons } = await commonsOr404(slug, commonsSlug);
  if (!user) return redirectToSignIn();
  if (!commons.viewer.canEdit) forbidden();
  const [{ t }, choices] = await Promise.all([getTranslator(), stewardChoices(db(), commons.community.id, commons.id)]);
  const base = `/communities/${commons.community.slug}`;
  return (
    <>
      <Breadcrumb
        t={t}
        items={[
          { label: t("pages.nav.home"), href: "/" },
          { label: commons.community.name, href: base },
          { label: t("commons.list.title"), href: `${base}/commons` },
          { label: commons.title, href: `${base}/commons/${commons.slug}` },
          { label: t("commons.form.editTitle") },
        ]}
      />
      <h1>{t("commons.form.editTitle")}</h1>
      <CommonsForm
        communitySlug={commons.community.slug}
        styleUrl={mapStyleUrl()}
        choices={choices}
        edit={{
          commonsSlug: commons.slug,
          values: {
            title: commons.title,
            slug: commons.slug,
            summary: commons.summary,
            description: commons.description,
            kind: commons.kind,
            licence: commons.licence as Licence,
            repositoryUrl: commons.repositoryUrl ?? "",
            dataUrl: commons.dataUrl ?? "",
            documentationUrl: commons.documentationUrl ?? "",
            coverage: commons.coverage,
            stewardUserIds: commons.stewards.flatMap((s) => (s.kind === "person" ? [s.userId] : [])),
            stewardOrganizationIds: commons.stewards.flatMap((s) => (s.kind === "organization" ? [s.organizationId] : [])),
          },
        }}
      />
    </>
  );
}
