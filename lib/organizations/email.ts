/** The email that confirms an address on an organisation's domain (text and HTML, escaped). */
import { createTranslator, type Locale } from "@/lib/i18n/core";
import { buttonWithLink, escapeHtml, layout, type RenderedEmail } from "@/lib/mail/render";

export function renderOrganizationLinkEmail({
  locale,
  url,
  organization,
  minutes,
}: {
  locale: Locale;
  url: string;
  organization: string;
  minutes: number;
}): RenderedEmail {
  const t = createTranslator(locale);
  const subject = t("organizations.email.subject", { organization });
  const body = t("organizations.email.body", { organization, minutes });
  const ignore = t("organizations.email.ignore");
  const text = [body, url, "", ignore].join("\n");
  const html = layout(
    locale,
    `<p>${escapeHtml(body)}</p>
${buttonWithLink(url, t("organizations.email.button"))}
<p style="color:#666;font-size:14px">${escapeHtml(ignore)}</p>`,
  );
  return { subject, text, html };
}
