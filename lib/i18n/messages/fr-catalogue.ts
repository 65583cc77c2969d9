// French catalogue, namespace "catalogue". Every key here must exist in en-catalogue.ts (TypeScript checks it).
export const frCatalogue = {
  title: "",
};
