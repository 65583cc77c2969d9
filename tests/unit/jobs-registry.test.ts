/** The job registry's invariants, and the close job's id (what makes one close per proposal). */
import { describe, expect, it } from "vitest";
import { deadLetterQueues, pollingJobs, queueJobs } from "@/lib/jobs/registry";
import { CLOSE_PROPOSAL, closeJobId } from "@/lib/votes/close-job";
import { deadLetterOf } from "@/lib/jobs/types";

describe("job registry", () => {
  it("declares each job once, each queue with retries, an expiry and its own dead-letter queue", () => {
    const names = [...queueJobs, ...pollingJobs].map((job) => job.name);
    expect(new Set(names).size).toBe(names.length);
    for (const job of queueJobs) {
      expect(job.options.deadLetter).toBe(deadLetterOf(job.name));
      expect(job.options.retryLimit).toBeGreaterThan(0);
      expect(job.options.retryBackoff).toBe(true);
      expect(job.options.expireInSeconds).toBeGreaterThan(0);
      expect(names).not.toContain(job.options.deadLetter);
    }
    expect(deadLetterQueues).toHaveLength(queueJobs.length);
  });

  it("schedules the closing sweep, closing-soon, events, suspension ends, the digest and purges", () => {
    const scheduled = Object.fromEntries(queueJobs.filter((job) => job.schedule).map((job) => [job.name, job.schedule]));
    expect(scheduled).toEqual({
      "proposal.close-due": "* * * * *",
      "events.closing-soon": "* * * * *",
      "events.deliver": "* * * * *",
      "moderation.end-suspensions": "* * * * *",
      "notifications.daily-digest": "*/5 * * * *",
      "maintenance.purge": "*/10 * * * *",
      "translog.issue-checkpoint": "*/10 * * * *",
      "translog.ballot-boxes": "* * * * *",
      "commons.capture-alerts": "17 4 * * *",
      "connectors.import-due": "*/30 * * * *",
    });
    // Closes are not scheduled: each is enqueued (by the sweep or when voting opens), one per proposal.
    expect(queueJobs.find((job) => job.name === CLOSE_PROPOSAL)?.schedule).toBeUndefined();
  });
});

describe("close job id", () => {
  const closesAt = new Date("2030-05-01T12:00:00Z");

  it("is the same UUID for the same proposal and closing date, and differs otherwise", () => {
    const id = closeJobId("proposal-a", closesAt);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(closeJobId("proposal-a", new Date(closesAt))).toBe(id);
    expect(closeJobId("proposal-b", closesAt)).not.toBe(id);
    expect(closeJobId("proposal-a", new Date(closesAt.getTime() + 1000))).not.toBe(id);
  });
});
