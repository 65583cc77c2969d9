import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { charterFounded, collegeWeights } from "@/lib/communities/colleges";
import { listMemberDirectory } from "@/lib/communities/queries/member-directory";
import { countPendingRequests, listOpenInvitations, listPendingRequests } from "@/lib/communities/queries/administration";
import { formatDate, formatNumber } from "@/lib/i18n/core";
import { getTranslator } from "@/lib/web/i18n";
import { CommunityHeader } from "@/features/communities/components/community-header";
import { CursorPager } from "@/features/communities/components/member-directory";
import { PendingRequests } from "@/features/communities/components/pending-requests";
import { InviteForm } from "@/features/communities/components/invite-form";
import { MemberRow } from "@/features/communities/components/member-row";
import { CollegesForm } from "@/features/communities/components/colleges-form";
import { communityPageFor, communityTitle } from "@/features/communities/page-access";
import { idParam } from "@/lib/core/query-values";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ requests?: string | string[]; members?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [name, { t }] = await Promise.all([communityTitle((await params).slug), getTranslator()]);
  return { title: name ? t("pages.admin.metaTitle", { community: name }) : t("errors.notFound") };
}

const cursorOf = (value: string | string[] | undefined) => idParam(value);

/** Administrators only (lib/policy): requests, invitations, members' roles and colleges, college weights. */
export async function AdminPage({ params, searchParams }: Props) {
  const access = await communityPageFor((await params).slug, "college.configure");
  const { community, may } = access;
  const { t, locale } = await getTranslator();
  const header = <CommunityHeader t={t} community={community} may={may} section="admin" title={t("pages.admin.title")} />;
  const query = await searchParams;
  const requestsCursor = cursorOf(query.requests);
  const membersCursor = cursorOf(query.members);
  const [pendingCount, pending, invitations, members, weights] = await Promise.all([
    countPendingRequests(db(), community.id),
    listPendingRequests(db(), { communityId: community.id, cursor: requestsCursor }),
    listOpenInvitations(db(), community.id),
    listMemberDirectory(db(), { viewer: access.user, communityId: community.id, cursor: membersCursor, limit: 50 }),
    collegeWeights(db(), community.id),
  ]);
  const collegesLocked = await charterFounded(db(), community.id);
  const base = `/communities/${community.slug}/admin`;
  const link = (params: Record<string, string | undefined>) => {
    const search = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1])));
    return search.size ? `${base}?${search}` : base;
  };

  return (
    <>
      {header}

      <section aria-labelledby="requests-title" className="fr-mb-6w" data-testid="pending-requests">
        <h2 id="requests-title">{t("pages.admin.requests.title", { count: formatNumber(locale, pendingCount) })}</h2>
        <PendingRequests
          slug={community.slug}
          requests={pending.requests.map((request) => ({
            membershipId: request.membershipId,
            userId: request.userId,
            displayName: request.displayName,
            message: request.message,
            detail: [
              t(`actorKind.${request.college}`),
              request.organization &&
                (request.organizationVerified
                  ? request.organization
                  : t("organizations.declaredName", { name: request.organization })),
              t("pages.admin.requests.askedOn", { date: formatDate(locale, request.requestedAt) }),
            ]
              .filter(Boolean)
              .join(" · "),
          }))}
        />
        <CursorPager
          t={t}
          label={t("pages.admin.requests.pagerLabel")}
          nextHref={pending.nextCursor ? link({ requests: pending.nextCursor, members: membersCursor }) : null}
          firstHref={requestsCursor ? link({ members: membersCursor }) : null}
        />
      </section>

      <section aria-labelledby="invite-title" className="fr-mb-6w">
        <h2 id="invite-title">{t("pages.admin.invite.title")}</h2>
        <p>{t("pages.admin.invite.lead")}</p>
        <div className="fr-grid-row">
          <div className="fr-col-12 fr-col-md-8">
            <InviteForm slug={community.slug} />
          </div>
        </div>
        {invitations.length > 0 && (
          <>
            <h3 className="fr-h5 fr-mt-4w">{t("pages.admin.invite.openTitle")}</h3>
            <ul data-testid="open-invitations">
              {invitations.map((invitation) => (
                <li key={invitation.id}>
                  {t("pages.admin.invite.openItem", {
                    email: invitation.email,
                    role: t(`community.role.${invitation.role}`),
                    date: formatDate(locale, invitation.expiresAt),
                  })}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="members-title" className="fr-mb-6w">
        <h2 id="members-title">{t("pages.admin.members.title")}</h2>
        <div className="fr-table" data-testid="admin-members">
          <div className="fr-table__wrapper">
            <div className="fr-table__container">
              <div className="fr-table__content">
                <table>
                  <caption>{t("pages.admin.members.caption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("pages.admin.members.name")}</th>
                      <th scope="col">{t("pages.admin.members.organization")}</th>
                      <th scope="col">{t("pages.admin.members.role")}</th>
                      <th scope="col">{t("pages.admin.members.college")}</th>
                      <th scope="col">{t("pages.admin.members.actions")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {members.members.map((member) => (
                      <MemberRow key={member.membershipId} slug={community.slug} member={member} />
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
        <CursorPager
          t={t}
          label={t("pages.admin.members.pagerLabel")}
          nextHref={members.nextCursor ? link({ members: members.nextCursor, requests: requestsCursor }) : null}
          firstHref={membersCursor ? link({ requests: requestsCursor }) : null}
        />
      </section>

      <section aria-labelledby="colleges-admin-title">
        <h2 id="colleges-admin-title">{t("pages.admin.colleges.title")}</h2>
        <p>{t("pages.admin.colleges.lead")}</p>
        <CollegesForm
          slug={community.slug}
          weightingEnabled={community.weightingEnabled}
          weights={weights}
          bounds={{ min: community.collegeMinWeight, max: community.collegeMaxWeight }}
          lockedByCharter={collegesLocked}
        />
      </section>
    </>
  );
}
