import type { Messages } from "./types";

export const enCharter: Messages["charter"] = {
  errors: {
    titleTooShort: "The title must be at least 3 characters long.",
    titleTooLong: "The title must not exceed 160 characters.",
    textTooLong: "The text must not exceed 10,000 characters.",
    noChange: "An amendment contains at least one change.",
  },
};
