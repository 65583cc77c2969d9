// French catalogue, namespace "admin". Every key here must exist in en-admin.ts (TypeScript checks it).
export const frAdmin = {
  title: "",
};
