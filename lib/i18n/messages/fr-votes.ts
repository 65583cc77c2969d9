// French catalogue, namespace "votes" (proposals, ballots, decisions).
export const frVotes = {
  errors: {
    choice: "Choisissez une réponse parmi celles proposées.",
    reasonTooLong: "La raison ne doit pas dépasser 2 000 caractères.",
    blockReason: "Un blocage doit être motivé (au moins 10 caractères).",
    duplicateOption: "Chaque option ne peut être approuvée qu'une fois.",
    unknownOption: "Ce bulletin mentionne une option qui n'existe pas.",
    grade: "Choisissez une mention parmi celles proposées.",
    missingGrade: "Attribuez une mention à chaque option.",
    notOpenable: "Ce vote ne peut plus être ouvert.",
    closesBeforeOpen: "La clôture doit être postérieure à l'ouverture.",
    closed: "Le vote est clos : votre bulletin n'a pas été enregistré.",
    notOpen: "Le vote n'est pas ouvert.",
    notElector: "Vous ne faites pas partie du corps électoral de ce vote (membres actifs à son ouverture).",
    noBallot: "Vous n'avez pas de bulletin à retirer.",
  },
} as const;
