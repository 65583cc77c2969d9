/**
 * Exports of the catalogue and of each contribution ledger, as CSV and JSON, streamed in batches
 * (lib/opendata/stream.ts). The requester gets what they may see: public communities when
 * anonymous; people who asked not to be listed by name appear as anonymous contributors.
 */
import { NotFoundError } from "@/lib/policy/can";
import { invalidField } from "@/lib/core/validation";
import { ledgerAccess, listLedgerPage, type LedgerEntry, type LedgerItem } from "@/lib/commons/ledger";
import { csvLine } from "./csv";
import type { OpenDataContext } from "@/lib/api/open-data-http";
import { cacheHeaders } from "@/lib/api/open-data-http";
import { commonsPageUrl, isIdLike } from "@/lib/commons/links";
import { commonsBatch, type OpenCommons } from "./queries";
import { streamBatches } from "./stream";

const catalogueColumns = [
  "id",
  "slug",
  "title",
  "summary",
  "kind",
  "licence",
  "status",
  "communitySlug",
  "communityName",
  "url",
  "repositoryUrl",
  "dataUrl",
  "documentationUrl",
  "minLon",
  "minLat",
  "maxLon",
  "maxLat",
  "createdAt",
  "updatedAt",
] as const;

function catalogueRecord(appUrl: string, c: OpenCommons) {
  return {
    id: c.id,
    slug: c.slug,
    title: c.title,
    summary: c.summary,
    kind: c.kind,
    licence: c.licence,
    status: c.status,
    communitySlug: c.community.slug,
    communityName: c.community.name,
    url: commonsPageUrl(appUrl, c.community.slug, c.slug),
    repositoryUrl: c.repositoryUrl,
    dataUrl: c.dataUrl,
    documentationUrl: c.documentationUrl,
    minLon: c.bbox?.minLon ?? null,
    minLat: c.bbox?.minLat ?? null,
    maxLon: c.bbox?.maxLon ?? null,
    maxLat: c.bbox?.maxLat ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  } satisfies Record<(typeof catalogueColumns)[number], string | number | null>;
}

const ledgerColumns = [
  "id",
  "commonsId",
  "date",
  "type",
  "description",
  "hours",
  "quantity",
  "unit",
  "link",
  "longitude",
  "latitude",
  "state",
  "author",
  "organization",
  "actorKind",
  "college",
  "validatedAt",
  "createdAt",
] as const;

function ledgerRecord(c: LedgerEntry) {
  return {
    id: c.id,
    commonsId: c.commonsId,
    date: c.date.toISOString().slice(0, 10),
    type: c.type,
    description: c.description,
    hours: c.hours,
    quantity: c.quantity,
    unit: c.unit,
    link: c.link,
    longitude: c.point?.[0] ?? null,
    latitude: c.point?.[1] ?? null,
    state: c.state,
    // Anonymous: the person asked not to be listed by name.
    author: c.author.name,
    organization: c.author.organization?.name ?? null,
    actorKind: c.author.actorKind,
    college: c.author.college,
    validatedAt: c.validatedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
  } satisfies Record<(typeof ledgerColumns)[number], string | number | null>;
}

export type ExportFormat = "csv" | "json";

/** U+FEFF, the byte order mark: written first (EF BB BF in UTF-8), it tells spreadsheets such as Excel the file is UTF-8. */
export const UTF8_BOM = "\uFEFF";

/**
 * `?bom=1` asks for the CSV with a UTF-8 byte order mark, for spreadsheet software that needs one to
 * read accents right; `bom=0` or no parameter gives plain UTF-8 (RFC 4180). Anything else is a 400.
 */
export function csvBom(url: URL): string {
  const values = url.searchParams.getAll("bom");
  if (values.length === 0) return "";
  if (values.length === 1 && (values[0] === "1" || values[0] === "0")) return values[0] === "1" ? UTF8_BOM : "";
  throw invalidField("bom", "opendata.errors.bom");
}

function streamResponse(
  body: ReadableStream<Uint8Array>,
  format: ExportFormat,
  filename: string,
  headers: Record<string, string>,
) {
  return new Response(body, {
    status: 200,
    headers: {
      ...headers,
      "content-type": format === "csv" ? "text/csv; charset=utf-8; header=present" : "application/json; charset=utf-8",
      "content-disposition": `${format === "csv" ? "attachment" : "inline"}; filename="${filename}.${format}"`,
      "x-content-type-options": "nosniff",
    },
  });
}

/** JSON export: an array of records, one per line, written as the batches arrive (null: left out). */
const jsonFormat = <Row>(encode: (row: Row) => object | null) => ({
  head: "[",
  encode: (row: Row, index: number) => {
    const record = encode(row);
    return record === null ? null : `${index === 0 ? "\n" : ",\n"}${JSON.stringify(record)}`;
  },
  tail: "\n]\n",
});

export async function exportCatalogue({ db, appUrl, viewer, url }: OpenDataContext, format: ExportFormat): Promise<Response> {
  const bom = format === "csv" ? csvBom(url) : "";
  // JSON carries the coverages (up to 200 kB each): smaller batches; CSV does not read them.
  const source = {
    fetch: (after: string | null, size: number) => commonsBatch(db, { viewer, after, size, withCoverage: format === "json" }),
    keyOf: (row: OpenCommons) => row.id,
    size: format === "json" ? 50 : 200,
  };
  const body =
    format === "csv"
      ? streamBatches(source, {
          head: bom + csvLine(catalogueColumns),
          encode: (row) => {
            const record = catalogueRecord(appUrl, row);
            return csvLine(catalogueColumns.map((column) => record[column]));
          },
        })
      : streamBatches(
          source,
          jsonFormat((row: OpenCommons) => ({ ...catalogueRecord(appUrl, row), coverage: row.coverage })),
        );
  return streamResponse(body, format, "geocommuns-commons", cacheHeaders(viewer));
}

/**
 * The ledger as lib/commons/ledger.ts shows it to the caller (its visibility and anonymity rules),
 * page after page through its cursor; entries hidden by moderation are left out, even for the
 * moderators and authors who may see them on the page.
 */
export async function exportLedger({ db, viewer, params, url }: OpenDataContext, format: ExportFormat): Promise<Response> {
  const bom = format === "csv" ? csvBom(url) : "";
  const commonsId = params.id ?? "";
  if (!isIdLike(commonsId)) throw new NotFoundError();
  const { commons, isModerator } = await ledgerAccess(db, viewer, { commonsId });
  const source = {
    fetch: async (after: string | null, size: number) =>
      (await listLedgerPage(db, { commons, actor: viewer, isModerator }, { cursor: after ?? undefined, limit: size })).data,
    keyOf: (row: LedgerItem) => row.id,
    size: 100,
  };
  const body =
    format === "csv"
      ? streamBatches(source, {
          head: bom + csvLine(ledgerColumns),
          encode: (row) => {
            if (row.redacted || row.hidden) return null;
            const record = ledgerRecord(row);
            return csvLine(ledgerColumns.map((column) => record[column]));
          },
        })
      : streamBatches(
          source,
          jsonFormat((row: LedgerItem) => (row.redacted || row.hidden ? null : { ...ledgerRecord(row), place: row.place })),
        );
  return streamResponse(body, format, `geocommuns-${commons.slug}-contributions`, cacheHeaders(viewer));
}
