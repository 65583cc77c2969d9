import { createSmtpReceiverClient } from "@/tests/support/smtp-receiver";
import { urls } from "./ports";

export const mailbox = createSmtpReceiverClient(urls.smtpHttp);

export function extractLink(text: string, pathPrefix: string): string {
  const match = text.match(new RegExp(`https?://[^\\s]+${pathPrefix.replace(/\//g, "\\/")}[^\\s]*`));
  if (!match) throw new Error(`no ${pathPrefix} link in mail:\n${text}`);
  return match[0];
}

let counter = 0;
export const uniqueEmail = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${counter++}@e2e.example`;
