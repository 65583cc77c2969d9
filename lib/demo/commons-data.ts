/**
 * Demo commons for the three demo communities (addresses, street imagery, building register): real-
 * looking coverages (a commune, departments, regions, mainland France), varied kinds and licences,
 * stewards from the four kinds of actors, and ledgers of contributions over the last months by
 * people of all four kinds, most validated by another member, a few pending or rejected. Titles carry
 * accents ("Réseau…", "bâtiments") so that searching without them can be shown.
 */
import type { Db, DbTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CommonsKind, CommonsStatus, ContributionType } from "@/lib/generated/prisma/enums";
import { validateCoverage, type Coverage, type Polygon, type Position } from "@/lib/commons/geometry";
import { findTerritory } from "@/lib/commons/regions";
import type { Licence } from "@/lib/commons/schemas";
import { demoOrganizations, demoPeople } from "./data";

const DAY = 24 * 3600 * 1000;

const ring = (points: Position[]): Polygon => ({ type: "Polygon", coordinates: [[...points, points[0]!]] });
const territory = (code: string): Coverage => {
  const found = findTerritory(code);
  if (!found) throw new Error(`demo: unknown territory ${code}`);
  return found.coverage;
};

/** A commune of the Finistère (the demo's fictional Kerbrévan sits near Châteaulin). */
const kerbrevan = ring([
  [-4.131, 48.212],
  [-4.098, 48.221],
  [-4.062, 48.214],
  [-4.041, 48.196],
  [-4.048, 48.176],
  [-4.077, 48.164],
  [-4.112, 48.168],
  [-4.137, 48.186],
]);
/** Rennes, simplified. */
const rennes = ring([
  [-1.752, 48.118],
  [-1.73, 48.14],
  [-1.69, 48.155],
  [-1.645, 48.149],
  [-1.624, 48.128],
  [-1.631, 48.1],
  [-1.66, 48.083],
  [-1.705, 48.079],
  [-1.74, 48.093],
]);
/** Mainland France, very simplified. */
const mainland = ring([
  [-4.8, 48.4],
  [-1.8, 48.7],
  [-1.9, 49.7],
  [1.5, 50.1],
  [2.5, 51.1],
  [4.2, 50.3],
  [6.4, 49.5],
  [8.2, 49.0],
  [7.6, 47.6],
  [6.9, 47.3],
  [6.8, 46.4],
  [7.7, 44.1],
  [7.0, 43.5],
  [3.2, 43.3],
  [3.2, 42.4],
  [-1.8, 43.4],
  [-1.2, 44.6],
  [-1.3, 46.2],
  [-2.5, 47.3],
  [-4.7, 47.8],
]);

type DemoContribution = {
  author: string;
  type: ContributionType;
  description: string;
  daysAgo: number;
  hours?: number;
  quantity?: number;
  unit?: string;
  /** Who validated (or rejected) it; pending when absent. */
  reviewer?: string;
  rejected?: string;
};

export type DemoCommons = {
  community: string;
  slug: string;
  title: string;
  summary: string;
  description: string;
  kind: CommonsKind;
  licence: Licence;
  status: CommonsStatus;
  proposer: string;
  /** Person keys (lib/demo/data.ts) and organisation keys. */
  stewards: { people: string[]; organizations: string[] };
  coverage: Coverage | null;
  links?: { repositoryUrl?: string; dataUrl?: string; documentationUrl?: string };
  daysAgo: number;
  contributions: DemoContribution[];
};

