/**
 * Live updates across app instances with nothing but PostgreSQL: each instance holds ONE listening
 * connection (postgres.js `listen`, which re-listens by itself after a reconnection) on
 * LIVE_CHANNEL, and fans each notification out to the Server-Sent-Events streams it serves. A burst
 * of ballots on one proposal is coalesced: one snapshot (lib/live/proposal-live.ts) per proposal
 * per COALESCE_MS, computed once and sent to every follower, whatever their number. Writers
 * pg_notify inside their transaction (lib/votes/cast-ballot.ts, closing), so a notification means a
 * committed change; after the listener reconnects, every followed proposal gets a fresh snapshot,
 * since notifications sent meanwhile are lost.
 */
import type { Db } from "@/lib/db/client";
import { LIVE_CHANNEL, sqlOf } from "@/lib/db/sql";
import { logger } from "@/lib/core/log";
import { proposalLive, type ProposalLive } from "./proposal-live";

export type LiveFollower = (event: ProposalLive) => void;

const COALESCE_MS = 100;

export class LiveHub {
  private readonly followers = new Map<string, Set<LiveFollower>>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private listening: Promise<{ unlisten: () => Promise<void> }> | undefined;

  constructor(private readonly db: Db) {}

  /** Follows a proposal; returns the function that stops following it. */
  async follow(proposalId: string, follower: LiveFollower): Promise<() => void> {
    await this.listen();
    let set = this.followers.get(proposalId);
    if (!set) this.followers.set(proposalId, (set = new Set()));
    set.add(follower);
    return () => {
      set.delete(follower);
      if (set.size === 0 && this.followers.get(proposalId) === set) this.followers.delete(proposalId);
    };
  }

  /** Followers on this instance (the bench reports memory per connection). */
  get size(): number {
    let n = 0;
    for (const set of this.followers.values()) n += set.size;
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
        if (!first) for (const proposalId of this.followers.keys()) this.schedule(proposalId);
        first = false;
      },
    );
    // Could not listen (the database is down): the next follower tries again.
    this.listening.catch(() => (this.listening = undefined));
    return this.listening;
  }

  private notified(payload: string) {
    let proposalId: unknown;
    try {
      proposalId = (JSON.parse(payload) as { proposal?: unknown }).proposal;
    } catch {
      return;
    }
    if (typeof proposalId === "string" && this.followers.has(proposalId)) this.schedule(proposalId);
  }

  private schedule(proposalId: string) {
    if (this.pending.has(proposalId)) return;
    this.pending.set(
      proposalId,
      setTimeout(() => {
        this.pending.delete(proposalId);
        void this.publish(proposalId);
      }, COALESCE_MS),
    );
  }

  private async publish(proposalId: string) {
    const set = this.followers.get(proposalId);
    if (!set?.size) return;
    try {
      const snapshot = await proposalLive(this.db, proposalId);
      if (!snapshot) return;
      for (const follower of set) follower(snapshot);
    } catch (error) {
      // An outage: followers keep their last figures, and get fresh ones after the reconnection.
      logger.warn({ err: error, proposalId }, "live update failed");
    }
  }
}

const globalForLive = globalThis as unknown as { geocommunsLiveHub?: LiveHub };

/** The instance's hub, on the process-wide database client. */
export function liveHub(db: Db): LiveHub {
  globalForLive.geocommunsLiveHub ??= new LiveHub(db);
  return globalForLive.geocommunsLiveHub;
}
