/**
 * The French demo: three communities modelled on real géocommuns (a local address base, street-level
 * imagery, a building register) and twelve fictitious people over the four kinds of actors.
 * Organisations and people are invented; `.example` addresses can never receive mail.
 */
import type { ActorKind, JoinPolicy, MemberRole, Visibility } from "@/lib/generated/prisma/enums";

export type DemoOrganization = { key: string; name: string; kind: ActorKind; siret?: string };
export type DemoPerson = {
  key: string;
  displayName: string;
  email: string;
  actorKind: ActorKind;
  organization?: string;
  locale: "fr" | "en";
  isPlatformAdmin?: boolean;
};
export type DemoCommunity = {
  slug: string;
  /** Shares of the vote per college, in percent (SCIC rule: 0 or 10–50, total 100). */
  weights: Record<ActorKind, number>;
  /** People who asked to join and wait for an administrator's answer. */
  pending?: { person: string; message: string }[];
  name: string;
  summary: string;
  description: string;
  visibility: Visibility;
  joinPolicy: JoinPolicy;
  members: { person: string; role: MemberRole }[];
};

export const demoOrganizations: DemoOrganization[] = [
  { key: "kerbrevan", name: "Mairie de Kerbrévan", kind: "PUBLIC", siret: "21290999900014" },
  { key: "syndicat", name: "Syndicat mixte du numérique du Finistère", kind: "PUBLIC" },
  { key: "agence", name: "Agence géographique nationale (démo)", kind: "PUBLIC" },
  { key: "risques", name: "Centre d'études des risques et de l'aménagement (démo)", kind: "PUBLIC" },
  { key: "garnier", name: "Cabinet Garnier, géomètres-experts", kind: "PRIVATE" },
  { key: "cartolibre", name: "Cartolibre SAS", kind: "PRIVATE" },
  { key: "urbadata", name: "Urbadata", kind: "PRIVATE" },
  { key: "labgeo", name: "Laboratoire de géomatique de Rennes (démo)", kind: "RESEARCH" },
  { key: "geosciences", name: "Institut de géosciences urbaines (démo)", kind: "RESEARCH" },
  { key: "cartographes", name: "Association des cartographes libres", kind: "CIVIL_SOCIETY" },
  { key: "velo", name: "Collectif Vélo & Cartes", kind: "CIVIL_SOCIETY" },
];

export const demoPeople: DemoPerson[] = [
  {
    key: "claire",
    displayName: "Claire Moreau",
    email: "claire.moreau@kerbrevan.example",
    actorKind: "PUBLIC",
    organization: "kerbrevan",
    locale: "fr",
  },
  {
    key: "sophie",
    displayName: "Sophie Bernard",
    email: "sophie.bernard@numerique29.example",
    actorKind: "PUBLIC",
    organization: "syndicat",
    locale: "fr",
  },
  {
    key: "julien",
    displayName: "Julien Lefèvre",
    email: "julien.lefevre@agence-geo.example",
    actorKind: "PUBLIC",
    organization: "agence",
    locale: "fr",
    isPlatformAdmin: true,
  },
  {
    key: "hugo",
    displayName: "Hugo Fontaine",
    email: "hugo.fontaine@cera.example",
    actorKind: "PUBLIC",
    organization: "risques",
    locale: "fr",
  },
  {
    key: "thomas",
    displayName: "Thomas Garnier",
    email: "thomas@garnier-geometres.example",
    actorKind: "PRIVATE",
    organization: "garnier",
    locale: "fr",
  },
  {
    key: "ines",
    displayName: "Inès Haddad",
    email: "ines@cartolibre.example",
    actorKind: "PRIVATE",
    organization: "cartolibre",
    locale: "fr",
  },
  {
    key: "marc",
    displayName: "Marc Dubois",
    email: "marc.dubois@urbadata.example",
    actorKind: "PRIVATE",
    organization: "urbadata",
    locale: "en",
  },
  {
    key: "lea",
    displayName: "Léa Rousseau",
    email: "lea.rousseau@labgeo.example",
    actorKind: "RESEARCH",
    organization: "labgeo",
    locale: "fr",
  },
  {
    key: "nicolas",
    displayName: "Nicolas Petit",
    email: "nicolas.petit@geosciences.example",
    actorKind: "RESEARCH",
    organization: "geosciences",
    locale: "fr",
  },
  {
    key: "amina",
    displayName: "Amina Diallo",
    email: "amina@cartographes-libres.example",
    actorKind: "CIVIL_SOCIETY",
    organization: "cartographes",
    locale: "fr",
  },
  {
    key: "elodie",
    displayName: "Élodie Martin",
    email: "elodie@velo-cartes.example",
    actorKind: "CIVIL_SOCIETY",
    organization: "velo",
    locale: "fr",
  },
  {
    key: "pierre",
    displayName: "Pierre Lambert",
    email: "pierre.lambert@courriel.example",
    actorKind: "CIVIL_SOCIETY",
    locale: "fr",
  },
];