export const demoCommons: DemoCommons[] = [
  {
    community: "adresses-finistere",
    slug: "bal-kerbrevan",
    title: "Base Adresse Locale de Kerbrévan",
    summary: "Les adresses de la commune de Kerbrévan, tenues par la mairie et publiées dans la Base Adresse Nationale.",
    description:
      "## Contenu\n\nToutes les voies et tous les numéros de la commune, avec leur position.\n\n## Mise à jour\n\nLa mairie publie chaque mois ; les corrections signalées sont traitées sous quinze jours.",
    kind: "DATASET",
    licence: "etalab-2.0",
    status: "ADOPTED",
    proposer: "claire",
    stewards: { people: ["claire"], organizations: ["kerbrevan"] },
    coverage: kerbrevan,
    links: { dataUrl: "https://adresse.data.gouv.fr/base-adresse-nationale" },
    daysAgo: 150,
    contributions: [
      {
        author: "claire",
        type: "DATA_PRODUCTION",
        description: "Numérotation du nouveau lotissement de Ty Nevez.",
        daysAgo: 120,
        hours: 6,
        quantity: 48,
        unit: "adresses",
        reviewer: "sophie",
      },
      {
        author: "thomas",
        type: "CORRECTION",
        description: "Relevé terrain des numéros du bourg et repositionnement des points.",
        daysAgo: 95,
        hours: 9,
        quantity: 312,
        unit: "adresses vérifiées",
        reviewer: "claire",
      },
      {
        author: "pierre",
        type: "CORRECTION",
        description: "Signalement et correction de voies mal orthographiées.",
        daysAgo: 60,
        hours: 2,
        quantity: 14,
        unit: "voies",
        reviewer: "claire",
      },
      {
        author: "lea",
        type: "REVIEW",
        description: "Contrôle qualité automatique (doublons, points hors commune).",
        daysAgo: 33,
        hours: 4,
        reviewer: "sophie",
      },
      {
        author: "elodie",
        type: "ANIMATION",
        description: "Atelier « adresses » avec les habitants à la médiathèque.",
        daysAgo: 12,
        hours: 3,
        quantity: 18,
        unit: "participants",
      },
    ],
  },
  {
    community: "adresses-finistere",
    slug: "adresses-finistere-departement",
    title: "Adresses du Finistère, agrégat départemental",
    summary: "L'assemblage des Bases Adresses Locales des communes du Finistère, publié par le syndicat mixte.",
    description:
      "Mis à jour chaque semaine à partir des BAL communales ; les communes sans BAL sont accompagnées par le syndicat.",
    kind: "DATASET",
    licence: "etalab-2.0",
    status: "ADOPTED",
    proposer: "sophie",
    stewards: { people: ["sophie", "hugo"], organizations: ["syndicat"] },
    coverage: territory("D29"),
    links: {
      dataUrl: "https://adresse.data.gouv.fr/data/ban/adresses/latest/csv/",
      documentationUrl: "https://doc.adresse.data.gouv.fr/",
    },
    daysAgo: 140,
    contributions: [
      {
        author: "sophie",
        type: "DATA_PRODUCTION",
        description: "Intégration des BAL de 23 communes du Pays de Morlaix.",
        daysAgo: 110,
        hours: 12,
        quantity: 23,
        unit: "communes",
        reviewer: "claire",
      },
      {
        author: "hugo",
        type: "FUNDING",
        description: "Financement de deux journées d'accompagnement des petites communes.",
        daysAgo: 80,
        reviewer: "sophie",
      },
      {
        author: "thomas",
        type: "CORRECTION",
        description: "Reprise des lieux-dits de la presqu'île de Crozon.",
        daysAgo: 52,
        hours: 7,
        quantity: 640,
        unit: "adresses",
        reviewer: "sophie",
      },
      {
        author: "lea",
        type: "DOCUMENTATION",
        description: "Guide de saisie des adresses en zone rurale.",
        daysAgo: 27,
        hours: 10,
        reviewer: "hugo",
      },
      {
        author: "pierre",
        type: "CORRECTION",
        description: "Correction des codes postaux erronés à Landerneau.",
        daysAgo: 6,
        hours: 1.5,
        quantity: 85,
        unit: "adresses",
      },
    ],
  },
  {
    community: "adresses-finistere",
    slug: "mes-adresses-editeur",
    title: "Éditeur de Bases Adresses Locales",
    summary: "Un logiciel libre pour que chaque commune crée et publie sa Base Adresse Locale sans compétence technique.",
    description: "Application web : carte, saisie des voies et numéros, contrôle de conformité, publication en un clic.",
    kind: "SOFTWARE",
    licence: "AGPL-3.0-only",
    status: "ADOPTED",
    proposer: "thomas",
    stewards: { people: ["thomas", "elodie"], organizations: ["garnier", "cartographes"] },
    coverage: territory("R53"),
    links: { repositoryUrl: "https://github.com/BaseAdresseNationale/mes-adresses" },
    daysAgo: 130,
    contributions: [
      {
        author: "thomas",
        type: "CODE",
        description: "Import des fichiers cadastraux pour pré-remplir les voies.",
        daysAgo: 100,
        hours: 16,
        reviewer: "lea",
      },
      {
        author: "elodie",
        type: "DOCUMENTATION",
        description: "Tutoriel vidéo pour les secrétaires de mairie.",
        daysAgo: 70,
        hours: 5,
        reviewer: "thomas",
      },
      {
        author: "lea",
        type: "REVIEW",
        description: "Revue de code de la validation des numéros.",
        daysAgo: 40,
        hours: 3,
        reviewer: "thomas",
      },
      {
        author: "claire",
        type: "OTHER",
        description: "Retours d'usage d'une commune de 900 habitants.",
        daysAgo: 18,
        hours: 1,
        reviewer: "thomas",
      },
    ],
  },
  {
    community: "adresses-finistere",
    slug: "specification-bal",
    title: "Spécification du format BAL, version 1.4",
    summary: "Le format d'échange des Bases Adresses Locales : colonnes, identifiants, règles de certification.",
    description: "Proposition de révision : ajout des langues régionales (breton) pour les noms de voies.",
    kind: "SPECIFICATION",
    licence: "CC-BY-4.0",
    status: "PROPOSED",
    proposer: "lea",
    stewards: { people: ["lea"], organizations: ["labgeo"] },
    coverage: null,
    links: { documentationUrl: "https://aitf-sig-topo.github.io/voies-adresses/" },
    daysAgo: 20,
    contributions: [
      {
        author: "lea",
        type: "DOCUMENTATION",
        description: "Rédaction de la section sur les noms en breton.",
        daysAgo: 15,
        hours: 8,
      },
      {
        author: "pierre",
        type: "REVIEW",
        description: "Relecture par l'Office public de la langue bretonne (bénévole).",
        daysAgo: 4,
        hours: 2,
      },
    ],
  },
  {
    community: "imagerie-de-rue",
    slug: "panoramax-bretagne",
    title: "Photos de rue libres de Bretagne",
    summary: "Les prises de vue immersives versées sur l'instance Panoramax d'OpenStreetMap France pour la Bretagne.",
    description:
      "Photos au pas de 3 à 5 mètres, floutées automatiquement. Licence CC-BY-SA 4.0, comme sur l'instance d'OSM France.",
    kind: "DATASET",
    licence: "CC-BY-SA-4.0",
    status: "ADOPTED",
    proposer: "amina",
    stewards: { people: ["amina", "pierre"], organizations: ["cartographes"] },
    coverage: territory("R53"),
    links: { dataUrl: "https://panoramax.openstreetmap.fr/" },
    daysAgo: 160,
    contributions: [
      {
        author: "amina",
        type: "DATA_PRODUCTION",
        description: "Parcours à vélo du canal de Nantes à Brest (section Châteaulin–Pontivy).",
        daysAgo: 130,
        hours: 14,
        quantity: 18500,
        unit: "photos",
        reviewer: "ines",
      },
      {
        author: "pierre",
        type: "DATA_PRODUCTION",
        description: "Rues du centre de Quimper.",
        daysAgo: 85,
        hours: 4,
        quantity: 6200,
        unit: "photos",
        reviewer: "amina",
      },
      {
        author: "nicolas",
        type: "REVIEW",
        description: "Contrôle du floutage sur un échantillon.",
        daysAgo: 64,
        hours: 6,
        quantity: 2000,
        unit: "photos contrôlées",
        reviewer: "amina",
      },
      {
        author: "claire",
        type: "DATA_PRODUCTION",
        description: "Prises de vue des chemins ruraux de Kerbrévan.",
        daysAgo: 38,
        hours: 5,
        quantity: 4100,
        unit: "photos",
        reviewer: "elodie",
      },
      { author: "marc", type: "FUNDING", description: "Prêt d'une caméra 360° pour trois mois.", daysAgo: 21, reviewer: "amina" },
      {
        author: "elodie",
        type: "ANIMATION",
        description: "Cartopartie à Brest.",
        daysAgo: 9,
        hours: 4,
        quantity: 25,
        unit: "participants",
      },
    ],
  },
  {
    community: "imagerie-de-rue",
    slug: "instance-panoramax-ign",
    title: "Instance Panoramax de l'IGN",
    summary: "L'instance publique de Panoramax opérée par l'IGN, sous Licence Ouverte 2.0, fédérée avec les autres instances.",
    description: "Service d'hébergement et de diffusion des photos ; API de consultation compatible STAC.",
    kind: "SERVICE_API",
    licence: "etalab-2.0",
    status: "ADOPTED",
    proposer: "julien",
    stewards: { people: ["julien"], organizations: ["agence"] },
    coverage: mainland,
    links: { dataUrl: "https://panoramax.ign.fr/", documentationUrl: "https://docs.panoramax.fr/" },
    daysAgo: 155,
    contributions: [
      {
        author: "julien",
        type: "CODE",
        description: "Mise en place de la fédération avec l'instance d'OSM France.",
        daysAgo: 125,
        hours: 20,
        reviewer: "amina",
      },
      {
        author: "ines",
        type: "CODE",
        description: "Optimisation du découpage des tuiles de prévisualisation.",
        daysAgo: 90,
        hours: 12,
        reviewer: "julien",
      },
      {
        author: "nicolas",
        type: "REVIEW",
        description: "Mesure de la précision de positionnement des photos.",
        daysAgo: 45,
        hours: 9,
        reviewer: "julien",
      },
      {
        author: "amina",
        type: "DOCUMENTATION",
        description: "Page d'aide « verser ses photos » pour les associations.",
        daysAgo: 15,
        hours: 3,
        reviewer: "julien",
      },
      {
        author: "marc",
        type: "CORRECTION",
        description: "Correction des séquences mal orientées (import en masse).",
        daysAgo: 3,
        hours: 2,
        quantity: 140,
        unit: "séquences",
      },
    ],
  },
  {
    community: "imagerie-de-rue",
    slug: "reseau-cyclable-rennes-images",
    title: "Réseau cyclable de Rennes en images",
    summary: "Les aménagements cyclables de Rennes photographiés tous les six mois, pour suivre leur état.",
    description: "Campagnes de prises de vue au printemps et à l'automne ; chaque photo porte l'identifiant de l'aménagement.",
    kind: "DATASET",
    licence: "CC-BY-SA-4.0",
    status: "PROPOSED",
    proposer: "elodie",
    stewards: { people: ["elodie"], organizations: ["velo"] },
    coverage: rennes,
    daysAgo: 25,
    contributions: [
      {
        author: "elodie",
        type: "DATA_PRODUCTION",
        description: "Campagne d'automne sur les axes nord-sud.",
        daysAgo: 22,
        hours: 6,
        quantity: 5400,
        unit: "photos",
        reviewer: "pierre",
      },
      {
        author: "nicolas",
        type: "OTHER",
        description: "Appariement des photos avec les aménagements de la métropole.",
        daysAgo: 8,
        hours: 5,
      },
    ],
  },
  {
    community: "imagerie-de-rue",
    slug: "floutage-visages-plaques",
    title: "Outil de floutage des visages et des plaques",
    summary: "Le modèle de détection et le logiciel qui floutent visages et plaques d'immatriculation avant publication.",
    description: "Détection par réseau de neurones, entraîné sur des images annotées par la communauté.",
    kind: "SOFTWARE",
    licence: "MIT",
    status: "ADOPTED",
    proposer: "ines",
    stewards: { people: ["ines", "nicolas"], organizations: ["cartolibre", "geosciences"] },
    coverage: null,
    links: { repositoryUrl: "https://gitlab.com/panoramax/server/blurring" },
    daysAgo: 120,
    contributions: [
      {
        author: "ines",
        type: "CODE",
        description: "Nouvelle version du détecteur de plaques.",
        daysAgo: 88,
        hours: 30,
        reviewer: "nicolas",
      },
      {
        author: "nicolas",
        type: "REVIEW",
        description: "Évaluation sur un jeu de test de 10 000 images.",
        daysAgo: 58,
        hours: 15,
        quantity: 10000,
        unit: "images",
        reviewer: "ines",
      },
      {
        author: "pierre",
        type: "DATA_PRODUCTION",
        description: "Annotation bénévole d'images de rue.",
        daysAgo: 30,
        hours: 8,
        quantity: 1500,
        unit: "images annotées",
        reviewer: "ines",
      },
      { author: "julien", type: "FUNDING", description: "Financement d'un stage de recherche.", daysAgo: 10, reviewer: "amina" },
    ],
  },
  {
    community: "registre-batiments",
    slug: "rnb-gironde",
    title: "Identifiants RNB des bâtiments de Gironde",
    summary: "Les bâtiments de la Gironde et leur identifiant RNB, appariés aux fichiers fonciers et au cadastre.",
    description: "Chaque bâtiment reçoit un identifiant de 12 caractères, stable, que les bases métier reprennent.",
    kind: "DATASET",
    licence: "etalab-2.0",
    status: "ADOPTED",
    proposer: "julien",
    stewards: { people: ["julien", "marc"], organizations: ["agence", "urbadata"] },
    coverage: territory("D33"),
    links: { dataUrl: "https://rnb.beta.gouv.fr/", documentationUrl: "https://rnb-fr.gitbook.io/documentation" },
    daysAgo: 145,
    contributions: [
      {
        author: "julien",
        type: "DATA_PRODUCTION",
        description: "Premier appariement avec les fichiers fonciers.",
        daysAgo: 118,
        hours: 25,
        quantity: 812000,
        unit: "bâtiments",
        reviewer: "hugo",
      },
      {
        author: "marc",
        type: "CORRECTION",
        description: "Fusion des bâtiments découpés à tort (Bordeaux Métropole).",
        daysAgo: 76,
        hours: 11,
        quantity: 2300,
        unit: "bâtiments",
        reviewer: "julien",
      },
      {
        author: "amina",
        type: "CORRECTION",
        description: "Signalements de bâtiments démolis à Bègles.",
        daysAgo: 49,
        hours: 3,
        quantity: 57,
        unit: "bâtiments",
        reviewer: "hugo",
      },
      {
        author: "nicolas",
        type: "REVIEW",
        description: "Étude de la stabilité des identifiants sur six mois.",
        daysAgo: 24,
        hours: 18,
        reviewer: "julien",
      },
      {
        author: "thomas",
        type: "CORRECTION",
        description: "Relevés de géomètre sur des extensions récentes.",
        daysAgo: 5,
        hours: 4,
        quantity: 31,
        unit: "bâtiments",
      },
    ],
  },
  {
    community: "registre-batiments",
    slug: "reseau-cadastre-rnb-herault",
    title: "Réseau de correspondance cadastre–RNB pour l'Hérault",
    summary: "La table de passage entre parcelles cadastrales et bâtiments RNB de l'Hérault.",
    description: "Une ligne par couple parcelle–bâtiment, avec la part de l'emprise du bâtiment sur la parcelle.",
    kind: "DATASET",
    licence: "ODbL-1.0",
    status: "PROPOSED",
    proposer: "marc",
    stewards: { people: ["marc"], organizations: ["urbadata"] },
    coverage: territory("D34"),
    daysAgo: 30,
    contributions: [
      {
        author: "marc",
        type: "DATA_PRODUCTION",
        description: "Calcul initial de la table de passage.",
        daysAgo: 26,
        hours: 9,
        quantity: 640000,
        unit: "correspondances",
        reviewer: "lea",
      },
      {
        author: "lea",
        type: "REVIEW",
        description: "Vérification sur un échantillon de 500 parcelles.",
        daysAgo: 11,
        hours: 6,
        quantity: 500,
        unit: "parcelles",
      },
    ],
  },
  {
    community: "registre-batiments",
    slug: "client-python-rnb",
    title: "Client Python de l'API du RNB",
    summary: "Une bibliothèque Python pour interroger le RNB : recherche par adresse, par point, par identifiant.",
    description: "Publiée sur PyPI ; exemples de notebooks pour les bureaux d'études.",
    kind: "SOFTWARE",
    licence: "EUPL-1.2",
    status: "ADOPTED",
    proposer: "lea",
    stewards: { people: ["lea", "thomas"], organizations: ["labgeo"] },
    coverage: null,
    links: { repositoryUrl: "https://github.com/fab-geocommuns/RNB-coeur" },
    daysAgo: 100,
    contributions: [
      { author: "lea", type: "CODE", description: "Première version publiée.", daysAgo: 92, hours: 22, reviewer: "julien" },
      { author: "thomas", type: "CODE", description: "Recherche par emprise.", daysAgo: 55, hours: 6, reviewer: "lea" },
      {
        author: "amina",
        type: "DOCUMENTATION",
        description: "Traduction de la documentation en anglais.",
        daysAgo: 35,
        hours: 5,
        reviewer: "lea",
      },
      {
        author: "hugo",
        type: "ANIMATION",
        description: "Webinaire de présentation aux collectivités.",
        daysAgo: 14,
        hours: 2,
        quantity: 64,
        unit: "participants",
        reviewer: "lea",
      },
      {
        author: "marc",
        type: "OTHER",
        description: "Paquet conda.",
        daysAgo: 7,
        hours: 1,
        reviewer: "thomas",
        rejected: "Doublon d'une contribution déjà validée.",
      },
    ],
  },
  {
    community: "registre-batiments",
    slug: "carte-batiments-inondation-paris",
    title: "Carte des bâtiments en zone inondable à Paris",
    summary: "Les bâtiments parisiens situés dans les zones de crue de référence, avec leur identifiant RNB.",
    description: "Croisement du RNB et du plan de prévention du risque inondation ; mise à jour annuelle.",
    kind: "MAP",
    licence: "ODbL-1.0",
    status: "ADOPTED",
    proposer: "hugo",
    stewards: { people: ["hugo", "nicolas"], organizations: ["risques", "geosciences"] },
    coverage: territory("D75"),
    daysAgo: 90,
    contributions: [
      {
        author: "hugo",
        type: "DATA_PRODUCTION",
        description: "Croisement RNB et zones de crue.",
        daysAgo: 82,
        hours: 10,
        quantity: 21400,
        unit: "bâtiments",
        reviewer: "julien",
      },
      {
        author: "nicolas",
        type: "REVIEW",
        description: "Validation par comparaison avec la crue de 1910.",
        daysAgo: 47,
        hours: 12,
        reviewer: "hugo",
      },
      {
        author: "amina",
        type: "ANIMATION",
        description: "Balade commentée « la Seine en crue » avec l'association.",
        daysAgo: 19,
        hours: 3,
        quantity: 30,
        unit: "participants",
        reviewer: "hugo",
      },
      {
        author: "thomas",
        type: "CORRECTION",
        description: "Hauteurs de rez-de-chaussée relevées sur le terrain.",
        daysAgo: 2,
        hours: 6,
        quantity: 120,
        unit: "bâtiments",
      },
    ],
  },
  {
    community: "registre-batiments",
    slug: "referentiel-bati-lyon-2019",
    title: "Référentiel bâti de Lyon (2019)",
    summary: "L'ancien référentiel des bâtiments du Rhône, remplacé par le RNB.",
    description: "Conservé pour l'historique ; les identifiants sont repris dans le RNB.",
    kind: "DATASET",
    licence: "CC-BY-4.0",
    status: "ARCHIVED",
    proposer: "marc",
    stewards: { people: ["marc"], organizations: ["urbadata"] },
    coverage: territory("D69"),
    daysAgo: 170,
    contributions: [
      {
        author: "marc",
        type: "DATA_PRODUCTION",
        description: "Reprise des identifiants dans le RNB.",
        daysAgo: 160,
        hours: 8,
        quantity: 198000,
        unit: "bâtiments",
        reviewer: "julien",
      },
    ],
  },
];

