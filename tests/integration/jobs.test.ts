/**
 * Background jobs on pg-boss against a real PostgreSQL (lib/jobs): the real worker (startWorker, the
 * registry's queues and handlers), the real closing code, a real SMTP receiver.
 *
 * - A poison proposal (its close throws every time: a trigger in this test database refuses its
 *   decision) is retried with backoff, then dead-lettered with its error, while another proposal's
 *   close and an outbox email in the same run complete, and later closes still run.
 * - Jobs enqueued in a transaction exist exactly when it commits (enqueueInTx, and opening a vote).
 * - Two workers whose sweeps race enqueue one close job per proposal, and each proposal closes once.
 * - A job claimed by a worker that died is retried once its expiry passes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import PgBoss from "pg-boss";
import { parseConfig, type Config } from "@/lib/core/config";
import { createCommunity } from "@/lib/communities/create-community";
import { enqueueEmail } from "@/lib/mail/outbox";
import { openVoting, openVotingIn } from "@/lib/votes/open-voting";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";
import { enqueueInTx } from "@/lib/core/jobs";
import { CLOSE_PROPOSAL, closeJobData, closeJobId, closeJobOptions } from "@/lib/votes/close-job";
import { JOBS_SCHEMA } from "@/lib/jobs/boss";
import { CLOSE_DUE_PROPOSALS, closeDueProposalsJob } from "@/lib/jobs/definitions/close-due-proposals";
import { deliverOutboxJob } from "@/lib/jobs/definitions/deliver-outbox";
import { listDeadLetters } from "@/lib/jobs/dead-letters";
import { ForbiddenError } from "@/lib/policy/can";
import { startSmtpReceiver, type SmtpReceiver } from "../support/smtp-receiver";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
let smtp: SmtpReceiver;
let env: Config;
let worker: RunningWorker;
let admin: TestPerson;

// Short retries so that the poison proposal is dead-lettered within seconds: with backoff, pg-boss
// waits 1–2 s, then 2–4 s (retry_delay × 2^n / 2, plus as much jitter) before the two retries.
const testQueueOptions = { [CLOSE_PROPOSAL]: { retryLimit: 2, retryDelay: 1, retryBackoff: true } };

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startSmtpReceiver();
  env = parseConfig({
    DATABASE_URL: t.url,
    AUTH_SECRET: "x".repeat(32),
    SMTP_URL: smtp.url,
    MAIL_FROM: "Géocommuns <no-reply@geocommuns.test>",
    MAIL_MAX_ATTEMPTS: "5",
  });
  worker = await startWorker({
    db: t.db,
    env,
    connectionString: t.url,
    pollingIntervalSeconds: 0.5,
    queueOptions: testQueueOptions,
    pollers: [deliverOutboxJob],
  });
  admin = await createPerson(t.db, { platformAdmin: true });
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await smtp?.stop();
  await t?.drop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 25_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

async function community() {
  const owner = await createPerson(t.db);
  const slug = unique("jobs").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: { name: "Jobs", slug, summary: "Une communauté qui vote.", description: "", visibility: "PUBLIC", joinPolicy: "OPEN" },
  });
  return { id, owner };
}

/** A proposal whose vote is open (electorate frozen by the real openVoting) and closes at `closesAt`. */
async function votingProposal(closesAt = new Date(Date.now() + 3600_000)) {
  const { id: communityId, owner } = await community();
  const proposal = await t.db.proposal.create({
    data: {
      communityId,
      authorId: owner.id,
      title: unique("Proposition"),
      method: "THRESHOLD",
      threshold: "simple",
      secret: false,
    },
  });
  await openVoting(t.db, { proposalId: proposal.id, closesAt });
  return proposal.id;
}

/** Moves a vote's end into the past, as if its time had passed (the sweep then finds it due). */
async function makeDue(proposalId: string) {
  await t.db.proposal.update({ where: { id: proposalId }, data: { votingClosesAt: new Date(Date.now() - 1000) } });
}

/**
 * The close jobs of a proposal for its current closing date (one enqueued for an earlier date, as by
 * openVoting before makeDue, waits for that date and then completes without closing).
 */
async function closeJobs(proposalId: string) {
  const { votingClosesAt } = await t.db.proposal.findUniqueOrThrow({ where: { id: proposalId } });
  const jobs = await t.db.$queryRaw<{ id: string; state: string; retryCount: number; data: { closesAt: string } }[]>`
    SELECT id::text, state::text, retry_count AS "retryCount", data FROM pgboss.job
    WHERE name = ${CLOSE_PROPOSAL} AND singleton_key = ${proposalId}`;
  return jobs
    .filter((job) => job.data.closesAt === votingClosesAt?.toISOString())
    .map(({ id, state, retryCount }) => ({ id, state, retryCount }));
}

const statusOf = async (proposalId: string) =>
  (await t.db.proposal.findUniqueOrThrow({ where: { id: proposalId }, select: { status: true } })).status;

