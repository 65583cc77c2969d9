import type { Messages } from "./types";
import { enCommunities } from "./en-communities";
import { enApi } from "./en-api";
import { enPages } from "./en-pages";
import { enVotes } from "./en-votes";
import { enResults } from "./en-results";
import { enCharter } from "./en-charter";
import { enDecisions } from "./en-decisions";
import { enModeration } from "./en-moderation";
import { enCommons } from "./en-commons";
import { enModui } from "./en-modui";
import { enLedger } from "./en-ledger";
import { enAdmin } from "./en-admin";
import { enNotifications } from "./en-notifications";
import { enOpendata } from "./en-opendata";
import { enCatalogue } from "./en-catalogue";
import { enOrganizations } from "./en-organizations";
import { enConnectors } from "./en-connectors";
import { enTranslog } from "./en-translog";
import { enLive } from "./en-live";

export const en: Messages = {
  meta: {
    title: "Géocommuns",
    description: "The platform where the communities behind geographic digital commons set their rules together.",
  },
  layout: {
    skipToContent: "Skip to content",
    skipToFooter: "Skip to footer",
    homeTitle: "Home – Géocommuns",
    tagline: "Governing geographic commons together",
    operatedBy: "Operated by {operator}",
    republic: "French Republic",
    signIn: "Sign in",
    profile: "My profile",
    signOut: "Sign out",
    language: "Language",
    switchTo: "Français",
    switchToLabel: "Passer en français",
    footerDescription:
      "Géocommuns helps public bodies, companies, research labs and civil society produce and govern geographic data commons together.",
    accessibility: "Accessibility: partially compliant",
    legalNotice: "Legal notice",
    personalData: "Personal data",
    mailbox: "Demo mailbox",
    demoBanner: "Demo mode: the data is fictitious and emails are not sent.",
    menu: "Menu",
    close: "Close",
    displaySettings: "Display settings",
    mainNav: "Main menu",
  },
  home: {
    title: "Geographic commons, governed by the people who make them",
    lead: "Local authorities, companies, labs and associations propose commons (data, software, maps), vote on the rules that govern them, recognise everyone's contributions and moderate their community.",
    pillarsTitle: "How it works",
    pillarRulesTitle: "Rules decided by vote",
    pillarRulesText: "Each community's charter lives in the platform and changes only by a vote.",
    pillarCollegesTitle: "Four colleges",
    pillarCollegesText: "Public, private, research and civil society each carry the share the community decided.",
    pillarLedgerTitle: "Contributions recognised",
    pillarLedgerText: "Who produces, corrects, documents: everything is recorded and visible.",
    communitiesTitle: "Communities",
    noCommunities: "No community yet.",
    memberCount: "{count, plural, one {# member} other {# members}}",
    join: "Join the platform",
    welcomeBack: "Hello {name}",
  },
  actorKind: {
    PUBLIC: "Public",
    PRIVATE: "Private",
    RESEARCH: "Research",
    CIVIL_SOCIETY: "Civil society",
  },
  actorKindHint: {
    PUBLIC: "State services, local authorities, public agencies",
    PRIVATE: "Companies, from start-ups to surveyors",
    RESEARCH: "Labs, universities",
    CIVIL_SOCIETY: "Associations, citizen groups, individual contributors",
  },
  community: {
    membersTitle: "Members by college",
    visibilityPublic: "Public",
    visibilityMembers: "Members only",
    joinOpen: "Open to all",
    joinOnRequest: "Join on request",
    joinInvitation: "By invitation",
    back: "All communities",
    role: {
      MEMBER: "Member",
      MODERATOR: "Moderator",
      ADMIN: "Administrator",
    },
  },
  signIn: {
    title: "Sign in",
    lead: "Get a sign-in link by email, or use ProConnect if you are a public agent or a professional.",
    emailLabel: "Email address",
    emailHint: "Expected format: name@domain.org",
    submit: "Email me a sign-in link",
    or: "or",
    withProvider: "Sign in with {provider}",
    checkTitle: "Check your inbox",
    checkText:
      "If {email} is a valid address, a sign-in link has just been sent to it. It is valid for {minutes, plural, one {# minute} other {# minutes}} and works once.",
    checkMailbox: "Open the demo mailbox",
    confirmTitle: "Confirm sign-in",
    confirmText: "You are about to sign in as {email}.",
    confirm: "Sign me in",
    demoTitle: "Demo accounts",
    demoLead: "Demo mode only: sign in with one click as one of these fictitious people.",
    demoAs: "Sign in as {name}",
    errorTitle: "Sign-in failed",
    errors: {
      linkInvalid: "This sign-in link has expired or has already been used. Ask for a new one.",
      oauth: "The identity provider could not confirm who you are. Please try again.",
      accountNotLinked: "This address is already linked to another sign-in method. Please use that one.",
      generic: "Sign-in failed. Please try again.",
    },
  },
  onboarding: {
    title: "Welcome! Tell us about yourself",
    lead: "This places you in the right college when votes are held. You can change it later in your profile.",
    submit: "Finish",
  },
  profile: {
    title: "My profile",
    save: "Save",
    saved: "Profile saved.",
    email: "Email address",
    memberships: "My communities",
    noMemberships: "You are not a member of any community.",
    signOut: "Sign out",
  },
  fields: {
    displayName: "Display name",
    displayNameHint: "Between 2 and 80 characters",
    actorKind: "You act for",
    organizationName: "Organisation",
    organizationNameHint: "Optional if you act as an individual (at most 120 characters)",
    siret: "Organisation's SIRET",
    siretHint: "Optional: 14 digits",
    locale: "Language of the interface and emails",
  },
  locales: {
    fr: "Français",
    en: "English",
  },
  errors: {
    invalid: "Invalid value.",
    required: "This field is required.",
    email: {
      invalid: "Enter a valid email address, for example name@domain.org.",
      tooLong: "The email address must not exceed 254 characters.",
    },
    displayName: {
      tooShort: "The display name must be at least 2 characters long.",
      tooLong: "The display name must not exceed 80 characters.",
    },
    organizationName: {
      tooShort: "The organisation's name must be at least 2 characters long.",
      tooLong: "The organisation's name must not exceed 120 characters.",
      requiredWithSiret: "Give the name of the organisation this SIRET belongs to.",
    },
    siret: {
      format: "A SIRET is exactly 14 digits.",
      checksum: "This SIRET is not valid (its check digit does not match). Please check it.",
    },
    actorKind: { required: "Choose whom you act for." },
    locale: { invalid: "Choose French or English." },
    rateLimited: "Too many requests. Try again in {minutes, plural, one {# minute} other {# minutes}}.",
    unexpected: "An unexpected error occurred. Try again; if it persists, report it with reference {requestId}.",
    notFound: "Page not found",
    notFoundText: "The page you are looking for does not exist or has moved.",
    unauthenticated: "Sign in to continue.",
    forbidden: "You do not have access to this page.",
    backHome: "Back to home",
    unavailable: "Service temporarily unavailable. Please try again in a moment.",
  },
  email: {
    signIn: {
      subject: "Your Géocommuns sign-in link",
      greeting: "Hello,",
      body: "To sign in to Géocommuns, open this link. It is valid for {minutes, plural, one {# minute} other {# minutes}} and works once:",
      button: "Sign me in",
      ignore: "If you did not ask for this link, ignore this message: nobody can sign in without it.",
      signature: "The Géocommuns team",
    },
  },
  mailbox: {
    title: "Demo mailbox",
    lead: "In demo mode with no mail server, messages stay here. This page does not exist in production.",
    empty: "No messages.",
    to: "To",
    subject: "Subject",
    status: "Status",
    createdAt: "Created",
    statuses: { PENDING: "Pending", SENDING: "Sending", SENT: "Sent", FAILED: "Failed" },
  },
  legal: {
    accessibilityTitle: "Accessibility statement",
    accessibilityBody: [
      "{operator} is committed to making this service accessible, in accordance with article 47 of French law no. 2005-102 of 11 February 2005.",
      "Compliance status: this service is partially compliant with the French accessibility framework (RGAA 4.1). No full audit has been carried out yet; pages are checked automatically (axe) on every change.",
      "Non-accessible content: interactive maps offer a text alternative (a list of areas); defects may remain.",
      "Feedback and contact: if you cannot access some content or a service, contact the operator to be directed to an accessible alternative.",
      "Remedies: you may refer the matter to the Défenseur des droits (online form, chat, or free post: Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07).",
    ].join("\n"),
    legalTitle: "Legal notice",
    legalBody: [
      "Publisher: {operator}.",
      "Software: Géocommuns, free software.",
      "Hosting: stated by the operator of this instance.",
      'State brand: the Marianne block and the words "République française" only appear when the operator is a State service.',
    ].join("\n"),
    dataTitle: "Personal data",
    dataBody: [
      "Data controller: {operator}.",
      "Data collected: email address, display name, kind of actor, organisation and optional SIRET, language; with ProConnect, what your identity provider sends (given name, usual name, SIRET, organisation).",
      "Purposes: signing you in, placing you in the right college for votes, recognising your contributions.",
      "Legal basis: performance of the service you ask for (GDPR article 6.1.b).",
      "Retention: sessions 30 days; sign-in links 15 minutes; technical logs 1 year; inactive accounts deleted after 2 years, after a warning.",
      "Your rights: access, rectification, export and erasure from your profile or by writing to the operator; complaint to the CNIL.",
      "Cookies: only necessary cookies (session, language); no advertising trackers or third-party analytics.",
    ].join("\n"),
  },
  health: {
    ok: "ok",
  },
  communities: enCommunities,
  api: enApi,
  pages: enPages,
  votes: enVotes,
  results: enResults,
  charter: enCharter,
  decisions: enDecisions,
  moderation: enModeration,
  commons: enCommons,
  modui: enModui,
  ledger: enLedger,
  admin: enAdmin,
  notifications: enNotifications,
  opendata: enOpendata,
  catalogue: enCatalogue,
  organizations: enOrganizations,
  connectors: enConnectors,
  translog: enTranslog,
  live: enLive,
};
