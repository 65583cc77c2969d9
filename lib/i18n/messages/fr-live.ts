// French catalogue, namespace "live" (issue 15: live figures and paged lists). Every key here must exist in en-live.ts.
export const frLive = {
  voters: {
    navLabel: "Pages de la liste des votants",
    page: "Page {page} sur {pages}",
    previous: "Votants précédents",
    next: "Votants suivants",
  },
  unread: {
    announce:
      "{count, plural, =0 {Plus aucune notification non lue} one {Vous avez # notification non lue} other {Vous avez # notifications non lues}}",
  },
  queue: {
    updated:
      "File de modération mise à jour : {count, plural, =0 {aucun signalement ouvert} one {# signalement ouvert} other {# signalements ouverts}}",
  },
};