describe("a poison proposal", () => {
  it("is retried, then dead-lettered with its error, while other closes and the outbox go on", async () => {
    const poison = await votingProposal();
    const healthy = await votingProposal();
    // The real close throws for this proposal, every time: its decision cannot be stored.
    await t.db.$executeRawUnsafe(`
      CREATE FUNCTION refuse_poison_decision() RETURNS trigger AS $$
      BEGIN
        IF NEW."proposalId" = '${poison}' THEN RAISE EXCEPTION 'poisoned decision for %', NEW."proposalId"; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await t.db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_poison_decision BEFORE INSERT ON "Decision" FOR EACH ROW EXECUTE FUNCTION refuse_poison_decision()`,
    );
    await makeDue(poison);
    await makeDue(healthy);
    const to = `${unique("outbox")}@example.org`;
    const { messageId } = await enqueueEmail(t.db, {
      to,
      locale: "fr",
      email: { subject: "Pendant la panne", text: "Contenu", html: "<p>Contenu</p>" },
    });

    // The closing sweep, as its schedule sends it every minute.
    await worker.boss.send(CLOSE_DUE_PROPOSALS, {});

    await waitUntil("the healthy close", async () => (await statusOf(healthy)) === "CLOSED");
    expect((await smtp.waitForMail((m) => m.to.includes(to), 20_000)).messageId).toBe(messageId);
    await waitUntil("the dead letter", async () =>
      (await listDeadLetters(t.db, admin)).some((letter) => (letter.data as { proposalId?: string }).proposalId === poison),
    );

    // The poison proposal: still open, its one job failed after its two retries, its error kept.
    expect(await statusOf(poison)).toBe("VOTING");
    expect(await t.db.decision.count({ where: { proposalId: poison } })).toBe(0);
    expect(await closeJobs(poison)).toEqual([expect.objectContaining({ state: "failed", retryCount: 2 })]);
    const letters = (await listDeadLetters(t.db, admin)).filter(
      (letter) => (letter.data as { proposalId?: string }).proposalId === poison,
    );
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ queue: CLOSE_PROPOSAL, failedAt: expect.any(Date) });
    expect(letters[0]!.error).toContain("poisoned decision for");

    // Everything else ran: the healthy proposal closed once by its own job, the email went out once.
    expect(await t.db.decision.count({ where: { proposalId: healthy } })).toBe(1);
    expect(await closeJobs(healthy)).toEqual([expect.objectContaining({ state: "completed" })]);
    expect((await t.db.outboxEmail.findFirstOrThrow({ where: { to } })).status).toBe("SENT");

    // And the worker keeps working after the dead letter: a proposal due later still closes.
    const later = await votingProposal();
    await makeDue(later);
    await worker.boss.send(CLOSE_DUE_PROPOSALS, {});
    await waitUntil("a later close", async () => (await statusOf(later)) === "CLOSED");
    // A second sweep does not enqueue the poison proposal again while its failed job is kept.
    expect(await closeJobs(poison)).toHaveLength(1);
  });

  it("shows dead letters to platform administrators only", async () => {
    const member = await createPerson(t.db);
    await expect(listDeadLetters(t.db, member)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listDeadLetters(t.db, null)).rejects.toThrow();
    expect(Array.isArray(await listDeadLetters(t.db, admin))).toBe(true);
  });
});

