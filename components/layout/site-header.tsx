/**
 * The header. The State brand (Marianne block, "République française") is reserved for State
 * services, so it appears only when the operator is configured as one; otherwise the header is
 * neutral: the platform's name and the operator's.
 */
import Link from "next/link";
import type { Locale, Translate } from "@/lib/i18n/core";
import type { SessionUser } from "@/lib/auth/sessions";
import { HeaderTools } from "@/components/layout/header-tools";

type Props = {
  t: Translate;
  locale: Locale;
  user: SessionUser | null;
  operatorName: string;
  operatorIsState: boolean;
  currentPath: string;
};

export function SiteHeader({ t, locale, user, operatorName, operatorIsState, currentPath }: Props) {
  return (
    <header role="banner" className="fr-header" data-testid={operatorIsState ? "header-state" : "header-neutral"}>
      <div className="fr-header__body">
        <div className="fr-container">
          <div className="fr-header__body-row">
            <div className="fr-header__brand fr-enlarge-link">
              <div className="fr-header__brand-top">
                {operatorIsState && (
                  <div className="fr-header__logo">
                    <p className="fr-logo">
                      République
                      <br />
                      Française
                    </p>
                  </div>
                )}
                <div className="fr-header__navbar">
                  <button
                    type="button"
                    className="fr-btn--menu fr-btn"
                    data-fr-opened="false"
                    aria-controls="header-menu"
                    aria-haspopup="menu"
                    id="header-menu-button"
                    title={t("layout.menu")}
                  >
                    {t("layout.menu")}
                  </button>
                </div>
              </div>
              <div className="fr-header__service">
                <Link href="/" title={t("layout.homeTitle")}>
                  <p className="fr-header__service-title">Géocommuns</p>
                </Link>
                <p className="fr-header__service-tagline">
                  {t("layout.tagline")}
                  {!operatorIsState && operatorName !== "Géocommuns" && (
                    <>
                      {" · "}
                      <span data-testid="operator-name">{t("layout.operatedBy", { operator: operatorName })}</span>
                    </>
                  )}
                  {operatorIsState && <span className="fr-sr-only"> · {operatorName}</span>}
                </p>
              </div>
            </div>
            <div className="fr-header__tools">
              <div className="fr-header__tools-links">
                <HeaderTools t={t} locale={locale} user={user} currentPath={currentPath} />
              </div>
            </div>
          </div>
        </div>
      </div>
      {/* On small screens DSFR's script copies the tool links into this menu, and once it opens as a dialog
          gives it its role and accessible name: a plain div may not carry aria-labelledby in the HTML. */}
      <div className="fr-header__menu fr-modal" id="header-menu">
        <div className="fr-container">
          <button type="button" className="fr-btn--close fr-btn" aria-controls="header-menu" title={t("layout.close")}>
            {t("layout.close")}
          </button>
          <div className="fr-header__menu-links">
            <HeaderTools t={t} locale={locale} user={user} currentPath={currentPath} inMenu />
          </div>
          <nav className="fr-nav" id="header-navigation" aria-label={t("catalogue.navLabel")}>
            <ul className="fr-nav__list">
              <li className="fr-nav__item">
                <Link
                  className="fr-nav__link"
                  href="/catalogue"
                  aria-current={currentPath === "/catalogue" || currentPath.startsWith("/catalogue?") ? "page" : undefined}
                >
                  {t("catalogue.nav")}
                </Link>
              </li>
              {user?.isPlatformAdmin && (
                <li className="fr-nav__item">
                  <Link
                    className="fr-nav__link"
                    href="/admin"
                    aria-current={currentPath.startsWith("/admin") ? "page" : undefined}
                  >
                    {t("admin.nav")}
                  </Link>
                </li>
              )}
            </ul>
          </nav>
        </div>
      </div>
    </header>
  );
}
