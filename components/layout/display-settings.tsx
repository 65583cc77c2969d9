"use client";
/**
 * DSFR display settings (light, dark, or the system's theme): a footer button and the modal it
 * opens. The choice is stored by DSFR in the browser.
 */
import { Display, headerFooterDisplayItem } from "@codegouvfr/react-dsfr/Display/Display";

export function DisplaySettingsButton({ label }: { label: string }) {
  return (
    <>
      <button
        type="button"
        className="fr-footer__bottom-link fr-icon-theme-fill fr-btn--icon-left"
        {...headerFooterDisplayItem.buttonProps}
      >
        {label}
      </button>
      <Display />
    </>
  );
}
