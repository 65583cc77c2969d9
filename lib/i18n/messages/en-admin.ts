import type { Messages } from "./types";

export const enAdmin: Messages["admin"] = {
  title: "",
};
