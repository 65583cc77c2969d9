import type { Messages } from "./types";

export const enOpendata: Messages["opendata"] = {
  title: "",
};
