/**
 * The OpenAPI 3.1 document, generated from the route registry with zod's own JSON Schema output
 * (draft 2020-12, the dialect of OpenAPI 3.1). Request bodies are described as input (defaults
 * optional), responses as output. Schemas named with `named()` become shared components.
 */
import { z } from "zod";
import { problemSchema, PROBLEM_CONTENT_TYPE } from "./problem";
import type { ApiRoute } from "./route";

type JsonObject = Record<string, unknown>;

const sharedSchemas = new Map<z.ZodType, string>();

/** Names a schema: it appears once under components.schemas and is referenced wherever it is used. */
export function named<S extends z.ZodType>(id: string, schema: S): S {
  sharedSchemas.set(schema, id);
  return schema;
}
named("Problem", problemSchema);

const problemResponses = {
  400: { name: "BadRequest", description: "Invalid input: malformed JSON, or field errors in `errors`" },
  401: { name: "Unauthorized", description: "No valid credentials: missing for a write, or a bad or revoked bearer token" },
  403: { name: "Forbidden", description: "Not allowed: policy refusal, insufficient token scope, or cross-site cookie request" },
  404: { name: "NotFound", description: "Does not exist, or not visible to the caller" },
  409: { name: "Conflict", description: "Conflicts with the current state (already a member, last administrator…)" },
  429: { name: "TooManyRequests", description: "Rate limited; see Retry-After" },
  500: {
    name: "InternalError",
    description: "Unexpected error; `requestId` and the x-request-id header identify it in the logs",
  },
  503: {
    name: "ServiceUnavailable",
    description: "The database is unreachable or restarting (`service_unavailable`); retry after Retry-After seconds",
  },
} as const;
type ProblemCode = keyof typeof problemResponses;

const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

/** Component schemas come out with `$schema` and a fragment `$id`; OpenAPI needs neither. */
function cleanComponent(schema: JsonObject): JsonObject {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

function toComponents(entries: [z.ZodType, string][], io: "input" | "output"): Record<string, JsonObject> {
  const registry = z.registry<{ id: string; description?: string }>();
  for (const [schema, id] of entries) {
    const description = z.globalRegistry.get(schema)?.description;
    registry.add(schema, description ? { id, description } : { id });
  }
  const { schemas } = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
    // Responses may gain fields in later minor versions: clients must tolerate them.
    override: io === "output" ? ({ jsonSchema }) => void delete jsonSchema.additionalProperties : undefined,
  });
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, cleanComponent(schema as JsonObject)]));
}

function parameterSchema(schema: z.ZodType): JsonObject {
  return cleanComponent(z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as JsonObject);
}

function parametersOf(schema: z.ZodType | undefined, location: "path" | "query"): JsonObject[] {
  if (!schema) return [];
  if (!(schema instanceof z.ZodObject)) throw new Error(`${location} parameters must be a z.object`);
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const description = z.globalRegistry.get(field)?.description;
    return {
      name,
      in: location,
      required: location === "path" || !field.safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema: parameterSchema(field),
    };
  });
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/**
 * The component schemas reachable from `roots` (following $refs through the schemas themselves):
 * a named schema only extended elsewhere, or a response an operation replaces with its own (plain
 * text), is left out rather than listed unused.
 */
function usedOnly(schemas: Record<string, JsonObject>, roots: unknown[]): Record<string, JsonObject> {
  const used = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        const match = key === "$ref" && typeof value === "string" ? /^#\/components\/schemas\/(.+)$/.exec(value) : null;
        if (match && !used.has(match[1]!)) {
          used.add(match[1]!);
          visit(schemas[match[1]!]);
        } else visit(value);
      }
    }
  };
  roots.forEach(visit);
  return Object.fromEntries(Object.entries(schemas).filter(([id]) => used.has(id)));
}

