/** Community emails (invitations, decisions on requests), plain text plus HTML, in the recipient's language. */
import { createTranslator, type Locale } from "@/lib/i18n/core";
import { buttonWithLink, escapeHtml, layout, type RenderedEmail } from "./render";

export function renderInvitationEmail({
  locale,
  communityName,
  inviterName,
  url,
  days,
}: {
  locale: Locale;
  communityName: string;
  inviterName: string;
  url: string;
  days: number;
}): RenderedEmail {
  const t = createTranslator(locale);
  const values = { community: communityName, inviter: inviterName, days };
  const subject = t("communities.email.invitationSubject", values);
  const text = [
    t("email.signIn.greeting"),
    "",
    t("communities.email.invitationBody", values),
    url,
    "",
    t("email.signIn.signature"),
  ].join("\n");
  const html = layout(
    locale,
    `<p>${escapeHtml(t("email.signIn.greeting"))}</p>
<p>${escapeHtml(t("communities.email.invitationBody", values))}</p>
${buttonWithLink(url, t("communities.email.invitationButton"))}
<p>${escapeHtml(t("email.signIn.signature"))}</p>`,
  );
  return { subject, text, html };
}

export function renderMembershipDecisionEmail({
  locale,
  communityName,
  approved,
  message,
  url,
}: {
  locale: Locale;
  communityName: string;
  approved: boolean;
  message?: string;
  url: string;
}): RenderedEmail {
  const t = createTranslator(locale);
  const values = { community: communityName };
  const subject = t(approved ? "communities.email.approvedSubject" : "communities.email.refusedSubject", values);
  const body = t(approved ? "communities.email.approvedBody" : "communities.email.refusedBody", values);
  const quoted = message ? `${t("communities.email.messageFromAdmins")}\n« ${message} »` : "";
  const text = [t("email.signIn.greeting"), "", body, quoted, url, "", t("email.signIn.signature")]
    .filter((l) => l !== "")
    .join("\n");
  const html = layout(
    locale,
    `<p>${escapeHtml(t("email.signIn.greeting"))}</p><p>${escapeHtml(body)}</p>${
      message ? `<blockquote>${escapeHtml(message)}</blockquote>` : ""
    }<p><a href="${escapeHtml(url)}">${escapeHtml(communityName)}</a></p><p>${escapeHtml(t("email.signIn.signature"))}</p>`,
  );
  return { subject, text, html };
}
