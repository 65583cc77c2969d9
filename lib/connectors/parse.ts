/**
 * Turns a verified delivery into at most one contribution-to-be (issue 16). Each event is keyed by
 * the object it is about (a push's head commit, a merged pull request, a release, a generic event's
 * id), so that a second delivery of the same object changes nothing. What is not a push with
 * commits, a merged pull/merge request, a published release or a generic contribution is ignored.
 */
import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import type { ContributionSourceKind, ContributionType, IdentityProvider } from "@/lib/generated/prisma/enums";
import { contributionTypes } from "@/lib/commons/schemas";

export type ParsedEvent = {
  kind: "event";
  /** push | merge | release | contribution */
  event: string;
  /** The object's id at the source: the idempotency key of its contribution. */
  externalId: string;
  author: { provider: IdentityProvider; username: string; id: string | null };
  type: ContributionType | null;
  description: string;
  date: Date;
  quantity: number | null;
  unit: string | null;
  link: string | null;
};
export type IgnoredEvent = { kind: "ignored"; event: string };
export type ParseResult = ParsedEvent | IgnoredEvent;

export class InvalidPayloadError extends AppError {
  constructor() {
    super("invalid_payload", "connectors.errors.invalidPayload", 400);
  }
}

const MAX_DESCRIPTION = 500;
const clip = (text: string) => (text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}…` : text);
const firstLine = (text: string | null | undefined) => (text ?? "").split("\n")[0]!.trim();
const idString = z.union([z.string(), z.number()]).transform(String);

/** Forges write dates as ISO 8601, and GitLab's older payloads as "2013-12-03 17:23:34 UTC". */
function dateOf(value: string | null | undefined, fallback: Date): Date {
  if (!value) return fallback;
  const normalised = value.replace(/^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC$/, "$1T$2Z");
  const date = new Date(normalised);
  return Number.isNaN(date.getTime()) ? fallback : date;
}

const branchOf = (ref: string) => ref.replace(/^refs\/(heads|tags)\//, "");

function parseWith<S extends z.ZodType>(schema: S, payload: unknown): z.output<S> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new InvalidPayloadError();
  return parsed.data;
}

// ---- GitHub and Gitea/Forgejo (Gitea's payloads follow GitHub's shapes) ----

const hubUser = z.object({ login: z.string().min(1), id: idString.optional() });
const hubRepository = z.object({ full_name: z.string(), html_url: z.string().optional() });
const hubCommit = z.object({ id: z.string(), message: z.string().optional(), timestamp: z.string().optional() });

const hubPush = z.object({
  ref: z.string(),
  after: z.string(),
  deleted: z.boolean().optional(),
  compare: z.string().optional(),
  compare_url: z.string().optional(),
  total_commits: z.number().int().optional(),
  commits: z.array(hubCommit).default([]),
  head_commit: hubCommit.nullable().optional(),
  repository: hubRepository,
  pusher: z.object({ login: z.string().optional(), username: z.string().optional(), id: idString.optional() }).optional(),
  sender: hubUser.optional(),
});

const hubPullRequest = z.object({
  action: z.string(),
  pull_request: z.object({
    id: idString,
    number: z.number().int(),
    title: z.string(),
    html_url: z.string().optional(),
    merged: z.boolean().nullable().optional(),
    merged_at: z.string().nullable().optional(),
    user: hubUser,
  }),
  repository: hubRepository,
});

const hubRelease = z.object({
  action: z.string(),
  release: z.object({
    id: idString,
    tag_name: z.string(),
    name: z.string().nullable().optional(),
    html_url: z.string().optional(),
    published_at: z.string().nullable().optional(),
    created_at: z.string().nullable().optional(),
    author: hubUser,
  }),
  repository: hubRepository,
});

function parseHub(provider: "GITHUB" | "GITEA", event: string, payload: unknown, now: Date): ParseResult {
  switch (event) {
    case "push": {
      const push = parseWith(hubPush, payload);
      const count = push.total_commits ?? push.commits.length;
      if (push.deleted || count === 0 || /^0+$/.test(push.after)) return { kind: "ignored", event };
      const who =
        provider === "GITHUB"
          ? (push.sender ?? null)
          : push.pusher?.login || push.pusher?.username
            ? { login: (push.pusher.login || push.pusher.username) as string, id: push.pusher.id }
            : (push.sender ?? null);
      if (!who) throw new InvalidPayloadError();
      const head = push.head_commit ?? push.commits.at(-1) ?? null;
      return {
        kind: "event",
        event,
        externalId: `push:${push.after}`,
        author: { provider, username: who.login, id: who.id ?? null },
        type: null,
        description: clip(`${push.repository.full_name}@${branchOf(push.ref)}: ${firstLine(head?.message)}`),
        date: dateOf(head?.timestamp, now),
        quantity: count,
        unit: "commits",
        link: push.compare ?? push.compare_url ?? push.repository.html_url ?? null,
      };
    }
    case "pull_request": {
      const pr = parseWith(hubPullRequest, payload);
      if (pr.action !== "closed" || pr.pull_request.merged !== true) return { kind: "ignored", event };
      return {
        kind: "event",
        event: "merge",
        externalId: `pull:${pr.pull_request.id}`,
        author: { provider, username: pr.pull_request.user.login, id: pr.pull_request.user.id ?? null },
        type: null,
        description: clip(`${pr.repository.full_name}#${pr.pull_request.number}: ${pr.pull_request.title}`),
        date: dateOf(pr.pull_request.merged_at, now),
        quantity: 1,
        unit: null,
        link: pr.pull_request.html_url ?? null,
      };
    }
    case "release": {
      const release = parseWith(hubRelease, payload);
      if (release.action !== "published") return { kind: "ignored", event };
      const r = release.release;
      return {
        kind: "event",
        event,
        externalId: `release:${r.id}`,
        author: { provider, username: r.author.login, id: r.author.id ?? null },
        type: null,
        description: clip(`${release.repository.full_name} ${r.tag_name}${r.name && r.name !== r.tag_name ? `: ${r.name}` : ""}`),
        date: dateOf(r.published_at ?? r.created_at, now),
        quantity: 1,
        unit: null,
        link: r.html_url ?? null,
      };
    }
    default:
      return { kind: "ignored", event };
  }
}

