// French catalogue, namespace "api". Every key here must exist in en-api.ts (TypeScript checks it).
export const frApi = {
  placeholder: "—",
} as const;