/** Writes the demo commons and their ledgers, in one transaction, once the demo people and communities exist. */
export async function seedDemoCommons(db: Db, now = new Date()): Promise<void> {
  const [communityRows, userRows, organizationRows] = await Promise.all([
    db.community.findMany({ select: { id: true, slug: true } }),
    db.user.findMany({ where: { email: { in: demoPeople.map((p) => p.email) } }, select: { id: true, email: true } }),
    db.organization.findMany({ where: { name: { in: demoOrganizations.map((o) => o.name) } }, select: { id: true, name: true } }),
  ]);
  const communities = new Map(communityRows.map((c) => [c.slug, c.id] as const));
  const userByEmail = new Map(userRows.map((u) => [u.email, u.id] as const));
  const orgByName = new Map(organizationRows.map((o) => [o.name, o.id] as const));
  const people = new Map(
    demoPeople.flatMap((p) => (userByEmail.has(p.email) ? [[p.key, userByEmail.get(p.email)!] as const] : [])),
  );
  const organizations = new Map(
    demoOrganizations.flatMap((o) => (orgByName.has(o.name) ? [[o.key, orgByName.get(o.name)!] as const] : [])),
  );
  const person = (key: string) => {
    const id = people.get(key);
    if (!id) throw new Error(`demo: unknown person ${key}`);
    return id;
  };
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
  await db.$transaction(
    async (tx) => {
      for (const commons of demoCommons) await seedOne(tx, commons, { communities, person, organizations, at });
    },
    { timeout: 60_000 },
  );
}