describe("jobs enqueued in a transaction", () => {
  const jobsWithId = async (id: string) =>
    (await t.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE id = ${id}::uuid`)[0]!.n;

  it("exist only when the transaction commits, once even when enqueued twice", async () => {
    const proposalId = unique("absent");
    const closesAt = new Date(Date.now() + 3600_000);
    const id = closeJobId(proposalId, closesAt);
    const data = { proposalId, closesAt: closesAt.toISOString() };
    const options = { id, singletonKey: proposalId, startAfter: closesAt };

    await expect(
      t.db.$transaction(async (tx) => {
        expect(await enqueueInTx(tx, CLOSE_PROPOSAL, data, options)).toBe(id);
        throw new Error("the change fails after its job was enqueued");
      }),
    ).rejects.toThrow("the change fails");
    expect(await jobsWithId(id)).toBe(0);

    await t.db.$transaction(async (tx) => {
      expect(await enqueueInTx(tx, CLOSE_PROPOSAL, data, options)).toBe(id);
    });
    expect(await jobsWithId(id)).toBe(1);
    // The same job again (another sweep, another worker): nothing new.
    await t.db.$transaction(async (tx) => {
      expect(await enqueueInTx(tx, CLOSE_PROPOSAL, data, options)).toBeNull();
    });
    expect(await jobsWithId(id)).toBe(1);
    const [job] = await t.db.$queryRaw<{ startAfter: Date; data: unknown; singletonKey: string }[]>`
      SELECT start_after AS "startAfter", data, singleton_key AS "singletonKey" FROM pgboss.job WHERE id = ${id}::uuid`;
    expect(job).toEqual({ startAfter: closesAt, data, singletonKey: proposalId });
  });

  it("opening a vote enqueues its close at the closing date, and a rolled-back opening enqueues nothing", async () => {
    const { id: communityId, owner } = await community();
    const create = () =>
      t.db.proposal.create({
        data: {
          communityId,
          authorId: owner.id,
          title: unique("Proposition"),
          method: "THRESHOLD",
          threshold: "simple",
          secret: false,
        },
      });
    const rolledBack = await create();
    const closesAt = new Date(Date.now() + 3600_000);
    await expect(
      t.db.$transaction(async (tx) => {
        await openVotingIn(tx, { proposalId: rolledBack.id, closesAt });
        throw new Error("the audit entry could not be written");
      }),
    ).rejects.toThrow("audit entry");
    expect(await closeJobs(rolledBack.id)).toEqual([]);
    expect(await statusOf(rolledBack.id)).not.toBe("VOTING");

    // Committed, with a close two seconds away: the job enqueued by the opening closes it, no sweep needed.
    const opened = await create();
    const soon = new Date(Date.now() + 2_000);
    await openVoting(t.db, { proposalId: opened.id, closesAt: soon });
    expect(await jobsWithId(closeJobId(opened.id, soon))).toBe(1);
    await waitUntil("the close at the closing date", async () => (await statusOf(opened.id)) === "CLOSED");
    expect(await t.db.decision.count({ where: { proposalId: opened.id } })).toBe(1);
    expect(await closeJobs(opened.id)).toEqual([expect.objectContaining({ state: "completed" })]);
  });
});

describe("two workers on one database", () => {
  it("enqueue one close job per proposal when their sweeps race, and close each proposal once", async () => {
    const second = await startWorker({
      db: t.db,
      env,
      connectionString: t.url,
      pollingIntervalSeconds: 0.5,
      queueOptions: testQueueOptions,
      pollers: [],
    });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push(await votingProposal());
      for (const id of ids) await makeDue(id);
      // Both workers' sweeps at the same moment, and the scheduled one through the queue as well.
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const sweeps = [worker, second].map(async ({ boss }) => {
        await gate;
        return closeDueProposalsJob.handle({}, { db: t.db, env, boss });
      });
      release();
      await Promise.all([...sweeps, second.boss.send(CLOSE_DUE_PROPOSALS, {})]);

      await waitUntil(
        "the closes",
        async () => (await t.db.proposal.count({ where: { id: { in: ids }, status: "CLOSED" } })) === 6,
      );
      await sleep(1_500); // a duplicate job would run now
      for (const id of ids) {
        expect(await closeJobs(id)).toEqual([expect.objectContaining({ state: "completed" })]);
        expect(await t.db.decision.count({ where: { proposalId: id } })).toBe(1);
        expect(await t.db.domainEvent.count({ where: { proposalId: id, type: "proposal.closed" } })).toBe(1);
      }
    } finally {
      await second.stop();
    }
  });
});

describe("a worker that dies mid-job", () => {
  it("loses no job: its claimed close is retried once the job's expiry passes", async () => {
    const proposalId = await votingProposal();
    await makeDue(proposalId);
    const { votingClosesAt } = await t.db.proposal.findUniqueOrThrow({ where: { id: proposalId } });
    // Another worker process claims the close (pg-boss marks it active) and is then killed: it never
    // completes nor fails it. Enqueued for later and first in line, so that this worker claims it.
    const dead = new PgBoss({ connectionString: t.url, schema: JOBS_SCHEMA, schedule: false, supervise: false });
    await dead.start();
    const id = await worker.boss.send(CLOSE_PROPOSAL, closeJobData(proposalId, votingClosesAt!), {
      ...closeJobOptions(proposalId, votingClosesAt!),
      startAfter: 3600,
      priority: 10,
    });
    const [claimed] = await dead.fetch(CLOSE_PROPOSAL, { ignoreStartAfter: true });
    expect(claimed?.id).toBe(id);
    await dead.stop({ graceful: false }); // its pool closes; the claim stays, as after SIGKILL
    await sleep(1_500);
    expect(await closeJobs(proposalId)).toEqual([expect.objectContaining({ state: "active" })]);
    expect(await statusOf(proposalId)).toBe("VOTING");

    // The claim outlives the job's expiry (5 minutes for a close): rather than wait, the test moves its
    // start back, then runs pg-boss's maintenance, which a worker runs every 2 minutes.
    await t.db.$executeRaw`UPDATE pgboss.job SET started_on = now() - interval '10 minutes' WHERE id = ${id}::uuid`;
    await worker.boss.maintain();
    await waitUntil("the retried close", async () => (await statusOf(proposalId)) === "CLOSED");
    expect(await t.db.decision.count({ where: { proposalId } })).toBe(1);
    expect(await closeJobs(proposalId)).toEqual([expect.objectContaining({ state: "completed", retryCount: 1 })]);
  });
});
