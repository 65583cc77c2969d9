// French catalogue, namespace "charter". Every key here must exist in en-charter.ts (TypeScript checks it).
export const frCharter = {
  errors: {
    titleTooShort: "Le titre doit compter au moins 3 caractères.",
    titleTooLong: "Le titre ne doit pas dépasser 160 caractères.",
    textTooLong: "Le texte ne doit pas dépasser 10 000 caractères.",
    noChange: "Un amendement contient au moins un changement.",
  },
} as const;
