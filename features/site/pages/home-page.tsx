import Link from "next/link";
import { db } from "@/lib/db/client";
import { listCommunities } from "@/lib/communities/list-communities";
import { getTranslator } from "@/lib/web/i18n";
import { currentUser } from "@/lib/web/request";

export async function HomePage() {
  const user = await currentUser();
  const [{ t }, communities] = await Promise.all([getTranslator(), listCommunities(db(), { viewer: user })]);
  const pillars = [
    { icon: "fr-icon-scales-3-line", title: t("home.pillarRulesTitle"), text: t("home.pillarRulesText") },
    { icon: "fr-icon-team-line", title: t("home.pillarCollegesTitle"), text: t("home.pillarCollegesText") },
    { icon: "fr-icon-draft-line", title: t("home.pillarLedgerTitle"), text: t("home.pillarLedgerText") },
  ];
  const joinLabel = {
    OPEN: t("community.joinOpen"),
    ON_REQUEST: t("community.joinOnRequest"),
    INVITATION: t("community.joinInvitation"),
  };
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p className="fr-text--lead">{t("home.lead")}</p>
      {user ? (
        <>
          <p>{t("home.welcomeBack", { name: user.displayName ?? user.email ?? "" })}</p>
          {user.onboarded && (
            <p>
              <Link className="fr-btn fr-icon-add-line fr-btn--icon-left" href="/communities/new">
                {t("pages.home.createCommunity")}
              </Link>
            </p>
          )}
        </>
      ) : (
        <p>
          <Link className="fr-btn" href="/auth/sign-in">
            {t("home.join")}
          </Link>
        </p>
      )}

      <h2 className="fr-mt-6w">{t("home.pillarsTitle")}</h2>
      <div className="fr-grid-row fr-grid-row--gutters">
        {pillars.map((pillar) => (
          <div key={pillar.title} className="fr-col-12 fr-col-md-4">
            <div className="fr-callout">
              <h3 className={`fr-callout__title ${pillar.icon}`}> {pillar.title}</h3>
              <p className="fr-callout__text">{pillar.text}</p>
            </div>
          </div>
        ))}
      </div>

      <h2 className="fr-mt-6w">{t("home.communitiesTitle")}</h2>
      {communities.length === 0 ? (
        <p>{t("home.noCommunities")}</p>
      ) : (
        <ul className="fr-grid-row fr-grid-row--gutters gc-card-grid" data-testid="community-list">
          {communities.map((community) => (
            <li key={community.slug} className="fr-col-12 fr-col-md-4">
              <div className="fr-card fr-enlarge-link">
                <div className="fr-card__body">
                  <div className="fr-card__content">
                    <h3 className="fr-card__title">
                      <Link href={`/communities/${community.slug}`}>{community.name}</Link>
                    </h3>
                    <p className="fr-card__desc">{community.summary}</p>
                    <div className="fr-card__end">
                      <p className="fr-card__detail">
                        {community.activeMembers !== null && <>{t("home.memberCount", { count: community.activeMembers })} · </>}
                        {joinLabel[community.joinPolicy]}
                      </p>
                    </div>
                  </div>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
