// French catalogue, namespace "opendata". Every key here must exist in en-opendata.ts (TypeScript checks it).
export const frOpendata = {
  title: "",
};
