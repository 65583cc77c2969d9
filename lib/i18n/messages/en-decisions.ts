import type { Messages } from "./types";

export const enDecisions: Messages["decisions"] = {
  errors: {
    placeholder: "—",
  },
};
