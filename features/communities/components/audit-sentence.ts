/**
 * One audit entry as a sentence in the reader's language ("Léa Rousseau a rejoint la communauté…").
 * Details are JSON written by the use cases; anything missing or unknown falls back to a neutral
 * wording rather than failing the page.
 */
import type { AuditAction } from "@/lib/audit/record";
import { formatDate, type Locale, type MessageKey, type Translate } from "@/lib/i18n/core";
import { actorKinds } from "@/lib/users/schemas";

export type AuditEntryView = {
  action: string;
  details: unknown;
  actor: { id: string; displayName: string | null } | null;
};

export const auditActionLabel: Record<AuditAction, MessageKey> = {
  "community.created": "pages.activity.actions.communityCreated",
  "community.updated": "pages.activity.actions.communityUpdated",
  "colleges.configured": "pages.activity.actions.collegesConfigured",
  "membership.joined": "pages.activity.actions.membershipJoined",
  "membership.requested": "pages.activity.actions.membershipRequested",
  "membership.approved": "pages.activity.actions.membershipApproved",
  "membership.refused": "pages.activity.actions.membershipRefused",
  "membership.invited": "pages.activity.actions.membershipInvited",
  "membership.invitationAccepted": "pages.activity.actions.membershipInvitationAccepted",
  "membership.left": "pages.activity.actions.membershipLeft",
  "membership.roleChanged": "pages.activity.actions.membershipRoleChanged",
  "membership.collegeChanged": "pages.activity.actions.membershipCollegeChanged",
  "charter.founded": "charter.audit.founded",
  "charter.amended": "charter.audit.amended",
  "proposal.created": "votes.audit.proposalCreated",
  "proposal.draftEdited": "votes.audit.draftEdited",
  "proposal.withdrawn": "votes.audit.proposalWithdrawn",
  "proposal.votingOpened": "votes.audit.votingOpened",
  "proposal.closedEarly": "votes.audit.closedEarly",
  "moderation.reported": "moderation.audit.reported",
  "moderation.hidden": "moderation.audit.hidden",
  "moderation.restored": "moderation.audit.restored",
  "moderation.warned": "moderation.audit.warned",
  "moderation.suspended": "moderation.audit.suspended",
  "moderation.banned": "moderation.audit.banned",
  "moderation.appealed": "moderation.audit.appealed",
  "moderation.appealDecided": "moderation.audit.appealDecided",
  "moderation.hidingContested": "moderation.audit.hidingContested",
  "commons.proposed": "commons.audit.proposed",
  "commons.updated": "commons.audit.updated",
  "commons.adopted": "commons.audit.adopted",
  "commons.rejected": "commons.audit.rejected",
  "commons.archived": "commons.audit.archived",
  "contribution.recorded": "commons.audit.contributionRecorded",
  "contribution.validated": "commons.audit.contributionValidated",
  "contribution.rejected": "commons.audit.contributionRejected",
  "contribution.claimed": "connectors.audit.contributionClaimed",
  "source.attached": "connectors.audit.sourceAttached",
  "source.updated": "connectors.audit.sourceUpdated",
  "source.secretRotated": "connectors.audit.secretRotated",
  "capture.alertRaised": "connectors.audit.captureAlertRaised",
  "identity.verified": "connectors.audit.identityVerified",
  "account.suspended": "admin.audit.suspended",
  "account.suspensionLifted": "admin.audit.suspensionLifted",
  "account.erased": "admin.audit.erased",
  "commons.stewardsChanged": "organizations.audit.stewardsChanged",
  "organization.linkDeclared": "organizations.audit.linkDeclared",
  "organization.linkVerified": "organizations.audit.linkVerified",
  "organization.linkDropped": "organizations.audit.linkDropped",
  "organization.adminGranted": "organizations.audit.adminGranted",
  "organization.domainAdded": "organizations.audit.domainAdded",
};

const roles = ["MEMBER", "MODERATOR", "ADMIN"] as const;

