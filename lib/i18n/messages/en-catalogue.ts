import type { Messages } from "./types";

export const enCatalogue: Messages["catalogue"] = {
  title: "",
};
