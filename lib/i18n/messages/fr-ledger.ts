// French catalogue, namespace "ledger". Every key here must exist in en-ledger.ts (TypeScript checks it).
export const frLedger = {
  title: "",
};
