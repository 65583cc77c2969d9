// French catalogue, namespace "decisions". Every key here must exist in en-decisions.ts (TypeScript checks it).
export const frDecisions = {
  errors: {
    placeholder: "—",
  },
} as const;
