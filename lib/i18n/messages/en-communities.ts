import type { Messages } from "./types";

export const enCommunities: Messages["communities"] = {
  errors: {
    slugTooShort: "The short address must be at least 3 characters long.",
    slugTooLong: "The short address must not exceed 60 characters.",
    slugFormat:
      "The short address contains only lower-case letters without accents, digits and hyphens (for example adresses-finistere).",
    slugReserved: "This short address is reserved by the platform. Choose another one.",
    slugTaken: "This short address is already taken by another community.",
    nameTooShort: "The name must be at least 3 characters long.",
    nameTooLong: "The name must not exceed 120 characters.",
    summaryTooShort: "The short presentation must be at least 10 characters long.",
    summaryTooLong: "The short presentation must not exceed 300 characters.",
    descriptionTooLong: "The description must not exceed 20,000 characters.",
    visibility: "Choose who can read the community.",
    joinPolicy: "Choose how people join the community.",
    weightNumber: "A weight is a whole number from 0 to 100.",
    weightBounds: "A college in use weighs between {min}% and {max}% (0% when unused).",
    weightTotal: "The colleges' weights must add up to 100% (currently {total}%).",
    collegesSetByCharter:
      "The colleges' weights and weighting are now set by the charter: they change only through an adopted charter amendment.",
    messageTooLong: "The message must not exceed 1,000 characters.",
    reasonRequired: "Give the reason for the change (at least 5 characters).",
    profileIncomplete: "Complete your profile first (kind of actor).",
    alreadyMember: "You are already a member of this community, or your request is pending.",
    invitationOnly: "This community admits members by invitation only.",
    lastAdmin: "The community must keep at least one administrator: appoint another one first.",
    notPending: "This request has already been decided.",
    notActive: "This member is not active.",
    invitationInvalid: "This invitation has expired, has already been used or was cancelled.",
    invitationOtherAddress: "This invitation was sent to another address than your account's.",
    alreadyInvited: "A valid invitation has already been sent to this address.",
  },
  email: {
    invitationSubject: "Invitation to join “{community}” on Géocommuns",
    invitationBody:
      "{inviter} invites you to join the community “{community}” on Géocommuns. This link is valid for {days, plural, one {# day} other {# days}} and works once:",
    invitationButton: "See the invitation",
    approvedSubject: "Welcome to “{community}”",
    approvedBody: "Your request to join “{community}” has been accepted.",
    refusedSubject: "Your request for “{community}”",
    refusedBody: "Your request to join “{community}” was not accepted.",
    messageFromAdmins: "Message from the administrators:",
  },
};