// ---- GitLab ----

const labProject = z.object({ path_with_namespace: z.string(), web_url: z.string().optional() });

const labPush = z.object({
  object_kind: z.literal("push"),
  ref: z.string(),
  after: z.string(),
  checkout_sha: z.string().nullable().optional(),
  user_id: idString.optional(),
  user_username: z.string().min(1),
  total_commits_count: z.number().int().optional(),
  commits: z.array(z.object({ id: z.string(), message: z.string().optional(), timestamp: z.string().optional() })).default([]),
  project: labProject,
});

const labMerge = z.object({
  object_kind: z.literal("merge_request"),
  user: z.object({ id: idString.optional(), username: z.string().min(1) }),
  object_attributes: z.object({
    id: idString,
    iid: z.number().int(),
    title: z.string(),
    state: z.string().optional(),
    action: z.string().optional(),
    url: z.string().optional(),
    updated_at: z.string().optional(),
  }),
  project: labProject,
});

function parseLab(event: string, payload: unknown, now: Date): ParseResult {
  switch (event) {
    case "Push Hook": {
      const push = parseWith(labPush, payload);
      const count = push.total_commits_count ?? push.commits.length;
      if (count === 0 || /^0+$/.test(push.after)) return { kind: "ignored", event };
      const head = push.commits.find((c) => c.id === push.after) ?? push.commits.at(-1) ?? null;
      return {
        kind: "event",
        event: "push",
        externalId: `push:${push.checkout_sha ?? push.after}`,
        author: { provider: "GITLAB", username: push.user_username, id: push.user_id ?? null },
        type: null,
        description: clip(`${push.project.path_with_namespace}@${branchOf(push.ref)}: ${firstLine(head?.message)}`),
        date: dateOf(head?.timestamp, now),
        quantity: count,
        unit: "commits",
        link: push.project.web_url ?? null,
      };
    }
    case "Merge Request Hook": {
      const mr = parseWith(labMerge, payload);
      const a = mr.object_attributes;
      if (a.action !== "merge" && !(a.action === undefined && a.state === "merged")) return { kind: "ignored", event };
      return {
        kind: "event",
        event: "merge",
        externalId: `merge:${a.id}`,
        author: { provider: "GITLAB", username: mr.user.username, id: mr.user.id ?? null },
        type: null,
        description: clip(`${mr.project.path_with_namespace}!${a.iid}: ${a.title}`),
        date: dateOf(a.updated_at, now),
        quantity: 1,
        unit: null,
        link: a.url ?? null,
      };
    }
    // A GitLab "Release Hook" names no user (only the tagged commit's author name): it cannot be
    // matched to anyone's identity, so it is ignored like any other event.
    default:
      return { kind: "ignored", event };
  }
}

