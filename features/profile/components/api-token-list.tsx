/** The person's active tokens: what tells them apart (name, first characters, scopes, use), and revoke. */
import { Table } from "@codegouvfr/react-dsfr/Table";
import { revokeTokenAction } from "@/features/profile/token-actions";
import { formatDateTime, type Locale, type Translate } from "@/lib/i18n/core";
import type { TokenListItem } from "@/lib/tokens/list-tokens";
import { ActionForm } from "@/components/forms/action-form";

export function ApiTokenList({ tokens, t, locale }: { tokens: TokenListItem[]; t: Translate; locale: Locale }) {
  if (tokens.length === 0) return <p data-testid="api-token-list">{t("api.tokens.none")}</p>;
  return (
    <div data-testid="api-token-list">
      <Table
        caption={t("api.tokens.listTitle")}
        headers={[
          t("api.tokens.columns.name"),
          t("api.tokens.columns.prefix"),
          t("api.tokens.columns.scopes"),
          t("api.tokens.columns.createdAt"),
          t("api.tokens.columns.lastUsedAt"),
          t("api.tokens.columns.actions"),
        ]}
        data={tokens.map((token) => [
          token.name,
          <code key="prefix">{token.prefix}…</code>,
          token.scopes.map((scope) => t(`api.tokens.scope.${scope}`)).join(", "),
          formatDateTime(locale, token.createdAt),
          token.lastUsedAt ? formatDateTime(locale, token.lastUsedAt) : t("api.tokens.neverUsed"),
          <ActionForm key="revoke" action={revokeTokenAction}>
            <input type="hidden" name="tokenId" value={token.id} />
            <button
              type="submit"
              className="fr-btn fr-btn--sm fr-btn--tertiary"
              aria-label={t("api.tokens.revokeLabel", { name: token.name })}
            >
              {t("api.tokens.revoke")}
            </button>
          </ActionForm>,
        ])}
      />
    </div>
  );
}
