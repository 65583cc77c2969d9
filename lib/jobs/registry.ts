/**
 * Every background job of the platform. To add one: write `definitions/<job>.ts` (queue name, options
 * with its dead-letter queue, handler, and a cron if it is scheduled) and list it here; the worker
 * (worker.ts) creates its queues, schedule and handlers at start, and platform administrators see its
 * dead letters (dead-letters.ts).
 */
import { closeProposalJob } from "./definitions/close-proposal";
import { closeDueProposalsJob } from "./definitions/close-due-proposals";
import { closingSoonJob } from "./definitions/closing-soon";
import { deliverEventsJob } from "./definitions/deliver-events";
import { endSuspensionsJob } from "./definitions/end-suspensions";
import { dailyDigestJob } from "./definitions/daily-digest";
import { purgeJob } from "./definitions/purge";
import { deliverOutboxJob } from "./definitions/deliver-outbox";
import { issueCheckpointJob } from "./definitions/issue-checkpoint";
import { logBallotBoxesJob } from "./definitions/log-ballot-boxes";
import { captureAlertsJob } from "./definitions/capture-alerts";
import { importDueJob, importSourceJob } from "./definitions/import-sources";
import type { PollingJob, QueueJob } from "./types";

export const queueJobs: readonly QueueJob<never>[] = [
  closeProposalJob,
  closeDueProposalsJob,
  closingSoonJob,
  deliverEventsJob,
  endSuspensionsJob,
  dailyDigestJob,
  purgeJob,
  issueCheckpointJob,
  logBallotBoxesJob,
  captureAlertsJob,
  importDueJob,
  importSourceJob,
] as QueueJob<never>[];

export const pollingJobs: readonly PollingJob[] = [deliverOutboxJob];

/** The dead-letter queues, one per queue job (no worker reads them: they are for administrators). */
export const deadLetterQueues: readonly string[] = [...new Set(queueJobs.map((job) => job.options.deadLetter))];