function errorStatuses(route: ApiRoute): ProblemCode[] {
  const statuses = new Set<ProblemCode>([401, 500, 503, ...(route.errors ?? [])]);
  if (route.params || route.query || route.body) statuses.add(400);
  if (route.scope === "write") statuses.add(403);
  return [...statuses].sort((a, b) => a - b);
}

export type OpenApiDocument = JsonObject & { openapi: "3.1.0"; paths: Record<string, Record<string, JsonObject>> };

export function buildOpenApiDocument(
  routes: readonly ApiRoute[],
  { serverUrl, sessionCookieName }: { serverUrl: string; sessionCookieName: string },
): OpenApiDocument {
  const outputs = new Map(sharedSchemas);
  const inputs = new Map<z.ZodType, string>();
  for (const route of routes) {
    if (route.response.schema && !outputs.has(route.response.schema)) {
      outputs.set(route.response.schema, `${pascal(route.operationId)}Response`);
    }
    if (route.body) inputs.set(route.body, `${pascal(route.operationId)}Request`);
  }

  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of routes) {
    const { schema } = route.response;
    const responses: JsonObject = {
      [route.response.status]: {
        description: route.response.description,
        ...(schema && route.response.status !== 204
          ? { content: { "application/json": { schema: ref(outputs.get(schema) as string) } } }
          : {}),
      },
    };
    for (const status of errorStatuses(route)) {
      responses[status] = { $ref: `#/components/responses/${problemResponses[status].name}` };
    }
    const parameters = [...parametersOf(route.params, "path"), ...parametersOf(route.query, "query")];
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [...route.tags],
      // Bearer scopes name the token scope the operation needs; `{}` means anonymous callers are served too.
      security:
        route.scope === "write"
          ? [{ bearerAuth: ["write"] }, { sessionCookie: [] }]
          : [{ bearerAuth: ["read"] }, { sessionCookie: [] }, {}],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: !route.body.safeParse({}).success,
              content: { "application/json": { schema: ref(inputs.get(route.body) as string) } },
            },
          }
        : {}),
      responses,
    };
    const extra = route.openapi;
    if (extra) {
      const operation = paths[route.path]![route.method.toLowerCase()]!;
      if (extra.security) operation.security = extra.security;
      if (extra.parameters)
        operation.parameters = [...((operation.parameters as JsonObject[] | undefined) ?? []), ...extra.parameters];
      if (extra.requestBody) operation.requestBody = extra.requestBody;
      if (extra.responses) operation.responses = { ...responses, ...extra.responses };
    }
  }

  const responsesComponents = Object.fromEntries(
    Object.values(problemResponses).map(({ name, description }) => [
      name,
      {
        description,
        headers: { "x-request-id": { description: "Request id, also in the logs", schema: { type: "string" } } },
        content: { [PROBLEM_CONTENT_TYPE]: { schema: ref("Problem") } },
      },
    ]),
  );
  const schemas = usedOnly({ ...toComponents([...outputs], "output"), ...toComponents([...inputs], "input") }, [
    paths,
    responsesComponents,
  ]);

  return {
    openapi: "3.1.0",
    info: {
      title: "Géocommuns API",
      version: "1.0.0",
      // The API's description and the open data it serves: Licence Ouverte / Open Licence 2.0 (Etalab).
      license: { name: "Licence Ouverte / Open Licence 2.0", identifier: "etalab-2.0" },
      description: [
        "JSON API of Géocommuns. Authenticate with a personal access token (`Authorization: Bearer gct_…`, created on your profile page) or, from the site itself, with the session cookie.",
        "Errors are RFC 9457 problems (`application/problem+json`) in French or English (Accept-Language). Lists are paginated by cursor: `?cursor=&limit=` and `{ data, nextCursor }`.",
      ].join("\n\n"),
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas,
      responses: responsesComponents,
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "gct_<base64url>",
          description: "Personal access token with scopes `read` and/or `write`",
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: sessionCookieName,
          description: "The site's session (read and write); writes must come from the site itself (Origin checked)",
        },
      },
    },
  };
}
