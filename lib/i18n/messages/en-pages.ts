import type { Messages } from "./types";

export const enPages: Messages["pages"] = {
  placeholder: "—",
};
