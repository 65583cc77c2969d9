// French catalogue, namespace "modui". Every key here must exist in en-modui.ts (TypeScript checks it).
export const frModui = {
  title: "",
};