// ---- The generic signed webhook ----

export const genericEventSchema = z.object({
  id: z.string().min(1).max(200).describe("The event's id at the sender: at most one contribution per id"),
  type: z.enum(contributionTypes).describe("The kind of contribution"),
  occurredAt: z.iso.datetime({ offset: true }).describe("When the work was done (ISO 8601)"),
  author: z.object({
    provider: z
      .enum(["GITHUB", "GITLAB", "GITEA", "OSM", "STAC", "GENERIC"])
      .describe("Which kind of account `username` is; the member links it on their profile"),
    username: z.string().min(1).max(200),
  }),
  description: z.string().min(1).max(MAX_DESCRIPTION),
  quantity: z.number().positive().max(1e9).optional(),
  unit: z.string().max(50).optional(),
  link: z.url().max(2000).optional(),
});

function parseGeneric(event: string, payload: unknown): ParseResult {
  if (event !== "contribution") return { kind: "ignored", event };
  const e = parseWith(genericEventSchema, payload);
  return {
    kind: "event",
    event,
    externalId: `event:${e.id}`,
    author: { provider: e.author.provider, username: e.author.username, id: null },
    type: e.type,
    description: clip(e.description),
    date: new Date(e.occurredAt),
    quantity: e.quantity ?? null,
    unit: e.unit ?? null,
    link: e.link ?? null,
  };
}

/** The event's name as the sender's header gives it; null when the header is missing. */
export function eventNameOf(kind: ContributionSourceKind, headers: Headers): string | null {
  switch (kind) {
    case "GITHUB":
      return headers.get("x-github-event");
    case "GITLAB":
      return headers.get("x-gitlab-event");
    case "GITEA":
      return headers.get("x-forgejo-event") ?? headers.get("x-gitea-event");
    case "GENERIC":
      return headers.get("x-geocommuns-event") ?? "contribution";
    default:
      return null;
  }
}

/** The delivery's own id (a redelivery of the same delivery carries the same one), if the sender gives one. */
export function deliveryIdOf(kind: ContributionSourceKind, headers: Headers): string | null {
  switch (kind) {
    case "GITHUB":
      return headers.get("x-github-delivery");
    case "GITLAB":
      return headers.get("x-gitlab-event-uuid") ?? headers.get("idempotency-key");
    case "GITEA":
      return headers.get("x-forgejo-delivery") ?? headers.get("x-gitea-delivery");
    case "GENERIC":
      return headers.get("x-geocommuns-delivery");
    default:
      return null;
  }
}

export function parseDelivery(kind: ContributionSourceKind, event: string, payload: unknown, now: Date): ParseResult {
  switch (kind) {
    case "GITHUB":
      return parseHub("GITHUB", event, payload, now);
    case "GITEA":
      return parseHub("GITEA", event, payload, now);
    case "GITLAB":
      return parseLab(event, payload, now);
    case "GENERIC":
      return parseGeneric(event, payload);
    default:
      return { kind: "ignored", event };
  }
}
