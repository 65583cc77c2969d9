/**
 * Every proposal kind by its Prisma enum value. Typed as a full record, so adding a value to the
 * enum fails to compile until its kind is registered here.
 */
import type { ProposalKind as ProposalKindKey } from "@/lib/generated/prisma/enums";
import type { ProposalKind } from "./kind";
import { general } from "./general";
import { charterAmendment } from "./charter-amendment";
import { commonsAdoption } from "./commons-adoption";

export type { ProposalKind } from "./kind";

const kinds: Record<ProposalKindKey, ProposalKind> = {
  GENERAL: general,
  CHARTER_AMENDMENT: charterAmendment,
  COMMONS_ADOPTION: commonsAdoption,
};

export function proposalKind(key: ProposalKindKey): ProposalKind {
  const kind = kinds[key];
  // Only a row written outside the schema could name an unknown kind: fail loudly, never skip its outcome.
  if (!kind) throw new Error(`Unknown proposal kind: ${String(key)}`);
  return kind;
}
