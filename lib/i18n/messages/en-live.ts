// English catalogue, namespace "live" (issue 15: live figures and paged lists). Same keys as fr-live.ts.
import type { Messages } from "./types";

export const enLive: Messages["live"] = {
  voters: {
    navLabel: "Pages of the list of voters",
    page: "Page {page} of {pages}",
    previous: "Previous voters",
    next: "Next voters",
  },
  unread: {
    announce:
      "{count, plural, =0 {No unread notifications any more} one {You have # unread notification} other {You have # unread notifications}}",
  },
  queue: {
    updated: "Moderation queue updated: {count, plural, =0 {no open reports} one {# open report} other {# open reports}}",
  },
};
