// French catalogue, namespace "pages". Every key here must exist in en-pages.ts (TypeScript checks it).
export const frPages = {
  placeholder: "—",
} as const;
