/**
 * Notification emails (one notification at once, or the daily digest), plain text plus HTML, in the
 * recipient's language, each with its signed unsubscribe link and a link to the preferences page.
 */
import { createTranslator, type Locale } from "@/lib/i18n/core";
import { notificationPath, notificationSentence } from "@/lib/notifications/describe";
import type { NotificationData } from "@/lib/notifications/kinds";
import { buttonWithLink, escapeHtml, layout, type RenderedEmail } from "@/lib/mail/render";

type Links = { appUrl: string; unsubscribeUrl: string };

const absolute = (appUrl: string, path: string) => new URL(path, appUrl).toString();

function footer(locale: Locale, { appUrl, unsubscribeUrl }: Links, digest: boolean) {
  const t = createTranslator(locale);
  const manageUrl = absolute(appUrl, "/profile/notifications");
  const unsubscribe = digest ? "notifications.email.unsubscribeDigest" : "notifications.email.unsubscribeKind";
  const text = [
    "",
    t("notifications.email.signature"),
    "",
    "--",
    t("notifications.email.footer"),
    t("notifications.email.manage", { url: manageUrl }),
    t(unsubscribe, { url: unsubscribeUrl }),
  ];
  const html = `<p>${escapeHtml(t("notifications.email.signature"))}</p>
<hr style="border:0;border-top:1px solid #ddd">
<p style="color:#666;font-size:13px">${escapeHtml(t("notifications.email.footer"))}<br>
<a href="${escapeHtml(manageUrl)}">${escapeHtml(t("notifications.email.manageLabel"))}</a> ·
<a href="${escapeHtml(unsubscribeUrl)}">${escapeHtml(t("notifications.email.unsubscribeLabel"))}</a></p>`;
  return { text, html };
}

export function renderNotificationEmail({
  locale,
  kind,
  data,
  links,
}: {
  locale: Locale;
  kind: string;
  data: NotificationData;
  links: Links;
}): RenderedEmail {
  const t = createTranslator(locale);
  const sentence = notificationSentence(locale, kind, data);
  const url = absolute(links.appUrl, notificationPath(data));
  const reason = typeof data.reason === "string" && data.reason ? t("notifications.email.reason", { reason: data.reason }) : "";
  const end = footer(locale, links, false);
  const text = [t("notifications.email.greeting"), "", sentence, ...(reason ? [reason] : []), url, ...end.text].join("\n");
  const html = layout(
    locale,
    `<p>${escapeHtml(t("notifications.email.greeting"))}</p>
<p>${escapeHtml(sentence)}</p>${reason ? `<p>${escapeHtml(reason)}</p>` : ""}
${buttonWithLink(url, t("notifications.email.open"))}
${end.html}`,
  );
  // Subjects stay on one line and short enough for every client.
  return { subject: sentence.replace(/\s+/g, " ").slice(0, 180), text, html };
}

export function renderDigestEmail({
  locale,
  items,
  links,
}: {
  locale: Locale;
  items: { kind: string; data: NotificationData }[];
  links: Links;
}): RenderedEmail {
  const t = createTranslator(locale);
  const lines = items.map((item) => ({
    sentence: notificationSentence(locale, item.kind, item.data),
    url: absolute(links.appUrl, notificationPath(item.data)),
  }));
  const end = footer(locale, links, true);
  const text = [
    t("notifications.email.greeting"),
    "",
    t("notifications.email.digestIntro"),
    "",
    ...lines.map((line) => `- ${line.sentence}\n  ${line.url}`),
    ...end.text,
  ].join("\n");
  const html = layout(
    locale,
    `<p>${escapeHtml(t("notifications.email.greeting"))}</p>
<p>${escapeHtml(t("notifications.email.digestIntro"))}</p>
<ul>${lines.map((line) => `<li><a href="${escapeHtml(line.url)}">${escapeHtml(line.sentence)}</a></li>`).join("")}</ul>
${end.html}`,
  );
  return { subject: t("notifications.email.digestSubject", { count: items.length }), text, html };
}
