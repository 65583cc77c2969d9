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
  page: {
    title: "Verify the history of decisions",
    lead: "Every decision, charter version, vote opening and close, and sanction on this platform is written to a public log that can only be added to. Anyone can check, without trusting the operator, that this history was neither rewritten nor shown differently to different people.",
    howTitle: "How it works",
    howText:
      "The log is a Merkle tree, like the one that keeps the web's security certificates honest (RFC 9162): each event gets a number and a fingerprint, and a single fingerprint, the root, sums up the whole log. Regularly, and after every decision, the platform signs that root: a checkpoint. Changing or removing a past event would change the root, which would no longer match the checkpoints already signed and kept by others.",
    checkedTitle: "What the verifier checks",
    checkedItems:
      "The signature of the latest checkpoint, with the platform's public key (noted on your first check).\nEvery event of the log: its fingerprint, and the recomputed root, which must be the checkpoint's.\nThat the log only grew since your computer last checked it (no going back, no parallel version).\nFor a community: that each charter version is the one in the log, that each signed decision matches its published ballots, and a recount of majority votes.\nFor a voting receipt: that your ballot is in the ballot box recorded in the log, and the box in a signed checkpoint.",
    runTitle: "Run the check",
    runText: "With Node.js 20 and a copy of Géocommuns' code (no database and no configuration needed):",
    runReceipt: "To check your receipt as well, add the vote's id and the receipt:",
    runWitness:
      "To require that an independent witness (another instance, an organisation of a college) co-signed the checkpoint, add its public key:",
    runVerdict: "The verifier prints each check, then a verdict, and exits with an error on the slightest mismatch.",
    limitsTitle: "What it does not guarantee",
    limitsItems:
      "The log proves that the history was not changed afterwards; it does not prove that an event was never left out when it happened.\nSomeone checking for the first time cannot detect a parallel version shown to them: that takes comparing with a checkpoint kept by someone else (a witness) or by an earlier check.\nThe log holds only salted fingerprints and opaque ids: it tells neither who voted nor who was sanctioned. Members-only communities' content is checked with an access token.\nBallot secrecy rests on the platform, which knows which receipt belongs to whom.",
    stateTitle: "The log right now",
    size: "{count, plural, one {# event} other {# events}} in the latest checkpoint.",
    empty: "No checkpoint has been signed yet.",
    keyLabel: "The log's public key (compare it with a copy obtained another way):",
    checkpointLabel: "Latest signed checkpoint:",
    receiptProof: "The proof that this ballot is in the ballot box recorded in the public log (JSON, for the verifier)",
    receiptLink: "Check this receipt without trusting the platform",
  },
  finality: {
    badgeFinal: "Final",
    badgePending: "Awaiting witnesses",
    how: "How to check it",
    noWitness: "None (final at the close)",
    witnesses: "{count, plural, one {# witness} other {# witnesses}}",
    final:
      "Final decision: in the public log{count, plural, =0 {} one {, co-signed by # witness} other {, co-signed by # witnesses}}.",
    pending:
      "Awaiting witnesses: {cosigned} of {required, plural, one {# required witness} other {# required witnesses}} {cosigned, plural, one {has} other {have}} co-signed the log holding this decision.",
  },
};
