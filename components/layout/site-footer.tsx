import Link from "next/link";
import type { Translate } from "@/lib/i18n/core";
import { DisplaySettingsButton } from "./display-settings";

export function SiteFooter({
  t,
  operatorIsState,
  showMailbox,
}: {
  t: Translate;
  operatorIsState: boolean;
  showMailbox: boolean;
}) {
  return (
    <footer className="fr-footer" role="contentinfo" id="footer">
      <div className="fr-container">
        <div className="fr-footer__body">
          <div className="fr-footer__brand fr-enlarge-link">
            {operatorIsState ? (
              <Link href="/" title={t("layout.homeTitle")}>
                <p className="fr-logo">
                  République
                  <br />
                  Française
                </p>
              </Link>
            ) : (
              <Link href="/" title={t("layout.homeTitle")} className="fr-footer__brand-link">
                <span className="fr-h5 fr-mb-0">Géocommuns</span>
              </Link>
            )}
          </div>
          <div className="fr-footer__content">
            <p className="fr-footer__content-desc">{t("layout.footerDescription")}</p>
          </div>
        </div>
        <div className="fr-footer__bottom">
          <ul className="fr-footer__bottom-list">
            <li className="fr-footer__bottom-item">
              <Link className="fr-footer__bottom-link" href="/accessibilite">
                {t("layout.accessibility")}
              </Link>
            </li>
            <li className="fr-footer__bottom-item">
              <Link className="fr-footer__bottom-link" href="/mentions-legales">
                {t("layout.legalNotice")}
              </Link>
            </li>
            <li className="fr-footer__bottom-item">
              <Link className="fr-footer__bottom-link" href="/donnees-personnelles">
                {t("layout.personalData")}
              </Link>
            </li>
            <li className="fr-footer__bottom-item">
              <DisplaySettingsButton label={t("layout.displaySettings")} />
            </li>
            {showMailbox && (
              <li className="fr-footer__bottom-item">
                <Link className="fr-footer__bottom-link" href="/dev/mailbox">
                  {t("layout.mailbox")}
                </Link>
              </li>
            )}
          </ul>
        </div>
      </div>
    </footer>
  );
}
