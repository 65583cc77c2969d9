/**
 * Commons and their contribution ledgers: find commons (words, map extent, kind, licence, status,
 * community), read one, propose one in a community, read and add to a ledger, review a contribution.
 * The rules live in lib/commons (search, read, commons, ledger, contributions); these routes only map
 * them to HTTP. Open-data exports, DCAT-AP and the OGC API live outside v1 (lib/opendata).
 */
import { z } from "zod";
import { named } from "../../openapi";
import { encodeCursor, pageSchema, paginationQuerySchema } from "@/lib/core/pagination";
import { defineRoute } from "../../route";
import { actorOf } from "../../authenticate";
import { ValidationError } from "@/lib/core/validation";
import { proposeCommons } from "@/lib/commons/commons";
import { recordContribution, validateContribution } from "@/lib/commons/contributions";
import { listContributions, type LedgerItem, type LedgerPerson } from "@/lib/commons/ledger";
import { contributionStates, recordContributionInputSchema, reviewContributionSchema } from "@/lib/commons/ledger-schemas";
import { getCommonsById } from "@/lib/commons/read";
import { commonsKinds, commonsStatuses, contributionTypes, licences, proposeCommonsSchema } from "@/lib/commons/schemas";
import { commonsSorts, searchCommons } from "@/lib/commons/search";
import type { BBox } from "@/lib/commons/geometry";
import { actorKinds } from "@/lib/users/schemas";
import { bboxArray, bboxQuerySchema } from "@/lib/commons/bbox";
import { absolute, commonsPageUrl, openDataPaths } from "@/lib/commons/links";
import { slugParamsSchema } from "./communities";
import { coverageJsonSchema, placeJsonSchema } from "@/lib/commons/geometry-json-schema";

const idParamsSchema = z.object({ id: z.string().min(1).max(60).describe("The commons' id") });
const contributionIdParamsSchema = z.object({ id: z.string().min(1).max(60).describe("The contribution's id") });

const kind = z.enum(commonsKinds);
const status = z.enum(commonsStatuses);
const actorKind = z.enum(actorKinds);
const bboxSchema = z
  .tuple([z.number(), z.number(), z.number(), z.number()])
  .nullable()
  .describe("[minLon, minLat, maxLon, maxLat] of the coverage (WGS 84); null without coverage");
const iso = (date: Date | null) => date?.toISOString() ?? null;
const box = (bbox: BBox | null) => (bbox ? bboxArray(bbox) : null);

const commonsListItemSchema = named(
  "CommonsListItem",
  z.object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    kind,
    licence: z.string().describe("SPDX identifier"),
    status,
    bbox: bboxSchema,
    community: z.object({ slug: z.string(), name: z.string() }),
    createdAt: z.string().describe("ISO 8601"),
    url: z.string().describe("The commons' page"),
  }),
);

const stewardSchema = named(
  "CommonsSteward",
  z.object({
    kind: z.enum(["person", "organization"]),
    name: z.string(),
    actorKind: actorKind.nullable(),
    organization: z.string().nullable().describe("A person's organisation"),
  }),
);

const commonsSchema = named(
  "Commons",
  commonsListItemSchema.extend({
    description: z.string().describe("Markdown"),
    repositoryUrl: z.string().nullable(),
    dataUrl: z.string().nullable(),
    documentationUrl: z.string().nullable(),
    // What lib/commons/geometry.ts validated when written: described by its JSON Schema.
    coverage: z.unknown().meta({
      oneOf: [...coverageJsonSchema.oneOf, { type: "null" }],
      description: "GeoJSON geometry (RFC 7946, WGS 84); null without coverage",
    }),
    stewards: z.array(stewardSchema),
    updatedAt: z.string().describe("ISO 8601"),
    hidden: z.boolean().describe("Hidden by moderation"),
    withheld: z.boolean().describe("Hidden and not shown to this caller: texts are empty, no coverage nor stewards"),
    exports: z
      .object({ contributionsCsv: z.string(), contributionsJson: z.string(), ogcFeature: z.string() })
      .describe("Open-data addresses of this commons"),
  }),
);

