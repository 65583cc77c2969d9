/**
 * The one place that knows every kind of moderated content. Reports, hiding, bulk actions and the
 * queue look the kind up here instead of switching on it, so a new kind is one adapter file and one
 * line below. The type ties the registry to `hideableKinds` (lib/moderation/schemas.ts, which the
 * forms also import): a kind with a `hiding` adapter is exactly a hideable kind, or this fails to compile.
 */
import type { ReportTargetKind } from "@/lib/generated/prisma/enums";
import type { HideableKind } from "../schemas";
import type { HideableTarget, Hiding, ModerationTarget } from "./target";
import { commentTarget } from "./comment";
import { commonsTarget } from "./commons";
import { contributionTarget } from "./contribution";
import { profileTarget } from "./profile";
import { proposalTarget } from "./proposal";

type Registry = {
  [K in ReportTargetKind]: K extends HideableKind ? HideableTarget<K> : ModerationTarget<K> & { hiding: null };
};

export const moderationTargets: Registry = {
  PROPOSAL: proposalTarget,
  COMMENT: commentTarget,
  COMMONS: commonsTarget,
  CONTRIBUTION: contributionTarget,
  PROFILE: profileTarget,
};

export const moderationTarget = (kind: ReportTargetKind): ModerationTarget => moderationTargets[kind];

export const isHideable = (kind: ReportTargetKind): kind is HideableKind => moderationTargets[kind].hiding !== null;

/** The hiding adapter of a kind, null when the kind cannot be hidden. */
export const hidingOf = (kind: ReportTargetKind): Hiding | null => moderationTargets[kind].hiding;