function field(details: unknown, name: string): unknown {
  return details && typeof details === "object" ? (details as Record<string, unknown>)[name] : undefined;
}

/** User ids an entry mentions besides its actor (to fetch their names in one query per page). */
export function mentionedUserId(entry: { details: unknown }): string | undefined {
  const id = field(entry.details, "userId");
  return typeof id === "string" ? id : undefined;
}

const isAuditAction = (action: string): action is AuditAction => Object.hasOwn(auditActionLabel, action);

/**
 * Moderation entries name no one (neither the moderator nor the member), as in the moderation log
 * (lib/moderation/log.ts); a change made by a vote names no person either (whoever happened to close it
 * did not decide it). Unknown actions read as their label, never as their key.
 */
export function auditSentence(t: Translate, entry: AuditEntryView, names: Map<string, string>, locale: Locale = "fr"): string {
  const actor = entry.actor ? (entry.actor.displayName ?? t("pages.activity.someone")) : t("pages.activity.platform");
  const details = entry.details;
  const targetId = mentionedUserId(entry);
  const target = (targetId && names.get(targetId)) || t("pages.activity.someone");
  const college = (value: unknown) =>
    typeof value === "string" && (actorKinds as readonly string[]).includes(value)
      ? t(`actorKind.${value as (typeof actorKinds)[number]}`)
      : "—";
  const role = (value: unknown) =>
    typeof value === "string" && (roles as readonly string[]).includes(value)
      ? t(`community.role.${value as (typeof roles)[number]}`)
      : t("community.role.MEMBER");

  const text = (name: string) => {
    const value = field(details, name);
    return typeof value === "string" ? value : "";
  };
  const count = (name: string) => {
    const value = field(details, name);
    return typeof value === "number" ? value : 0;
  };
  switch (entry.action as AuditAction) {
    case "charter.founded":
      return t("pages.activity.sentences.charterFounded", { actor, version: count("version") || 1 });
    case "charter.amended":
      return t("pages.activity.sentences.charterAmended", { version: count("version") });
    case "proposal.created":
      return typeof field(details, "secondRoundOf") === "string"
        ? t("pages.activity.sentences.secondRoundDrafted", { title: text("title") })
        : t("pages.activity.sentences.proposalCreated", { actor, title: text("title") });
    case "proposal.draftEdited":
      return t("pages.activity.sentences.draftEdited", { actor });
    case "proposal.withdrawn":
      return t("pages.activity.sentences.proposalWithdrawn", { actor });
    case "proposal.votingOpened":
      return entry.actor
        ? t("pages.activity.sentences.votingOpened", { actor, electorate: count("electorate") })
        : t("pages.activity.sentences.votingOpenedAsPlanned", { electorate: count("electorate") });
    case "proposal.closedEarly":
      return t("pages.activity.sentences.closedEarly", { actor });
    case "community.created":
      return t("pages.activity.sentences.communityCreated", { actor });
    case "community.updated":
      return t("pages.activity.sentences.communityUpdated", { actor });
    case "colleges.configured": {
      if (field(details, "weightingEnabled") === false) return t("pages.activity.sentences.collegesUnweighted", { actor });
      const after = field(details, "after");
      const weights = actorKinds
        .map((kind) => {
          const weight = field(after, kind);
          return t("pages.activity.weightItem", { college: college(kind), weight: typeof weight === "number" ? weight : 0 });
        })
        .join(", ");
      return t("pages.activity.sentences.collegesWeighted", { actor, weights });
    }
    case "membership.joined":
      return t("pages.activity.sentences.membershipJoined", { actor, college: college(field(details, "college")) });
    case "membership.requested":
      return t("pages.activity.sentences.membershipRequested", { actor });
    case "membership.approved":
      return t("pages.activity.sentences.membershipApproved", { actor, target });
    case "membership.refused":
      return t("pages.activity.sentences.membershipRefused", { actor, target });
    case "membership.invited":
      return t("pages.activity.sentences.membershipInvited", { actor, role: role(field(details, "role")) });
    case "membership.invitationAccepted":
      return t("pages.activity.sentences.membershipInvitationAccepted", { actor, role: role(field(details, "role")) });
    case "membership.left":
      return t("pages.activity.sentences.membershipLeft", { actor });
    case "membership.roleChanged":
      return t("pages.activity.sentences.membershipRoleChanged", {
        actor,
        target,
        from: role(field(details, "from")),
        to: role(field(details, "to")),
      });
    case "membership.collegeChanged": {
      // A verified organisation change moved the college (lib/organizations/links.ts).
      const organization = field(details, "organizationName");
      if (typeof organization === "string") {
        return t("organizations.sentences.collegeFromOrganization", {
          target,
          from: college(field(details, "from")),
          to: college(field(details, "to")),
          organization,
        });
      }
      const reason = field(details, "reason");
      return t("pages.activity.sentences.membershipCollegeChanged", {
        actor,
        target,
        from: college(field(details, "from")),
        to: college(field(details, "to")),
        reason: typeof reason === "string" ? reason : "—",
      });
    }
    case "moderation.reported":
      return t("moderation.sentences.reported");
    case "moderation.hidden":
      return entry.actor ? t("moderation.sentences.hiddenBy") : t("moderation.sentences.hidden");
    case "moderation.restored":
      return field(details, "reason") === "suspensionEnded"
        ? t("moderation.sentences.suspensionEnded")
        : field(details, "reason") === "contentRestored"
          ? t("moderation.sentences.contentRestored")
          : t("moderation.sentences.restored");
    case "moderation.warned":
      return t("moderation.sentences.warned");
    case "moderation.suspended": {
      const until = new Date(text("until"));
      return Number.isNaN(until.getTime())
        ? t("moderation.sentences.suspendedNoDate")
        : t("moderation.sentences.suspended", { date: formatDate(locale, until) });
    }
    case "moderation.banned":
      return t("moderation.sentences.banned");
    case "moderation.appealed":
      return t("moderation.sentences.appealed");
    case "moderation.appealDecided":
      return field(details, "outcome") === "OVERTURNED"
        ? t("moderation.sentences.appealOverturned")
        : t("moderation.sentences.appealUpheld");
    case "moderation.hidingContested":
      return t("moderation.sentences.hidingContested");
    case "commons.proposed":
      return t("commons.sentences.proposed", { actor });
    case "commons.updated":
      return t("commons.sentences.updated", { actor });
    case "commons.adopted":
      return field(details, "byVote") === true ? t("commons.sentences.adoptedByVote") : t("commons.sentences.adopted", { actor });
    case "commons.rejected":
      return field(details, "byVote") === true
        ? t("commons.sentences.rejectedByVote")
        : t("commons.sentences.rejected", { actor });
    case "commons.archived":
      return t("commons.sentences.archived", { actor });
    case "commons.stewardsChanged":
      return t("organizations.sentences.stewardsChanged", { actor });
    case "contribution.recorded":
      // Recorded by a connector (issue 16): no actor, the member is in the details.
      if (!entry.actor && typeof field(details, "sourceId") === "string")
        return t("connectors.sentences.recordedBySource", { target });
      return t("commons.sentences.contributionRecorded", { actor });
    case "contribution.claimed":
      return t("connectors.sentences.claimed", { actor });
    case "source.attached":
      return t("connectors.sentences.sourceAttached", { actor });
    case "source.updated":
      return t("connectors.sentences.sourceUpdated", { actor });
    case "source.secretRotated":
      return t("connectors.sentences.secretRotated", { actor });
    case "capture.alertRaised":
      return t("connectors.sentences.captureAlertRaised");
    case "contribution.validated":
      return t("commons.sentences.contributionValidated", { actor, target });
    case "contribution.rejected":
      return t("commons.sentences.contributionRejected", { actor, target });
    default:
      return t("pages.activity.sentences.other", {
        actor,
        action: isAuditAction(entry.action) ? t(auditActionLabel[entry.action]) : t("pages.activity.unknownAction"),
      });
  }
}