async function seedOne(
  tx: DbTx,
  commons: DemoCommons,
  {
    communities,
    person,
    organizations,
    at,
  }: {
    communities: Map<string, string>;
    person: (key: string) => string;
    organizations: Map<string, string>;
    at: (daysAgo: number) => Date;
  },
) {
  const communityId = communities.get(commons.community);
  if (!communityId) throw new Error(`demo: unknown community ${commons.community}`);
  const geo = commons.coverage ? validateCoverage(commons.coverage) : null;
  if (geo && !geo.ok) throw new Error(`demo: invalid coverage for ${commons.slug}: ${geo.error}`);
  const created = await tx.commons.create({
    data: {
      communityId,
      slug: commons.slug,
      title: commons.title,
      summary: commons.summary,
      description: commons.description,
      kind: commons.kind,
      licence: commons.licence,
      repositoryUrl: commons.links?.repositoryUrl ?? null,
      dataUrl: commons.links?.dataUrl ?? null,
      documentationUrl: commons.links?.documentationUrl ?? null,
      ...(geo?.ok ? { coverage: geo.geometry as unknown as Prisma.InputJsonValue, ...geo.bbox } : {}),
      status: commons.status,
      proposerId: person(commons.proposer),
      createdAt: at(commons.daysAgo),
      stewards: {
        create: [
          ...commons.stewards.people.map((key) => ({ userId: person(key) })),
          ...commons.stewards.organizations.map((key) => {
            const organizationId = organizations.get(key);
            if (!organizationId) throw new Error(`demo: unknown organisation ${key}`);
            return { organizationId };
          }),
        ],
      },
    },
    select: { id: true },
  });
  const audit = (action: string, actorId: string | null, daysAgo: number, details: Prisma.InputJsonObject) =>
    tx.auditEntry.create({
      data: { communityId, actorId, action, details: { ...details, source: "demo" }, at: at(daysAgo) },
    });
  await audit("commons.proposed", person(commons.proposer), commons.daysAgo, {
    commonsId: created.id,
    slug: commons.slug,
    title: commons.title,
    status: "PROPOSED",
  });
  if (commons.status === "ADOPTED" || commons.status === "ARCHIVED") {
    const admin = await tx.membership.findFirst({ where: { communityId, role: "ADMIN" }, select: { userId: true } });
    await audit("commons.adopted", admin?.userId ?? null, commons.daysAgo - 1, {
      commonsId: created.id,
      slug: commons.slug,
      from: "PROPOSED",
    });
    if (commons.status === "ARCHIVED")
      await audit("commons.archived", admin?.userId ?? null, 1, { commonsId: created.id, slug: commons.slug, from: "ADOPTED" });
  }
  for (const contribution of commons.contributions) {
    const date = at(contribution.daysAgo);
    const reviewedAt = contribution.reviewer ? at(Math.max(contribution.daysAgo - 2, 0)) : null;
    await tx.contribution.create({
      data: {
        commonsId: created.id,
        authorId: person(contribution.author),
        type: contribution.type,
        description: contribution.description,
        date,
        hours: contribution.hours ?? null,
        quantity: contribution.quantity ?? null,
        unit: contribution.unit ?? null,
        state: contribution.reviewer ? (contribution.rejected ? "REJECTED" : "VALIDATED") : "PENDING",
        validatorId: contribution.reviewer ? person(contribution.reviewer) : null,
        validationComment: contribution.rejected ?? null,
        validatedAt: reviewedAt,
        createdAt: date,
      },
    });
  }
}
