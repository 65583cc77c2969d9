import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { config } from "@/lib/core/config";
import { db } from "@/lib/db/client";
import { formatDateTime } from "@/lib/i18n/core";
import { listOutbox } from "@/lib/mail/mailbox";
import { renderLinks } from "@/components/mail/render-links";
import { getTranslator } from "@/lib/web/i18n";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator()).t("mailbox.title") };
}

/** Demo mode only, and only while no SMTP server is configured: the outbox is the mailbox. */
export async function MailboxPage() {
  const env = config();
  if (!env.DEMO || env.SMTP_URL) notFound();
  const [{ t, locale }, messages] = await Promise.all([getTranslator(), listOutbox(db())]);
  return (
    <>
      <h1>{t("mailbox.title")}</h1>
      <p>{t("mailbox.lead")}</p>
      {messages.length === 0 && <p>{t("mailbox.empty")}</p>}
      {messages.map((message) => (
        <article key={message.id} className="fr-card fr-mb-3w" data-testid="mailbox-message">
          <div className="fr-card__body">
            <div className="fr-card__content">
              <h2 className="fr-card__title">{message.subject}</h2>
              <p className="fr-card__detail">
                {t("pages.labelSuffix", { label: t("mailbox.to") })} {message.to} · {formatDateTime(locale, message.createdAt)} ·{" "}
                {t(`mailbox.statuses.${message.status}`)}
              </p>
              <div className="fr-card__desc gc-prewrap">{renderLinks(message.text)}</div>
            </div>
          </div>
        </article>
      ))}
    </>
  );
}
