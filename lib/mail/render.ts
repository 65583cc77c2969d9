/**
 * Emails as plain text plus HTML, in the recipient's language. HTML is built from escaped pieces
 * only; nothing a person typed is ever inserted unescaped.
 */
import { createTranslator, type Locale } from "@/lib/i18n/core";

export type RenderedEmail = { subject: string; text: string; html: string };

export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

export function layout(locale: Locale, body: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>
<body style="font-family:Marianne,Arial,sans-serif;color:#161616;background:#f6f6f6;margin:0;padding:24px">
<div style="max-width:560px;margin:0 auto;background:#fff;padding:32px;border-top:4px solid #000091">${body}</div></body></html>`;
}

/** A call-to-action button followed by the raw link (for clients that hide buttons). */
export function buttonWithLink(url: string, label: string): string {
  return `<p><a href="${escapeHtml(url)}" style="display:inline-block;background:#000091;color:#fff;padding:12px 20px;text-decoration:none">${escapeHtml(label)}</a></p>
<p style="word-break:break-all;font-size:14px">${escapeHtml(url)}</p>`;
}

export function renderSignInEmail({ locale, url, minutes }: { locale: Locale; url: string; minutes: number }): RenderedEmail {
  const t = createTranslator(locale);
  const subject = t("email.signIn.subject");
  const text = [
    t("email.signIn.greeting"),
    "",
    t("email.signIn.body", { minutes }),
    url,
    "",
    t("email.signIn.ignore"),
    "",
    t("email.signIn.signature"),
  ].join("\n");
  const html = layout(
    locale,
    `<p>${escapeHtml(t("email.signIn.greeting"))}</p>
<p>${escapeHtml(t("email.signIn.body", { minutes }))}</p>
${buttonWithLink(url, t("email.signIn.button"))}
<p style="color:#666;font-size:14px">${escapeHtml(t("email.signIn.ignore"))}</p>
<p>${escapeHtml(t("email.signIn.signature"))}</p>`,
  );
  return { subject, text, html };
}
