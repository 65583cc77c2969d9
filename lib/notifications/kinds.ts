/**
 * The kinds of notification, who may receive them, and the channel each one uses until a person
 * chooses otherwise. Defaults are chosen not to drown anyone:
 * - daily digest for everything that is news rather than a call to act (new proposals, votes opened,
 *   results, requests to join for administrators, new reports for moderators, reviews of contributions, report outcomes, followed
 *   commons);
 * - email at once for what concerns a person's rights or needs a timely answer (sanctions, appeal
 *   and membership decisions, an appeal waiting for a moderator's decision, and the reminder that a vote closes within 24 hours, sent only to
 *   electors who have not voted: a daily digest could arrive after the close);
 * - in-app for conversation (replies and mentions), which would otherwise flood the mailbox;
 * - invitations are in-app only: the invitation email itself (with its link) always goes.
 * Sanctions and appeal outcomes cannot be switched off (at least in-app): they concern the person's rights.
 *
 * `data` passed to notify() is a flat object; every kind reads:
 * - `title` (string): the subject's name (proposal title, commons name, community name…);
 * - `path` (string): the app-relative link to the subject, starting with "/";
 * - `communityName` (string, optional);
 * - `proposalKind` (a ProposalKind, about a proposal): the title is presented by its kind's message.
 * Kind-specific keys:
 * - comment.reply / comment.mention: `authorName`;
 * - proposal.closingSoon: `closesAt` (ISO date); proposal.result: `outcome` ("ADOPTED" | "REJECTED" | "VOID");
 * - contribution.reviewed, membership.decided, appeal.decided (accepted = sanction lifted),
 *   report.decided (accepted = action was taken): `accepted` (boolean), optional `reason` (string);
 * - membership.requested: `requesterName`; invitation.received: `inviterName`;
 * - with a name above, `personId` (the named person's id, never shown): erasing that person's account
 *   removes the name and sets `personErased` (lib/notifications/erase.ts), read as "a person whose
 *   account was erased";
 * - appeal.received (to moderators who may decide it, never the sanctioner), report.received (to
 *   moderators, one unread notice per community at a time): the community's name as `title`;
 *   report.received also `targetKind`; hiding.contested (the author of hidden content contests it, to
 *   the moderators other than the one who hid it): `targetKind`, `reason` (the author's words), `path`
 *   to the item;
 * - sanction.received: `sanction` ("WARNING" | "SUSPENSION" | "BAN"), optional `until` (ISO date), `reason`;
 * - commons.updated: `status` (a CommonsStatus).
 */
import type { NotificationChannel } from "@/lib/generated/prisma/enums";

export const notificationKinds = [
  "proposal.created",
  "proposal.votingOpened",
  "proposal.closingSoon",
  "proposal.result",
  "comment.reply",
  "comment.mention",
  "contribution.reviewed",
  "membership.requested",
  "membership.decided",
  "invitation.received",
  "sanction.received",
  "appeal.decided",
  "report.decided",
  "appeal.received",
  "report.received",
  "hiding.contested",
  "commons.updated",
  "capture.alert",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const notificationChannels = ["IN_APP", "EMAIL", "DIGEST", "OFF"] as const satisfies readonly NotificationChannel[];
export type { NotificationChannel };

const ALL = notificationChannels;
const NOT_OFF = ["IN_APP", "EMAIL", "DIGEST"] as const;

export const kindSettings: Record<
  NotificationKind,
  { defaultChannel: NotificationChannel; channels: readonly NotificationChannel[] }
> = {
  "proposal.created": { defaultChannel: "DIGEST", channels: ALL },
  "proposal.votingOpened": { defaultChannel: "DIGEST", channels: ALL },
  "proposal.closingSoon": { defaultChannel: "EMAIL", channels: ALL },
  "proposal.result": { defaultChannel: "DIGEST", channels: ALL },
  "comment.reply": { defaultChannel: "IN_APP", channels: ALL },
  "comment.mention": { defaultChannel: "IN_APP", channels: ALL },
  "contribution.reviewed": { defaultChannel: "DIGEST", channels: ALL },
  "membership.requested": { defaultChannel: "DIGEST", channels: ALL },
  "membership.decided": { defaultChannel: "EMAIL", channels: ALL },
  "invitation.received": { defaultChannel: "IN_APP", channels: ["IN_APP", "OFF"] },
  "sanction.received": { defaultChannel: "EMAIL", channels: NOT_OFF },
  "appeal.decided": { defaultChannel: "EMAIL", channels: NOT_OFF },
  "report.decided": { defaultChannel: "DIGEST", channels: ALL },
  "appeal.received": { defaultChannel: "EMAIL", channels: ALL },
  "report.received": { defaultChannel: "DIGEST", channels: ALL },
  "hiding.contested": { defaultChannel: "EMAIL", channels: ALL },
  "commons.updated": { defaultChannel: "DIGEST", channels: ALL },
  /** A capture threshold of the charter crossed (lib/commons/capture.ts), to the community's administrators. */
  "capture.alert": { defaultChannel: "EMAIL", channels: ALL },
};

/**
 * Kinds addressed to a person about their own standing in a community (the answer to their request,
 * an invitation, a sanction, an appeal): they reach that person even where they may not read the
 * community's content. Every other kind announces content of its community, and goes only to those
 * who may read it when it is delivered (audience.ts readersAmong: in the app, by email, in a digest).
 */
const standingKinds: ReadonlySet<string> = new Set<NotificationKind>([
  "membership.decided",
  "invitation.received",
  "sanction.received",
  "appeal.decided",
]);

/** Whether a notification of this kind about this community goes only to those who may read it. */
export const announcesContent = (kind: string, communityId: string | null): communityId is string =>
  communityId !== null && !standingKinds.has(kind);

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === "string" && (notificationKinds as readonly string[]).includes(value);
}

export type NotificationData = Record<string, string | number | boolean | null>;
