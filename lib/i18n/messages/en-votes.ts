import type { Messages } from "./types";

export const enVotes: Messages["votes"] = {
  errors: {
    choice: "Choose one of the answers offered.",
    reasonTooLong: "The reason must not exceed 2,000 characters.",
    blockReason: "A block must state its reason (at least 10 characters).",
    duplicateOption: "Each option can be approved only once.",
    unknownOption: "This ballot names an option that does not exist.",
    grade: "Choose one of the grades offered.",
    missingGrade: "Give a grade to every option.",
    notOpenable: "This vote can no longer be opened.",
    closesBeforeOpen: "The closing time must come after the opening.",
    closed: "Voting is closed: your ballot was not recorded.",
    notOpen: "Voting is not open.",
    notElector: "You are not in this vote's electorate (active members when it opened).",
    noBallot: "You have no ballot to withdraw.",
  },
};
