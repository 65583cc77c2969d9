/**
 * A proposal's title as people read it. The title column holds data, not a sentence: what the
 * author wrote for most kinds, the commons' title for an adoption proposal. Each kind has one
 * catalogue message presenting it (`votes.kindTitle.<KIND>`, argument `{title}`), so pages, emails
 * and notifications say "Adoption du commun « … »" in the reader's language and nothing in lib/
 * builds the sentence. Pure and free of server imports: client components use it too.
 */
import { ProposalKind } from "@/lib/generated/prisma/enums";

export type ProposalTitleMessage = { key: `votes.kindTitle.${ProposalKind}`; values: { title: string } };

/** The message and its argument; an unknown kind (old notification data) reads as a general proposal. */
export function proposalTitleMessage({ kind, title }: { kind: string | null | undefined; title: string }): ProposalTitleMessage {
  const known = kind && Object.hasOwn(ProposalKind, kind) ? (kind as ProposalKind) : ProposalKind.GENERAL;
  return { key: `votes.kindTitle.${known}`, values: { title } };
}

/** With a translator of either engine's shape (`t(key, values)`). */
export function proposalTitle(
  t: (key: ProposalTitleMessage["key"], values: ProposalTitleMessage["values"]) => string,
  proposal: { kind: string | null | undefined; title: string },
): string {
  const { key, values } = proposalTitleMessage(proposal);
  return t(key, values);
}
