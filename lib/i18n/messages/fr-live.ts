// French catalogue, namespace "live" (issue 15: live figures and paged lists). Every key here must exist in en-live.ts.
export const frLive = {
  voters: {
    navLabel: "Pages de la liste des votants",
    page: "Page {page} sur {pages}",
    previous: "Votants précédents",
    next: "Votants suivants",
  },
};
