/**
 * The demo communities' charters (version 1), modelled on how the real géocommuns govern themselves:
 * the address base's commune responsibility and partner charter, Panoramax's federation and blurring,
 * the building register's stable identifiers. Each rule names the Ostrom principle it serves.
 */
import type { CharterRule } from "@/lib/charter/amendments";
import { defaultCharterParameters, type CharterParameters } from "@/lib/charter/parameters";

export type DemoCharter = { rules: Omit<CharterRule, "number">[]; parameters: CharterParameters };

export const demoCharters: Record<string, DemoCharter> = {
  "adresses-finistere": {
    rules: [
      {
        title: "Chaque commune est responsable de ses adresses",
        text: "Conformément à la loi du 21 février 2022, chaque commune dénomme ses voies, numérote ses bâtiments et publie sa **Base Adresse Locale**. Elle seule valide une adresse de son territoire.",
        principle: 2,
      },
      {
        title: "Qui peut publier",
        text: "Peuvent publier une Base Adresse Locale : la commune elle-même, ou un organisme qui publie pour son compte après avoir **signé la charte des partenaires** et reçu une délibération ou un mandat de la commune.",
        principle: 1,
      },
      {
        title: "Licence des données",
        text: "Les adresses sont publiées sous **Licence Ouverte 2.0** (`etalab-2.0`). Toute personne peut les réutiliser, y compris commercialement, en citant la source.",
        principle: 7,
      },
      {
        title: "Corrections par les habitants",
        text: "Toute personne peut signaler une adresse erronée ou manquante. Le signalement est **examiné par la commune** dans un délai de trente jours ; la réponse est publiée avec le signalement.",
        principle: 4,
      },
      {
        title: "Sanctions graduées",
        text: "Un partenaire qui publie sans mandat ou écrase les adresses d'une commune reçoit d'abord un avertissement, puis une suspension de ses droits de publication, puis l'exclusion, selon l'échelle des paramètres.",
        principle: 5,
      },
      {
        title: "Différends entre communes et partenaires",
        text: "Un désaccord sur une adresse est d'abord discuté entre la commune et le partenaire. À défaut d'accord sous quinze jours, un médiateur choisi parmi les membres du collège public **hors des deux parties** tranche.",
        principle: 6,
      },
      {
        title: "Changer la charte",
        text: "La charte ne change que par un amendement voté par les membres. Un amendement demande les deux tiers des suffrages exprimés et un quorum de 30 % des membres.",
        principle: 3,
      },
    ],
    parameters: { ...defaultCharterParameters, amendmentThreshold: "twoThirds", amendmentQuorumPercent: 30, quorumPercent: 20 },
  },
  "imagerie-de-rue": {
    rules: [
      {
        title: "Une fédération d'instances",
        text: "Chaque instance est hébergée et administrée indépendamment. Une instance rejoint la fédération en acceptant cette charte ; elle garde ses propres règles locales tant qu'elles ne la contredisent pas.",
        principle: 8,
      },
      {
        title: "Licences des photos",
        text: "Chaque instance annonce sa licence : **Licence Ouverte 2.0** (`etalab-2.0`) ou **CC-BY-SA 4.0**. Une photo garde la licence de l'instance où elle a été déposée.",
        principle: 2,
      },
      {
        title: "Floutage des visages et des plaques",
        text: "Les visages et les plaques d'immatriculation sont floutés automatiquement avant publication. Toute personne peut demander un floutage complémentaire ; la demande est traitée sous sept jours.",
        principle: 2,
      },
      {
        title: "Contributions visibles",
        text: "Le nombre de photos, les séquences et les corrections de chaque contributeur sont publics. Les décisions de modération sont inscrites au journal de la communauté.",
        principle: 4,
      },
      {
        title: "Modération graduée",
        text: "Des photos hors sujet ou portant atteinte à la vie privée valent un avertissement, puis une suspension de dépôt, puis l'exclusion. Un contenu signalé plusieurs fois est masqué jusqu'à la décision d'un modérateur.",
        principle: 5,
      },
      {
        title: "Recours",
        text: "Toute sanction peut faire l'objet d'un recours, examiné par un modérateur **autre que celui qui l'a prononcée**, sous quinze jours.",
        principle: 6,
      },
      {
        title: "Vers une fondation",
        text: "La communauté prépare la création d'une fondation. Les statuts seront adoptés par un vote au jugement majoritaire, chaque collège pesant la part fixée par la communauté.",
        principle: 3,
      },
    ],
    parameters: {
      ...defaultCharterParameters,
      defaultVotingDays: 14,
      amendmentCollegeQuorumPercent: 10,
      autoHideAfterReports: 5,
    },
  },
  "registre-batiments": {
    rules: [
      {
        title: "Un identifiant par bâtiment",
        text: "Chaque bâtiment reçoit un identifiant de **12 caractères**, stable : il n'est jamais réattribué, même quand le bâtiment est démoli.",
        principle: 2,
      },
      {
        title: "Partenaires",
        text: "Les partenaires sont des agences publiques qui s'engagent à utiliser l'identifiant dans leurs bases et à signaler les écarts. L'adhésion des autres membres est validée par les administrateurs.",
        principle: 1,
      },
      {
        title: "Tout le monde peut corriger",
        text: "Chacun peut proposer une correction (bâtiment manquant, fusion, scission, position). Les corrections sont vérifiées par un second contributeur avant d'être intégrées.",
        principle: 4,
      },
      {
        title: "Licence et réutilisation",
        text: "Le registre est publié sous **Licence Ouverte 2.0** (`etalab-2.0`) et peut être exporté à tout moment, avec l'historique des identifiants.",
        principle: 7,
      },
      {
        title: "Sanctions",
        text: "Les corrections massives non justifiées valent un avertissement, puis une suspension de trente jours, puis l'exclusion.",
        principle: 5,
      },
      {
        title: "Décisions collectives",
        text: "Les évolutions du format de l'identifiant et de cette charte sont votées par les membres ; les agences publiques pèsent la moitié du vote.",
        principle: 3,
      },
    ],
    parameters: {
      ...defaultCharterParameters,
      amendmentThreshold: "threeQuarters",
      proposeAfterDays: 30,
      sanctionsLadder: [
        { sanction: "WARNING", expiresAfterDays: 365 },
        { sanction: "SUSPENSION", days: 30, expiresAfterDays: 730 },
        { sanction: "BAN", expiresAfterDays: 3650 },
      ],
    },
  },
};
