import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ProConnectButton } from "@/features/auth/components/proconnect-button";
import { EmailSignInForm } from "@/features/auth/components/email-sign-in-form";
import { config } from "@/lib/core/config";
import { db } from "@/lib/db/client";
import { configuredProviders } from "@/lib/auth/next-auth";
import { listDemoPeople } from "@/lib/auth/demo";
import { createTranslator } from "@/lib/i18n/core";
import { currentLocale, currentUser } from "@/lib/web/request";
import { demoSignInAction, oidcSignInAction } from "@/features/auth/sign-in-actions";
import { RememberReturnTo } from "@/features/auth/components/remember-return-to";
import { safeReturnPath } from "@/features/auth/return-to";
import { ActionForm } from "@/components/forms/action-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: createTranslator(await currentLocale())("signIn.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** `callbackUrl`: the page to come back to afterwards (a same-site path; anything else is ignored). */
export async function SignInPage({ searchParams }: Props) {
  const back = safeReturnPath((await searchParams).callbackUrl);
  if (await currentUser()) redirect(back ?? "/auth/continue");
  const locale = await currentLocale();
  const t = createTranslator(locale);
  const env = config();
  const providers = configuredProviders();
  const demoPeople = env.DEMO ? await listDemoPeople(db()) : [];
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-7">
        <RememberReturnTo path={back} />
        <h1>{t("signIn.title")}</h1>
        <p>{t("signIn.lead")}</p>
        {providers.map((provider) =>
          provider.id === "proconnect" ? (
            <ActionForm key={provider.id} action={oidcSignInAction} className="fr-mb-3w">
              <input type="hidden" name="provider" value="proconnect" />
              <ProConnectButton />
            </ActionForm>
          ) : (
            <ActionForm key={provider.id} action={oidcSignInAction} className="fr-mb-3w">
              <input type="hidden" name="provider" value={provider.id} />
              <button type="submit" className="fr-btn fr-btn--secondary">
                {t("signIn.withProvider", { provider: provider.name })}
              </button>
            </ActionForm>
          ),
        )}
        {providers.length > 0 && <p className="fr-hr-or">{t("signIn.or")}</p>}
        <EmailSignInForm />
      </div>
      {env.DEMO && (
        <section className="fr-col-12 fr-col-md-5" aria-labelledby="demo-title">
          <div className="fr-callout">
            <h2 id="demo-title" className="fr-callout__title">
              {t("signIn.demoTitle")}
            </h2>
            <p className="fr-callout__text fr-text--sm">{t("signIn.demoLead")}</p>
            <ul className="fr-mt-2w" data-testid="demo-people">
              {demoPeople.map((person) => (
                <li key={person.id}>
                  <ActionForm action={demoSignInAction}>
                    <input type="hidden" name="userId" value={person.id} />
                    <button type="submit" className="fr-link">
                      {t("signIn.demoAs", { name: person.displayName ?? "" })}
                    </button>{" "}
                    <span className="fr-text--xs">
                      ({person.actorKind ? t(`actorKind.${person.actorKind}`) : ""}
                      {person.organization ? `, ${person.organization.name}` : ""})
                    </span>
                  </ActionForm>
                </li>
              ))}
            </ul>
          </div>
        </section>
      )}
    </div>
  );
}
