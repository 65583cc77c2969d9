/**
 * Live updates across app instances with nothing but PostgreSQL: each instance holds ONE listening
 * connection (postgres.js `listen`, which re-listens by itself after a reconnection) on
 * LIVE_CHANNEL, and fans each notification out to the Server-Sent-Events streams it serves.
 *
 * A stream follows a topic: a proposal (its figures, lib/live/proposal-live.ts), a person (their
 * unread count, lib/live/user-live.ts) or a community's moderation queue (lib/live/queue-live.ts).
 * Payloads name only opaque ids — `{"proposal": id}`, `{"users": [id, …]}`, `{"queue": communityId}`
 * — never content: every listener sees them. A burst on one topic is coalesced: one snapshot per
 * topic per COALESCE_MS, computed once and sent to every follower of that topic on this instance,
 * whatever their number. Writers pg_notify inside their transaction, so a notification means a
 * committed change; after the listener reconnects, every followed topic gets a fresh snapshot,
 * since notifications sent meanwhile are lost.
 */
import type { Db } from "@/lib/db/client";
import { LIVE_CHANNEL, sqlOf } from "@/lib/db/sql";
import { logger } from "@/lib/core/log";
import { proposalLive, type ProposalLive } from "./proposal-live";
import { userLive, type UserLive } from "./user-live";
import { queueLive, type QueueLive } from "./queue-live";

/** What each kind of topic pushes. */
export type LiveEvents = { proposal: ProposalLive; user: UserLive; queue: QueueLive };
export type LiveKind = keyof LiveEvents;

export type LiveFollower<K extends LiveKind = "proposal"> = (event: LiveEvents[K]) => void;

const snapshots: { [K in LiveKind]: (db: Db, id: string) => Promise<LiveEvents[K] | null> } = {
  proposal: proposalLive,
  user: userLive,
  queue: queueLive,
};

const COALESCE_MS = 100;

const keyOf = (kind: LiveKind, id: string) => `${kind}:${id}`;

/** The topics a payload names (malformed payloads name none). */
export function topicsOf(payload: string): { kind: LiveKind; id: string }[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return [];
  }
  if (!parsed || typeof parsed !== "object") return [];
  const { proposal, users, queue } = parsed as { proposal?: unknown; users?: unknown; queue?: unknown };
  const topics: { kind: LiveKind; id: string }[] = [];
  if (typeof proposal === "string") topics.push({ kind: "proposal", id: proposal });
  if (typeof queue === "string") topics.push({ kind: "queue", id: queue });
  if (Array.isArray(users)) for (const id of users) if (typeof id === "string") topics.push({ kind: "user", id });
  return topics;
}

export class LiveHub {
  private readonly followers = new Map<string, { kind: LiveKind; id: string; set: Set<(event: never) => void> }>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private listening: Promise<{ unlisten: () => Promise<void> }> | undefined;

  constructor(private readonly db: Db) {}

  /** Follows a proposal; returns the function that stops following it. */
  follow(proposalId: string, follower: LiveFollower<"proposal">): Promise<() => void> {
    return this.followTopic("proposal", proposalId, follower);
  }

  /** Follows a topic of any kind; returns the function that stops following it. */
  async followTopic<K extends LiveKind>(kind: K, id: string, follower: LiveFollower<K>): Promise<() => void> {
    await this.listen();
    const key = keyOf(kind, id);
    let entry = this.followers.get(key);
    if (!entry) this.followers.set(key, (entry = { kind, id, set: new Set() }));
    const set = entry.set as Set<LiveFollower<K>>;
    set.add(follower);
    return () => {
      set.delete(follower);
      if (set.size === 0 && this.followers.get(key)?.set === set) this.followers.delete(key);
    };
  }

  /** Followers on this instance (the bench reports memory per connection). */
  get size(): number {
    let n = 0;
    for (const entry of this.followers.values()) n += entry.set.size;
    return n;
  }

  async close(): Promise<void> {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    const listening = this.listening;
    this.listening = undefined;
    if (listening) await (await listening).unlisten();
  }

  private listen() {
    let first = true;
    this.listening ??= sqlOf(this.db).listen(
      LIVE_CHANNEL,
      (payload) => this.notified(payload),
      () => {
        // (Re)connected: notifications sent while the connection was down are lost.
        if (!first) for (const key of this.followers.keys()) this.schedule(key);
        first = false;
      },
    );
    // Could not listen (the database is down): the next follower tries again.
    this.listening.catch(() => (this.listening = undefined));
    return this.listening;
  }

  private notified(payload: string) {
    for (const { kind, id } of topicsOf(payload)) {
      const key = keyOf(kind, id);
      if (this.followers.has(key)) this.schedule(key);
    }
  }

  private schedule(key: string) {
    if (this.pending.has(key)) return;
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        void this.publish(key);
      }, COALESCE_MS),
    );
  }

  private async publish(key: string) {
    const entry = this.followers.get(key);
    if (!entry?.set.size) return;
    try {
      const snapshot = await (snapshots[entry.kind] as (db: Db, id: string) => Promise<unknown>)(this.db, entry.id);
      if (!snapshot) return;
      for (const follower of entry.set) (follower as (event: unknown) => void)(snapshot);
    } catch (error) {
      // An outage: followers keep their last figures, and get fresh ones after the reconnection.
      logger.warn({ err: error, topic: entry.kind }, "live update failed");
    }
  }
}

const globalForLive = globalThis as unknown as { geocommunsLiveHub?: LiveHub };

/** The instance's hub, on the process-wide database client. */
export function liveHub(db: Db): LiveHub {
  globalForLive.geocommunsLiveHub ??= new LiveHub(db);
  return globalForLive.geocommunsLiveHub;
}