export const demoCommunities: DemoCommunity[] = [
  {
    slug: "adresses-finistere",
    // Communes carry the address base: the public college weighs most, then the inhabitants.
    weights: { PUBLIC: 40, PRIVATE: 20, RESEARCH: 10, CIVIL_SOCIETY: 30 },
    name: "Adresses du Finistère",
    summary:
      "Les communes du Finistère publient et tiennent à jour leur Base Adresse Locale, avec l'appui du syndicat départemental et des géomètres.",
    description: [
      "Depuis la loi du 21 février 2022, chaque commune est responsable de ses adresses et publie sa **Base Adresse Locale**, reprise dans la Base Adresse Nationale.",
      "",
      "Cette communauté réunit les communes, le syndicat qui publie pour leur compte (signataire de la charte des partenaires), les géomètres qui relèvent le terrain et les habitants qui signalent les erreurs.",
      "",
      "- Licence des données : Licence Ouverte 2.0 (`etalab-2.0`)",
      "- Une adresse = un numéro, une voie, une position",
    ].join("\n"),
    visibility: "PUBLIC",
    joinPolicy: "OPEN",
    members: [
      { person: "sophie", role: "ADMIN" },
      { person: "claire", role: "MODERATOR" },
      { person: "thomas", role: "MEMBER" },
      { person: "hugo", role: "MEMBER" },
      { person: "lea", role: "MEMBER" },
      { person: "pierre", role: "MEMBER" },
      { person: "elodie", role: "MEMBER" },
    ],
  },
  {
    slug: "imagerie-de-rue",
    // Volunteers take most of the photos: civil society carries the largest share.
    weights: { PUBLIC: 30, PRIVATE: 15, RESEARCH: 15, CIVIL_SOCIETY: 40 },
    name: "Imagerie de rue libre",
    summary:
      "Des photos de rue libres, prises par des milliers de contributeurs et partagées par une fédération d'instances : une alternative aux services commerciaux.",
    description: [
      "Sur le modèle de **Panoramax**, lancé en 2022 par l'IGN et OpenStreetMap France : chaque instance est hébergée indépendamment, et les licences varient selon l'instance (`etalab-2.0` ou `CC-BY-SA-4.0`).",
      "",
      "La communauté décide ensemble du floutage des visages et des plaques, des règles de contribution et de l'évolution de sa gouvernance, avec la perspective d'une fondation.",
    ].join("\n"),
    visibility: "PUBLIC",
    joinPolicy: "OPEN",
    members: [
      { person: "amina", role: "ADMIN" },
      { person: "julien", role: "ADMIN" },
      { person: "ines", role: "MODERATOR" },
      { person: "elodie", role: "MEMBER" },
      { person: "pierre", role: "MEMBER" },
      { person: "nicolas", role: "MEMBER" },
      { person: "marc", role: "MEMBER" },
      { person: "claire", role: "MEMBER" },
    ],
  },
  {
    slug: "registre-batiments",
    // Public agencies are the partners; the others help correct the data.
    weights: { PUBLIC: 50, PRIVATE: 20, RESEARCH: 20, CIVIL_SOCIETY: 10 },
    pending: [
      {
        person: "elodie",
        message:
          "Notre collectif relève les abris vélos et les bâtiments publics de Quimper : nous aimerions corriger les données du registre.",
      },
    ],
    name: "Registre des bâtiments",
    summary:
      "Un identifiant de 12 caractères pour chaque bâtiment, partagé par les agences publiques et corrigé par toutes celles et ceux qui connaissent le terrain.",
    description: [
      "Sur le modèle du **Référentiel national des bâtiments (RNB)** : chaque bâtiment reçoit un identifiant stable qui relie les bases de données entre elles (fiscalité, énergie, risques, urbanisme).",
      "",
      "Les partenaires sont des agences publiques ; chacun peut aider à corriger les données. L'adhésion se fait sur demande, validée par les administrateurs.",
    ].join("\n"),
    visibility: "PUBLIC",
    joinPolicy: "ON_REQUEST",
    members: [
      { person: "julien", role: "ADMIN" },
      { person: "hugo", role: "MODERATOR" },
      { person: "marc", role: "MEMBER" },
      { person: "thomas", role: "MEMBER" },
      { person: "lea", role: "MEMBER" },
      { person: "nicolas", role: "MEMBER" },
      { person: "amina", role: "MEMBER" },
    ],
  },
];
