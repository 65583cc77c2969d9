import type { Messages } from "./types";

export const enModui: Messages["modui"] = {
  title: "",
};
