import type { Messages } from "./types";

export const enLedger: Messages["ledger"] = {
  title: "",
};
