/**
 * What moderation needs from each kind of content it handles (proposal, comment, commons,
 * contribution, profile), so that reports, hiding, bulk actions and the queue never branch on the
 * kind themselves: they look the adapter up in ./registry.ts. Each adapter reads and writes only its
 * own rows; audit entries, reports and notices stay with the use cases, in the caller's transaction.
 *
 * "Hidden" is `hiddenAt IS NOT NULL` on every hideable row (visibility scopes read that predicate);
 * `hiddenBy` and `hiddenById` say who hid it and are set and cleared together with `hiddenAt`.
 */
import type { DbTx } from "@/lib/db/client";
import type { HiddenBy, ReportTargetKind } from "@/lib/generated/prisma/enums";

/**
 * Who hides: the charter's rule after its number of reports, or a named moderator with the reason
 * the author reads (null only on the thread's quick hide of a comment, which asks for none).
 */
export type Hider = { by: "AUTOMATIC" } | { by: "MODERATOR"; moderatorId: string; reason: string | null };

export type HidingState = {
  at: Date;
  /** Null only for rows hidden outside moderation (fixtures, manual fixes): never taken for automatic. */
  by: HiddenBy | null;
  moderatorId: string | null;
  reason: string | null;
};

/** An item as the policy check and the use cases need it, loaded within one community. */
export type ModeratedItem = {
  kind: ReportTargetKind;
  id: string;
  communityId: string;
  /** The person who answers for it (the reported person); null when gone (a commons whose proposer left). */
  authorId: string | null;
  /** Null while visible. */
  hidden: HidingState | null;
};

/**
 * What the queue shows of an item. No sentence of ours: the page names the kind with `labelKey`
 * and renders the item's own words (`title`, `excerpt`) as they are.
 */
export type TargetSummary = {
  /** False when the item is gone (a deleted comment, an unknown person). */
  exists: boolean;
  labelKey: `modui.kinds.${ReportTargetKind}`;
  title: string | null;
  excerpt: string;
  href: string | null;
  hideable: boolean;
  hidden: boolean;
  hiddenBy: HiddenBy | null;
};

export type Hiding = {
  /**
   * Hides the item. A moderator may also take over an automatic hiding, so that their decision
   * stands when the reports are later dismissed. False when nothing changed (already hidden).
   */
  hide(tx: DbTx, args: { id: string; at: Date; hider: Hider }): Promise<boolean>;
  /** Shows it again; with `only`, only if it was hidden that way. False when nothing changed. */
  unhide(tx: DbTx, args: { id: string; only?: HiddenBy }): Promise<boolean>;
};

export type ModerationTarget<K extends ReportTargetKind = ReportTargetKind> = {
  kind: K;
  /** The item with its community and author, or null when it is not in that community. */
  load(db: DbTx, args: { communityId: string; id: string }): Promise<ModeratedItem | null>;
  /** Many items at once for the queue (one query per kind, never one per row), keyed by id. */
  describe(db: DbTx, args: { communityId: string; communitySlug: string; ids: string[] }): Promise<Map<string, TargetSummary>>;
  /** Null for kinds that cannot be hidden (a profile is answered with a sanction). */
  hiding: Hiding | null;
};

export type HideableTarget<K extends ReportTargetKind = ReportTargetKind> = ModerationTarget<K> & { hiding: Hiding };

// ---- Shared by the adapters: the same four columns on every hideable model ----

type HidingColumns = {
  hiddenAt: Date | null;
  hiddenBy: HiddenBy | null;
  hiddenById: string | null;
  hiddenReason: string | null;
};

/** Rows the hider may hide: visible ones, plus automatic hidings a moderator takes over. */
export const hideableWhere = (id: string, hider: Hider) =>
  hider.by === "AUTOMATIC" ? { id, hiddenAt: null } : { id, OR: [{ hiddenAt: null }, { hiddenBy: "AUTOMATIC" as const }] };

export const hiddenData = (at: Date, hider: Hider): HidingColumns =>
  hider.by === "AUTOMATIC"
    ? { hiddenAt: at, hiddenBy: "AUTOMATIC", hiddenById: null, hiddenReason: null }
    : { hiddenAt: at, hiddenBy: "MODERATOR", hiddenById: hider.moderatorId, hiddenReason: hider.reason };

export const hiddenWhere = (id: string, only?: HiddenBy) => ({
  id,
  hiddenAt: { not: null },
  ...(only ? { hiddenBy: only } : {}),
});

export const shownData: HidingColumns = { hiddenAt: null, hiddenBy: null, hiddenById: null, hiddenReason: null };

/** The columns every hideable adapter selects. */
export const hidingSelect = { hiddenAt: true, hiddenBy: true, hiddenById: true, hiddenReason: true } as const;

export const hidingStateOf = (row: HidingColumns): HidingState | null =>
  row.hiddenAt ? { at: row.hiddenAt, by: row.hiddenBy, moderatorId: row.hiddenById, reason: row.hiddenReason } : null;

const EXCERPT = 280;
/** The item's text on one line, cut for the queue. */
export const excerptOf = (text: string) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
};
