// French catalogue: the reference. Every key here must exist in en.ts (TypeScript checks it).
// Large areas live in their own namespace files (fr-communities.ts…) so they can grow apart.
// Messages are ICU MessageFormat (use-intl): `{name}` inserts a value; a count that changes a word is a plural,
// `{count, plural, one {# vote} other {# votes}}` (in French `one` covers 0 and 1); a literal brace is quoted,
// `'{'`, so an apostrophe right before a value must be doubled: `d''{name}`. tests/unit/i18n.test.ts parses and
// formats every message of both languages.
import { frCommunities } from "./fr-communities";
import { frApi } from "./fr-api";
import { frPages } from "./fr-pages";
import { frVotes } from "./fr-votes";
import { frResults } from "./fr-results";
import { frCharter } from "./fr-charter";
import { frDecisions } from "./fr-decisions";
import { frModeration } from "./fr-moderation";
import { frCommons } from "./fr-commons";
import { frModui } from "./fr-modui";
import { frLedger } from "./fr-ledger";
import { frAdmin } from "./fr-admin";
import { frNotifications } from "./fr-notifications";
import { frOpendata } from "./fr-opendata";
import { frCatalogue } from "./fr-catalogue";
import { frOrganizations } from "./fr-organizations";
import { frConnectors } from "./fr-connectors";
import { frTranslog } from "./fr-translog";
import { frLive } from "./fr-live";
export const fr = {
  meta: {
    title: "Géocommuns",
    description: "La plateforme où les communautés des communs numériques géographiques décident ensemble de leurs règles.",
  },
  layout: {
    skipToContent: "Aller au contenu",
    skipToFooter: "Aller au pied de page",
    homeTitle: "Accueil – Géocommuns",
    tagline: "Gouverner ensemble les communs géographiques",
    operatedBy: "Opéré par {operator}",
    republic: "République française",
    signIn: "Se connecter",
    profile: "Mon profil",
    signOut: "Se déconnecter",
    language: "Langue",
    switchTo: "English",
    switchToLabel: "Switch to English",
    footerDescription:
      "Géocommuns aide les acteurs publics, privés, de la recherche et de la société civile à produire et gouverner ensemble des communs de données géographiques.",
    accessibility: "Accessibilité : partiellement conforme",
    legalNotice: "Mentions légales",
    personalData: "Données personnelles",
    mailbox: "Boîte aux lettres de démonstration",
    demoBanner: "Mode démonstration : les données sont fictives et les courriels ne sont pas envoyés.",
    menu: "Menu",
    close: "Fermer",
    displaySettings: "Paramètres d'affichage",
    mainNav: "Menu principal",
  },
  home: {
    title: "Des communs géographiques, gouvernés par celles et ceux qui les font",
    lead: "Collectivités, entreprises, laboratoires et associations y proposent des communs (données, logiciels, cartes), votent les règles qui les gouvernent, reconnaissent les contributions de chacun et modèrent leur communauté.",
    pillarsTitle: "Comment ça marche",
    pillarRulesTitle: "Des règles votées",
    pillarRulesText: "La charte de chaque communauté vit dans la plateforme et ne change que par un vote.",
    pillarCollegesTitle: "Quatre collèges",
    pillarCollegesText: "Public, privé, recherche et société civile pèsent chacun la part que la communauté a décidée.",
    pillarLedgerTitle: "Des contributions reconnues",
    pillarLedgerText: "Qui produit, corrige, documente : tout est inscrit et visible.",
    communitiesTitle: "Les communautés",
    noCommunities: "Aucune communauté pour l'instant.",
    memberCount: "{count, plural, one {# membre} other {# membres}}",
    join: "Rejoindre la plateforme",
    welcomeBack: "Bonjour {name}",
  },
  actorKind: {
    PUBLIC: "Public",
    PRIVATE: "Privé",
    RESEARCH: "Recherche",
    CIVIL_SOCIETY: "Société civile",
  },
  actorKindHint: {
    PUBLIC: "Services de l'État, collectivités, établissements publics",
    PRIVATE: "Entreprises, des start-up aux géomètres",
    RESEARCH: "Laboratoires, universités",
    CIVIL_SOCIETY: "Associations, collectifs, contributeurs individuels",
  },
  community: {
    membersTitle: "Membres par collège",
    visibilityPublic: "Publique",
    visibilityMembers: "Réservée aux membres",
    joinOpen: "Adhésion libre",
    joinOnRequest: "Adhésion sur demande",
    joinInvitation: "Sur invitation",
    back: "Toutes les communautés",
    role: {
      MEMBER: "Membre",
      MODERATOR: "Modérateur",
      ADMIN: "Administrateur",
    },
  },
  signIn: {
    title: "Se connecter",
    lead: "Recevez un lien de connexion par courriel, ou utilisez ProConnect si vous êtes agent public ou professionnel.",
    emailLabel: "Adresse électronique",
    emailHint: "Format attendu : nom@domaine.fr",
    submit: "Recevoir un lien de connexion",
    or: "ou",
    withProvider: "Se connecter avec {provider}",
    checkTitle: "Consultez votre messagerie",
    checkText:
      "Si l'adresse {email} est valide, un lien de connexion vient de lui être envoyé. Il est valable {minutes, plural, one {# minute} other {# minutes}} et ne sert qu'une fois.",
    checkMailbox: "Ouvrir la boîte aux lettres de démonstration",
    confirmTitle: "Confirmer la connexion",
    confirmText: "Vous allez vous connecter avec l'adresse {email}.",
    confirm: "Me connecter",
    demoTitle: "Comptes de démonstration",
    demoLead: "Mode démonstration uniquement : connectez-vous en un clic comme l'une de ces personnes fictives.",
    demoAs: "Se connecter comme {name}",
    errorTitle: "Connexion impossible",
    errors: {
      linkInvalid: "Ce lien de connexion a expiré ou a déjà servi. Demandez-en un nouveau.",
      oauth: "Le fournisseur d'identité n'a pas pu confirmer votre identité. Réessayez.",
      accountNotLinked: "Cette adresse est déjà liée à un autre moyen de connexion. Connectez-vous avec celui-ci.",
      generic: "La connexion a échoué. Réessayez.",
    },
  },
  onboarding: {
    title: "Bienvenue ! Présentez-vous",
    lead: "Ces informations permettent de vous placer dans le bon collège lors des votes. Vous pourrez les modifier dans votre profil.",
    submit: "Terminer",
  },
  profile: {
    title: "Mon profil",
    save: "Enregistrer",
    saved: "Profil enregistré.",
    email: "Adresse électronique",
    memberships: "Mes communautés",
    noMemberships: "Vous n'êtes membre d'aucune communauté.",
    signOut: "Se déconnecter",
  },
  fields: {
    displayName: "Nom affiché",
    displayNameHint: "Entre 2 et 80 caractères",
    actorKind: "Vous agissez pour",
    organizationName: "Organisation",
    organizationNameHint: "Facultatif si vous agissez à titre individuel (120 caractères au plus)",
    siret: "SIRET de l'organisation",
    siretHint: "Facultatif : 14 chiffres",
    locale: "Langue de l'interface et des courriels",
  },
  locales: {
    fr: "Français",
    en: "English",
  },
  errors: {
    invalid: "Valeur invalide.",
    required: "Ce champ est obligatoire.",
    email: {
      invalid: "Saisissez une adresse électronique valide, par exemple nom@domaine.fr.",
      tooLong: "L'adresse électronique ne doit pas dépasser 254 caractères.",
    },
    displayName: {
      tooShort: "Le nom affiché doit compter au moins 2 caractères.",
      tooLong: "Le nom affiché ne doit pas dépasser 80 caractères.",
    },
    organizationName: {
      tooShort: "Le nom de l'organisation doit compter au moins 2 caractères.",
      tooLong: "Le nom de l'organisation ne doit pas dépasser 120 caractères.",
      requiredWithSiret: "Indiquez le nom de l'organisation qui correspond à ce SIRET.",
    },
    siret: {
      format: "Le SIRET compte exactement 14 chiffres.",
      checksum: "Ce SIRET n'est pas valide (la clé de contrôle ne correspond pas). Vérifiez-le.",
    },
    actorKind: { required: "Choisissez pour qui vous agissez." },
    locale: { invalid: "Choisissez le français ou l'anglais." },
    rateLimited: "Trop de demandes. Réessayez dans {minutes, plural, one {# minute} other {# minutes}}.",
    unexpected: "Une erreur inattendue s'est produite. Réessayez ; si elle persiste, signalez-la avec la référence {requestId}.",
    notFound: "Page introuvable",
    notFoundText: "La page que vous cherchez n'existe pas ou a été déplacée.",
    unauthenticated: "Connectez-vous pour continuer.",
    forbidden: "Vous n'avez pas accès à cette page.",
    backHome: "Retour à l'accueil",
    unavailable: "Service momentanément indisponible. Réessayez dans quelques instants.",
  },
  email: {
    signIn: {
      subject: "Votre lien de connexion à Géocommuns",
      greeting: "Bonjour,",
      body: "Pour vous connecter à Géocommuns, ouvrez ce lien. Il est valable {minutes, plural, one {# minute} other {# minutes}} et ne sert qu'une fois :",
      button: "Me connecter",
      ignore: "Si vous n'avez pas demandé ce lien, ignorez ce message : personne ne pourra se connecter sans lui.",
      signature: "L'équipe Géocommuns",
    },
  },
  mailbox: {
    title: "Boîte aux lettres de démonstration",
    lead: "En mode démonstration sans serveur de courriel, les messages restent ici. Cette page n'existe pas en production.",
    empty: "Aucun message.",
    to: "À",
    subject: "Objet",
    status: "État",
    createdAt: "Créé le",
    statuses: { PENDING: "En attente", SENDING: "En cours d'envoi", SENT: "Envoyé", FAILED: "Échec" },
  },
  legal: {
    accessibilityTitle: "Déclaration d'accessibilité",
    accessibilityBody: [
      "{operator} s'engage à rendre ce service accessible conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.",
      "État de conformité : ce service est partiellement conforme au référentiel général d'amélioration de l'accessibilité (RGAA 4.1). Aucun audit complet n'a encore été réalisé ; les pages sont vérifiées automatiquement (axe) à chaque modification.",
      "Contenus non accessibles : les cartes interactives proposent une alternative textuelle (liste des territoires) ; des défauts peuvent subsister.",
      "Retour d'information et contact : si vous n'arrivez pas à accéder à un contenu ou à un service, contactez l'opérateur pour être orienté vers une alternative accessible.",
      "Voie de recours : vous pouvez saisir le Défenseur des droits (formulaire en ligne, chat, ou courrier postal gratuit : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07).",
    ].join("\n"),
    legalTitle: "Mentions légales",
    legalBody: [
      "Éditeur : {operator}.",
      "Logiciel : Géocommuns, logiciel libre.",
      "Hébergement : précisé par l'opérateur de cette instance.",
      "Marque de l'État : le bloc Marianne et la mention « République française » ne s'affichent que lorsque l'opérateur est un service de l'État.",
    ].join("\n"),
    dataTitle: "Données personnelles",
    dataBody: [
      "Responsable du traitement : {operator}.",
      "Données collectées : adresse électronique, nom affiché, type d'acteur, organisation et SIRET facultatif, langue ; avec ProConnect, les informations transmises par votre fournisseur d'identité (prénom, nom d'usage, SIRET, organisation).",
      "Finalités : vous connecter, vous placer dans le bon collège pour les votes, reconnaître vos contributions.",
      "Base légale : exécution du service que vous demandez (article 6.1.b du RGPD).",
      "Durées de conservation : sessions 30 jours ; liens de connexion 15 minutes ; journaux techniques 1 an ; comptes inactifs supprimés après 2 ans, après un avertissement.",
      "Vos droits : accès, rectification, export et effacement depuis votre profil ou en écrivant à l'opérateur ; réclamation auprès de la CNIL.",
      "Cookies : uniquement des cookies nécessaires (session, langue) ; aucun traceur publicitaire ni mesure d'audience tierce.",
    ].join("\n"),
  },
  health: {
    ok: "ok",
  },
  communities: frCommunities,
  api: frApi,
  pages: frPages,
  votes: frVotes,
  results: frResults,
  charter: frCharter,
  decisions: frDecisions,
  moderation: frModeration,
  commons: frCommons,
  modui: frModui,
  ledger: frLedger,
  admin: frAdmin,
  notifications: frNotifications,
  opendata: frOpendata,
  catalogue: frCatalogue,
  organizations: frOrganizations,
  connectors: frConnectors,
  translog: frTranslog,
  live: frLive,
} as const;