const personSchema = z.object({
  name: z.string().nullable().describe("null: the person asked not to be listed by name"),
  anonymous: z.boolean(),
});

const contributionSchema = named(
  "Contribution",
  z.object({
    id: z.string(),
    commonsId: z.string(),
    redacted: z.boolean().describe("Hidden by moderation: only id, state and dates are given"),
    type: z.enum(contributionTypes).nullable(),
    description: z.string().nullable(),
    date: z.string().describe("The day it was done, YYYY-MM-DD"),
    hours: z.number().nullable(),
    quantity: z.number().nullable(),
    unit: z.string().nullable(),
    link: z.string().nullable(),
    place: z
      .unknown()
      .meta({ oneOf: [...placeJsonSchema.oneOf, { type: "null" }], description: "GeoJSON geometry (RFC 7946, WGS 84) or null" }),
    state: z.enum(contributionStates),
    author: personSchema
      .extend({
        organization: z.string().nullable(),
        actorKind: actorKind.nullable(),
        college: actorKind.nullable().describe("College in the commons' community; null when no longer a member"),
      })
      .nullable(),
    validator: personSchema.nullable(),
    validationComment: z.string().nullable(),
    validatedAt: z.string().nullable(),
    createdAt: z.string(),
  }),
);

const stateSchema = named(
  "ContributionRef",
  z.object({ id: z.string(), state: z.enum(contributionStates) }).describe("The contribution and its state"),
);

