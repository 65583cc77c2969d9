// French catalogue, namespace "opendata" (exports, DCAT-AP catalogue, OGC API – Features, commons
// endpoints of the JSON API). Every key here must exist in en-opendata.ts (TypeScript checks it).
export const frOpendata = {
  title: "Données ouvertes",
  links: {
    label: "Réutiliser ces données",
    csv: "Export CSV",
    csvBom: "CSV pour tableur (UTF-8 avec BOM)",
    csvHint:
      "Les exports CSV sont en UTF-8 (RFC 4180, virgules). Si votre tableur (Excel par exemple) affiche mal les accents, prenez la variante avec BOM : la même adresse suivie de ?bom=1.",
    json: "Export JSON",
    dcat: "Catalogue DCAT-AP (JSON-LD, Turtle, RDF/XML)",
    ogc: "OGC API – Features",
    ledgerLabel: "Réutiliser ce registre",
  },
  errors: {
    bom: "Le paramètre bom vaut 1 (CSV précédé d’un BOM UTF-8) ou 0 (sans BOM).",
    notAcceptable: "Ce catalogue est servi en {formats}. Demandez l’un de ces formats dans l’en-tête Accept.",
    bboxFormat:
      "Le paramètre bbox attend exactement quatre nombres séparés par des virgules : longitude min., latitude min., longitude max., latitude max.",
    bboxRange: "Dans bbox, les longitudes vont de −180 à 180 et les latitudes de −90 à 90 (WGS 84, en degrés).",
    bboxOrder: "Dans bbox, chaque minimum doit être inférieur ou égal au maximum correspondant (longitude, puis latitude).",
    parameterUnknown: "Paramètre inconnu : « {name} ».",
    formatUnsupported: "Format non pris en charge : utilisez f=json.",
    limitInvalid: "La limite est un nombre entier supérieur ou égal à 1.",
    offsetInvalid: "Le décalage (offset) est un nombre entier positif ou nul.",
    crsUnsupported:
      "Système de coordonnées non pris en charge : indiquez l’URI de l’un de ceux que la collection liste dans crs (CRS84, EPSG 4326, 4171 RGF93, 2154 Lambert-93, 3857 Web Mercator).",
    kindUnknown: "Type de commun inconnu : DATASET, SOFTWARE, SERVICE_API, MAP, SPECIFICATION ou OTHER.",
    licenceUnknown:
      "Licence inconnue : utilisez un identifiant SPDX de la liste (etalab-2.0, ODbL-1.0, CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0, EUPL-1.2, MIT, Apache-2.0, AGPL-3.0-only, GPL-3.0-only).",
    statusUnknown: "État inconnu : DRAFT, PROPOSED, ADOPTED, REJECTED ou ARCHIVED.",
    actorKindUnknown: "Type d'acteur inconnu : PUBLIC, PRIVATE, RESEARCH ou CIVIL_SOCIETY.",
    sortUnknown: "Tri inconnu : recent, relevance ou title.",
    communityUnknown: "Aucune communauté ne porte cet identifiant.",
    datetimeInvalid:
      "Le paramètre datetime attend une date RFC 3339 (2025-03-01 ou 2025-03-01T12:00:00Z) ou un intervalle début/fin dont une borne ouverte s’écrit « .. », le début avant la fin.",
    queryTooLong: "La recherche ne doit pas dépasser 200 caractères.",
  },
  kinds: {
    DATASET: "jeu de données",
    SOFTWARE: "logiciel",
    SERVICE_API: "service ou API",
    MAP: "carte",
    SPECIFICATION: "spécification ou documentation",
    OTHER: "autre",
  },
  ogc: {
    title: "Géocommuns – OGC API Features",
    description: "Les zones couvertes par les communs des communautés publiques, en GeoJSON (WGS 84).",
    landingLink: "Ce document",
    serviceLink: "Définition de l'API (OpenAPI 3.0)",
    badRequest: "Paramètre invalide (problème au format JSON, avec le paramètre en cause)",
    notFound: "Introuvable",
    conformanceLink: "Classes de conformité",
    collectionsLink: "Collections",
    collectionTitle: "Communs",
    collectionDescription:
      "Zone géographique couverte par chaque commun visible des communautés publiques, avec son titre, son type, sa licence et sa communauté.",
    itemsLink: "Les communs",
    nextLink: "Page suivante",
    prevLink: "Page précédente",
    queryablesLink: "Attributs filtrables",
    queryablesDescription: "Les attributs des communs sur lesquels filtrer, chacun en paramètre de requête.",
  },
  dcat: {
    title: "Catalogue des géocommuns",
    description: "Les communs numériques géographiques des communautés publiques de Géocommuns (DCAT-AP).",
    link: "Le catalogue DCAT-AP",
    dataDistribution: "Données du commun",
    coverageDistribution: "Zone couverte (GeoJSON, OGC API Features)",
    dataDistributionDescription: "Les données du commun, à l’adresse que ses porteurs ont donnée.",
    coverageDistributionDescription:
      "La zone couverte par le commun, en GeoJSON (RFC 7946), servie par l’API OGC API – Features de la plateforme.",
    recordDistribution: "Fiche du commun (JSON)",
    recordDistributionDescription:
      "La fiche du commun (titre, description, licence, statut, liens) par l’API JSON v1 de la plateforme.",
  },
};
