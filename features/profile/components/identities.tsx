/**
 * The profile's outside accounts (issue 16): each linked account with its state, the challenge to
 * publish and where, a check button; the link form; then the events of verified accounts waiting
 * in commons' "to claim" lists, each claimable in one click.
 */
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { formatDate, formatNumber, type Locale, type Translate } from "@/lib/i18n/core";
import type { ClaimableEvent, IdentityView } from "@/lib/connectors/identities";
import { claimEventAction, unlinkIdentityAction } from "@/features/connectors/actions";
import { LinkIdentityForm, VerifyIdentityButton } from "./identities-form";
import { ActionForm } from "@/components/forms/action-form";

export function Identities({
  t,
  locale,
  identities,
  claimable,
}: {
  t: Translate;
  locale: Locale;
  identities: IdentityView[];
  claimable: ClaimableEvent[];
}) {
  return (
    <section className="fr-mb-4w" aria-labelledby="identities-title" data-testid="profile-identities">
      <h2 id="identities-title" className="fr-h4">
        {t("connectors.identities.title")}
      </h2>
      <p className="fr-text--sm">{t("connectors.identities.intro")}</p>
      {identities.length > 0 && (
        <ul className="fr-raw-list">
          {identities.map((identity) => {
            const label = `${identity.externalUsername} (${t(`connectors.providers.${identity.provider}`)})`;
            return (
              <li key={identity.id} className="fr-mb-2w" data-testid="identity">
                <p className="fr-mb-1w">
                  <strong>{label}</strong>{" "}
                  <Badge small severity={identity.verifiedAt ? "success" : "warning"}>
                    {identity.verifiedAt
                      ? t("connectors.identities.verifiedOn", { date: formatDate(locale, identity.verifiedAt) })
                      : t("connectors.identities.unverified")}
                  </Badge>
                </p>
                {!identity.verifiedAt && (
                  <>
                    <p className="fr-text--sm fr-mb-1w">{t(`connectors.identities.where.${identity.provider as "GITHUB"}`)}</p>
                    <p className="fr-text--sm fr-mb-1w">
                      <code data-testid="identity-challenge">{identity.challenge}</code>
                    </p>
                    <VerifyIdentityButton identityId={identity.id} label={label} />
                  </>
                )}
                <ActionForm action={unlinkIdentityAction} className="fr-mt-1w">
                  <input type="hidden" name="identityId" value={identity.id} />
                  <button
                    type="submit"
                    className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline"
                    aria-label={t("connectors.identities.unlinkLabel", { account: label })}
                  >
                    {t("connectors.identities.unlink")}
                  </button>
                </ActionForm>
              </li>
            );
          })}
        </ul>
      )}
      <LinkIdentityForm />
      {claimable.length > 0 && (
        <>
          <h3 className="fr-h6 fr-mt-3w">{t("connectors.identities.claimTitle", { count: claimable.length })}</h3>
          <ul className="fr-raw-list" data-testid="claimable">
            {claimable.map((event) => (
              <li key={event.id} className="fr-mb-2w">
                <p className="fr-text--sm fr-mb-1w">
                  {formatDate(locale, event.date)} · {event.commons.title} ({event.commons.community.name}) · {event.description}
                  {event.quantity !== null && ` · ${formatNumber(locale, event.quantity)}${event.unit ? ` ${event.unit}` : ""}`}
                </p>
                <ActionForm action={claimEventAction}>
                  <input type="hidden" name="unmatchedId" value={event.id} />
                  <button type="submit" className="fr-btn fr-btn--sm fr-btn--secondary">
                    {t("connectors.identities.claim")}
                  </button>
                </ActionForm>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
