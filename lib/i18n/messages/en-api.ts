import type { Messages } from "./types";

export const enApi: Messages["api"] = {
  placeholder: "—",
};
