/**
 * The one sentence and the link that present a notification, in a given language. Used by the
 * notifications page, the API, immediate emails and the daily digest, so they always agree.
 * Only the data stored with the notification is read (no join): see kinds.ts for its keys.
 */
import { formatDate, isMessageKey, translateDynamic, type Locale } from "@/lib/i18n/core";
import { isSameSitePath } from "@/lib/core/same-site-path";
import { isNotificationKind, type NotificationData } from "./kinds";

const str = (data: NotificationData, key: string): string => {
  const value = data[key];
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
};

/** Which sentence of the kind applies to this data. */
function variant(kind: string, data: NotificationData): string {
  switch (kind) {
    case "contribution.reviewed":
    case "membership.decided":
    case "appeal.decided":
    case "report.decided":
      return data.accepted === true ? "accepted" : "rejected";
    case "sanction.received": {
      const sanction = str(data, "sanction");
      return ["WARNING", "SUSPENSION", "BAN"].includes(sanction) ? sanction : "WARNING";
    }
    case "proposal.result": {
      const outcome = str(data, "outcome");
      return ["ADOPTED", "REJECTED", "VOID"].includes(outcome) ? outcome : "sentence";
    }
    default:
      return "sentence";
  }
}

function dateOf(locale: Locale, iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : formatDate(locale, date);
}

/**
 * A proposal's title is data presented by a message of its kind (lib/proposals/title.ts, same keys),
 * e.g. "Adoption du commun …"; notifications stored before `proposalKind` existed show it as it is.
 */
function titleOf(locale: Locale, data: NotificationData): string {
  const title = str(data, "title");
  const kind = str(data, "proposalKind");
  const key = `votes.kindTitle.${kind}`;
  return kind && isMessageKey(key) ? translateDynamic(locale, key, { title }) : title;
}

export function notificationSentence(locale: Locale, kind: string, data: NotificationData): string {
  if (!isNotificationKind(kind)) return titleOf(locale, data);
  const status = str(data, "status");
  // The named person's account was erased: their name was removed from the row (./erase.ts).
  const person = (key: string) =>
    data.personErased === true ? translateDynamic(locale, "notifications.erasedPerson") : str(data, key);
  return translateDynamic(locale, `notifications.kinds.${kind}.${variant(kind, data)}`, {
    title: titleOf(locale, data),
    community: str(data, "communityName"),
    author: person("authorName"),
    requester: person("requesterName"),
    inviter: person("inviterName"),
    until: dateOf(locale, str(data, "until")),
    status: status ? translateDynamic(locale, `notifications.commonsStatus.${status}`) : "",
  });
}

/** The app-relative link to the subject; only same-site paths are kept ("/…", never "//host"). */
export function notificationPath(data: NotificationData): string {
  const path = str(data, "path");
  return isSameSitePath(path) ? path : "/notifications";
}

/** The kind's label as shown in the preferences form and on the unsubscribe page. */
export function kindLabel(locale: Locale, kind: string): string {
  return translateDynamic(locale, `notifications.kinds.${kind}.label`);
}
