// French catalogue, namespace "translog" (issue 17: the verifiable history). Every key here must exist in en-translog.ts.
export const frTranslog = {
  errors: {
    sizeBeyondTree: "Le journal ne compte que {size, plural, one {# entrée} other {# entrées}} : cette taille le dépasse.",
    indexNotBelowSize: "L'entrée doit être antérieure à la taille demandée.",
    firstAfterSecond: "La première taille doit être inférieure ou égale à la seconde.",
    rangeTooLong: "Au plus {max} entrées par requête.",
    noReceipt: "Aucun bulletin publié ne porte ce reçu.",
    notLogged: "Cette décision n'est pas (encore) inscrite au journal.",
  },
};