/** Ids are cuids: a cursor that decodes to anything else (even a NUL character) is refused, not queried. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,60}$/;
function checkCursor(cursor: string | undefined): string | undefined {
  if (cursor !== undefined && !ID_PATTERN.test(cursor)) {
    throw new ValidationError([{ field: "cursor", messageKey: "api.errors.cursorInvalid" }]);
  }
  return cursor;
}

const enumQuery = <T extends readonly [string, ...string[]]>(values: T, message: string, description: string) =>
  z.enum(values, { message }).optional().describe(description);

export const listCommonsQuerySchema = paginationQuerySchema.extend({
  q: z
    .string()
    .max(200, { message: "opendata.errors.queryTooLong" })
    .optional()
    .describe('Words, French or English, accents ignored ("reseau" finds "réseau")'),
  bbox: bboxQuerySchema
    .optional()
    .describe(
      "minLon,minLat,maxLon,maxLat (WGS 84 degrees): commons whose coverage intersects it (exactly, not by bounding boxes); minLon > maxLon is a box crossing the antimeridian, as in OGC API – Features",
    ),
  kind: enumQuery(commonsKinds, "opendata.errors.kindUnknown", "Kind of commons"),
  licence: enumQuery(licences, "opendata.errors.licenceUnknown", "SPDX identifier of the licence"),
  status: enumQuery(commonsStatuses, "opendata.errors.statusUnknown", "Lifecycle status"),
  community: z.string().min(1).max(100).optional().describe("A community's slug"),
  actorKind: enumQuery(actorKinds, "opendata.errors.actorKindUnknown", "A kind of actor among the stewards"),
  sort: enumQuery(commonsSorts, "opendata.errors.sortUnknown", "recent (default), relevance (with q) or title"),
});

export const listCommonsRoute = defineRoute({
  operationId: "listCommons",
  method: "GET",
  path: "/api/v1/commons",
  summary: "Find commons",
  description:
    "Across the communities the caller may read (public ones when anonymous), newest first unless `sort` says otherwise. Drafts only to their proposer; commons hidden by moderation are left out. 400 with a field error for a bbox that is not four numbers in range with minLat ≤ maxLat (minLon > maxLon crosses the antimeridian), an unknown kind, licence or status, or an unknown community.",
  tags: ["commons"],
  scope: "read",
  query: listCommonsQuerySchema,
  response: { status: 200, description: "A page of commons", schema: named("CommonsPage", pageSchema(commonsListItemSchema)) },
  handle: async ({ db, principal, query, appUrl }) => {
    let communityId: string | undefined;
    if (query.community !== undefined) {
      const community = await db.community.findUnique({ where: { slug: query.community }, select: { id: true } });
      if (!community) throw new ValidationError([{ field: "community", messageKey: "opendata.errors.communityUnknown" }]);
      communityId = community.id;
    }
    const page = await searchCommons(db, {
      viewer: principal.user,
      q: query.q,
      bbox: query.bbox,
      kind: query.kind,
      licence: query.licence,
      status: query.status,
      actorKind: query.actorKind,
      sort: query.sort,
      communityId,
      cursor: checkCursor(query.cursor),
      limit: query.limit,
    });
    return {
      data: page.data.map((hit) => ({
        id: hit.id,
        slug: hit.slug,
        title: hit.title,
        summary: hit.summary,
        kind: hit.kind,
        licence: hit.licence,
        status: hit.status,
        bbox: box(hit.bbox),
        community: { slug: hit.community.slug, name: hit.community.name },
        createdAt: hit.createdAt.toISOString(),
        url: commonsPageUrl(appUrl, hit.community.slug, hit.slug),
      })),
      nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null,
    };
  },
});

export const getCommonsRoute = defineRoute({
  operationId: "getCommons",
  method: "GET",
  path: "/api/v1/commons/{id}",
  summary: "Get a commons",
  description:
    "404 when the caller may not read its community, or for a draft they do not look after. A commons hidden by moderation is withheld (empty texts) except for its proposer and the moderators.",
  tags: ["commons"],
  scope: "read",
  params: idParamsSchema,
  response: { status: 200, description: "The commons", schema: commonsSchema },
  errors: [404],
  handle: async ({ db, principal, params, appUrl }) => {
    const view = await getCommonsById(db, principal.user, params.id);
    return {
      id: view.id,
      slug: view.slug,
      title: view.title,
      summary: view.summary,
      description: view.description,
      kind: view.kind,
      licence: view.licence,
      status: view.status,
      bbox: box(view.bbox),
      community: { slug: view.community.slug, name: view.community.name },
      createdAt: view.createdAt.toISOString(),
      updatedAt: view.updatedAt.toISOString(),
      url: commonsPageUrl(appUrl, view.community.slug, view.slug),
      repositoryUrl: view.repositoryUrl,
      dataUrl: view.dataUrl,
      documentationUrl: view.documentationUrl,
      coverage: view.coverage,
      stewards: view.stewards.map((s) =>
        s.kind === "person"
          ? { kind: "person" as const, name: s.displayName, actorKind: s.actorKind, organization: s.organization }
          : { kind: "organization" as const, name: s.name, actorKind: s.actorKind, organization: null },
      ),
      hidden: view.hidden,
      withheld: view.withheld,
      exports: {
        contributionsCsv: absolute(appUrl, openDataPaths.ledgerCsv(view.id)),
        contributionsJson: absolute(appUrl, openDataPaths.ledgerJson(view.id)),
        ogcFeature: absolute(appUrl, openDataPaths.ogcItem(view.id)),
      },
    };
  },
});

export const proposeCommonsRoute = defineRoute({
  operationId: "proposeCommons",
  method: "POST",
  path: "/api/v1/communities/{slug}/commons",
  summary: "Propose a commons",
  description:
    "As a DRAFT (default) or PROPOSED for adoption, by an acting member. `coverage` is a GeoJSON Polygon or MultiPolygon in WGS 84 (closed rings, no self-intersection, at most 5 000 vertices and 200 kB); `licence` an SPDX identifier from the list. 400 with the field in error, nothing stored; 409 commons_slug_taken.",
  tags: ["commons"],
  scope: "write",
  params: slugParamsSchema,
  body: proposeCommonsSchema,
  response: {
    status: 201,
    description: "The new commons",
    schema: named("CreatedCommons", z.object({ id: z.string(), slug: z.string(), status })),
  },
  errors: [404, 409],
  handle: ({ db, principal, params, body }) =>
    proposeCommons.run(db, { actor: actorOf(principal), slug: params.slug, input: body }),
});

function personOf(person: LedgerPerson) {
  return { name: person.name, anonymous: person.anonymous };
}

function contributionOf(item: LedgerItem): z.input<typeof contributionSchema> {
  const common = {
    id: item.id,
    commonsId: item.commonsId,
    date: item.date.toISOString().slice(0, 10),
    state: item.state,
    createdAt: item.createdAt.toISOString(),
  };
  if (item.redacted) {
    return {
      ...common,
      redacted: true,
      type: null,
      description: null,
      hours: null,
      quantity: null,
      unit: null,
      link: null,
      place: null,
      author: null,
      validator: null,
      validationComment: null,
      validatedAt: null,
    };
  }
  return {
    ...common,
    redacted: false,
    type: item.type,
    description: item.description,
    hours: item.hours,
    quantity: item.quantity,
    unit: item.unit,
    link: item.link,
    place: item.place ?? null,
    author: {
      ...personOf(item.author),
      organization: item.author.organization?.name ?? null,
      actorKind: item.author.actorKind,
      college: item.author.college,
    },
    validator: item.validator ? personOf(item.validator) : null,
    validationComment: item.validationComment,
    validatedAt: iso(item.validatedAt),
  };
}

export const listContributionsRoute = defineRoute({
  operationId: "listContributions",
  method: "GET",
  path: "/api/v1/commons/{id}/contributions",
  summary: "List a commons' contributions",
  description:
    "Its ledger, most recent first; `state` filters. Only VALIDATED contributions count in statistics. People who asked not to be listed by name appear as anonymous. 404 when the caller may not see the commons.",
  tags: ["commons"],
  scope: "read",
  params: idParamsSchema,
  query: paginationQuerySchema.extend({
    state: z.enum(contributionStates, { message: "errors.invalid" }).optional().describe("PENDING, VALIDATED or REJECTED"),
  }),
  response: {
    status: 200,
    description: "A page of contributions",
    schema: named("ContributionPage", pageSchema(contributionSchema)),
  },
  errors: [404],
  handle: async ({ db, principal, params, query }) => {
    const page = await listContributions(db, principal.user, params.id, {
      cursor: checkCursor(query.cursor),
      limit: query.limit,
      state: query.state,
    });
    return { data: page.data.map(contributionOf), nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null };
  },
});

export const recordContributionRoute = defineRoute({
  operationId: "recordContribution",
  method: "POST",
  path: "/api/v1/commons/{id}/contributions",
  summary: "Record a contribution",
  description:
    "By an acting member of the commons' community; PENDING until another member or a steward reviews it. `date` is a day (YYYY-MM-DD) not after today (Europe/Paris); hours and quantities positive and bounded; a quantity needs its unit. 400 with the field in error, nothing stored; 409 when the commons is archived or rejected.",
  tags: ["commons"],
  scope: "write",
  params: idParamsSchema,
  body: recordContributionInputSchema,
  response: { status: 201, description: "The recorded contribution", schema: stateSchema },
  errors: [404, 409],
  handle: ({ db, principal, params, body }) =>
    recordContribution.run(db, { actor: actorOf(principal), commonsId: params.id, input: body }),
});

export const reviewContributionRoute = defineRoute({
  operationId: "reviewContribution",
  method: "POST",
  path: "/api/v1/contributions/{id}/review",
  summary: "Validate or reject a contribution",
  description:
    "By another acting member or a steward, never its author (403 own_contribution, nothing stored). 409 contribution_decided when it was already reviewed.",
  tags: ["commons"],
  scope: "write",
  params: contributionIdParamsSchema,
  body: reviewContributionSchema,
  response: { status: 200, description: "The reviewed contribution", schema: stateSchema },
  errors: [404, 409],
  handle: ({ db, principal, params, body }) =>
    validateContribution.run(db, { actor: actorOf(principal), contributionId: params.id, input: body }),
});
