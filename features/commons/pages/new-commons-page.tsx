import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { mapStyleUrl } from "@/lib/core/config";
import { stewardChoices } from "@/lib/commons/read";
import { getTranslator } from "@/lib/web/i18n";
import { Breadcrumb } from "@/features/communities/components/breadcrumb";
import { CommonsForm } from "@/features/commons/components/commons-form";
import { communityPageFor, communityTitle } from "@/features/communities/page-access";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [name, { t }] = await Promise.all([communityTitle((await params).slug), getTranslator()]);
  return { title: name ? t("commons.form.newMetaTitle", { community: name }) : t("errors.notFound") };
}

/** Proposing a commons: acting members of the community (lib/policy "commons.propose"). */
export async function NewCommonsPage({ params }: Props) {
  const { community } = await communityPageFor((await params).slug, "commons.propose");
  const [{ t }, choices] = await Promise.all([getTranslator(), stewardChoices(db(), community.id)]);
  const base = `/communities/${community.slug}`;
  return (
    <>
      <Breadcrumb
        t={t}
        items={[
          { label: t("pages.nav.home"), href: "/" },
          { label: community.name, href: base },
          { label: t("commons.list.title"), href: `${base}/commons` },
          { label: t("commons.form.newTitle") },
        ]}
      />
      <h1>{t("commons.form.newTitle")}</h1>
      <CommonsForm communitySlug={community.slug} styleUrl={mapStyleUrl()} choices={choices} />
    </>
  );
}
