/**
 * The community pages' one way in: the person, the community and their role, loaded once per request
 * (metadata and page share it), then checked against lib/policy. A community the person may not read
 * is a 404, as if it did not exist; a signed-out person asked to sign in; anyone else refused gets the
 * refusal notice.
 */
import { cache } from "react";
import { forbidden, notFound } from "next/navigation";
import { db } from "@/lib/db/client";
import { loadCommunityAccess } from "@/lib/communities/access";
import { can, type Action } from "@/lib/policy/can";
import { currentUser } from "@/lib/web/request";
import { redirectToSignIn } from "@/features/auth/return-to-server";

export const communityAccess = cache(async (slug: string) => {
  const user = await currentUser();
  const access = await loadCommunityAccess(db(), { slug, actor: user });
  if (!access) return null;
  const may = (action: Action) => can(access.subject, action, access.community);
  return { ...access, user, may };
});

export type PageAccess = NonNullable<Awaited<ReturnType<typeof communityAccess>>>;

/** The community if the person may read it, else the 404 page. */
export async function readableCommunity(slug: string): Promise<PageAccess> {
  const access = await communityAccess(slug);
  if (!access || !access.may("community.read")) notFound();
  return access;
}

/**
 * For pages behind a permission: readable first (else 404), then signed in (else sign-in), then
 * allowed (else 403 through app/forbidden.tsx).
 */
export async function communityPageFor(slug: string, action: Action): Promise<PageAccess> {
  const access = await readableCommunity(slug);
  if (!access.user) return redirectToSignIn();
  if (!access.may(action)) forbidden();
  return access;
}

/** The title only when the person may read the community: a 404 must not leak a members-only name. */
export async function communityTitle(slug: string): Promise<string | undefined> {
  const access = await communityAccess(slug);
  return access?.may("community.read") ? access.community.name : undefined;
}
