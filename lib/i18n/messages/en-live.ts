// English catalogue, namespace "live" (issue 15: live figures and paged lists). Same keys as fr-live.ts.
import type { Messages } from "./types";

export const enLive: Messages["live"] = {
  voters: {
    navLabel: "Pages of the list of voters",
    page: "Page {page} of {pages}",
    previous: "Previous voters",
    next: "Next voters",
  },
};
