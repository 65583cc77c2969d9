import type { Metadata } from "next";
import type { ReactNode } from "react";
import { headers } from "next/headers";
import { DsfrHead, getHtmlAttributes } from "@/components/dsfr/dsfr-head";
import { DsfrProvider, StartDsfrOnHydration } from "@/components/dsfr/dsfr-provider";
import { I18nProvider } from "@/components/i18n/i18n-provider";
import { SiteHeader } from "@/components/layout/site-header";
import { SiteFooter } from "@/components/layout/site-footer";
import { config } from "@/lib/core/config";
import { catalogue, createTranslator, formatDate } from "@/lib/i18n/core";
import { currentLocale, currentUser } from "@/lib/web/request";
import "./globals.css";

// Every page depends on the session and the language: nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = createTranslator(await currentLocale());
  return { title: { default: t("meta.title"), template: `%s – ${t("meta.title")}` }, description: t("meta.description") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const env = config();
  const [locale, user, requestHeaders] = await Promise.all([currentLocale(), currentUser(), headers()]);
  const t = createTranslator(locale);
  const nonce = requestHeaders.get("x-nonce") ?? undefined;
  const currentPath = requestHeaders.get("x-pathname") ?? "/";
  return (
    <html {...getHtmlAttributes({ lang: locale })}>
      <head>
        <StartDsfrOnHydration />
        {/* No font preload: DSFR declares Marianne with font-display swap, and three preloaded weights (42 KB each)
            competed with the stylesheet for the first paint (issue 15, Lighthouse). */}
        <DsfrHead nonce={nonce} />
      </head>
      <body>
        <DsfrProvider lang={locale}>
          <I18nProvider locale={locale} messages={catalogue(locale)}>
            <div className="fr-skiplinks">
              <nav className="fr-container" role="navigation" aria-label={t("layout.skipToContent")}>
                <ul className="fr-skiplinks__list">
                  <li>
                    <a className="fr-link" href="#content">
                      {t("layout.skipToContent")}
                    </a>
                  </li>
                  <li>
                    <a className="fr-link" href="#footer">
                      {t("layout.skipToFooter")}
                    </a>
                  </li>
                </ul>
              </nav>
            </div>
            <SiteHeader
              t={t}
              locale={locale}
              user={user}
              operatorName={env.OPERATOR_NAME}
              operatorIsState={env.OPERATOR_IS_STATE}
              currentPath={currentPath}
            />
            {env.DEMO && (
              <div className="fr-notice fr-notice--info">
                <div className="fr-container">
                  <div className="fr-notice__body">
                    <p className="fr-notice__title">{t("layout.demoBanner")}</p>
                  </div>
                </div>
              </div>
            )}
            {user?.suspendedUntil && user.suspendedUntil > new Date() && (
              <div className="fr-notice fr-notice--warning" data-testid="account-suspended">
                <div className="fr-container">
                  <div className="fr-notice__body">
                    <p className="fr-notice__title">
                      {t("admin.suspendedBanner", { date: formatDate(locale, user.suspendedUntil) })}
                    </p>
                  </div>
                </div>
              </div>
            )}
            <main id="content" className="fr-container fr-py-6w" tabIndex={-1}>
              {children}
            </main>
            <SiteFooter t={t} operatorIsState={env.OPERATOR_IS_STATE} showMailbox={env.DEMO && !env.SMTP_URL} />
          </I18nProvider>
        </DsfrProvider>
      </body>
    </html>
  );
}
