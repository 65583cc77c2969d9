import type { Messages } from "./types";

export const enTranslog: Messages["translog"] = {
  errors: {
    sizeBeyondTree: "The log holds only {size, plural, one {# entry} other {# entries}}: this size is beyond it.",
    indexNotBelowSize: "The entry must come before the requested size.",
    firstAfterSecond: "The first size must be smaller than or equal to the second.",
    rangeTooLong: "At most {max} entries per request.",
    noReceipt: "No published ballot carries this receipt.",
    notLogged: "This decision is not (yet) in the log.",
  },
};
