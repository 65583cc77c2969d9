import type { Messages } from "./types";

export const enNotifications: Messages["notifications"] = {
  title: "",
};
