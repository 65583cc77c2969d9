import type { Translate } from "@/lib/i18n/core";
import type { MessageKey } from "@/lib/i18n/core";

/** The legal pages share one shape: a title and paragraphs from the catalogue. */
export function LegalPage({ t, title, body, operator }: { t: Translate; title: MessageKey; body: MessageKey; operator: string }) {
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-9">
        <h1>{t(title)}</h1>
        {t(body, { operator })
          .split("\n")
          .map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
      </div>
    </div>
  );
}
