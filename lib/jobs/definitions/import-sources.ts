/**
 * Imports of OpenStreetMap and STAC contribution sources (issue 16, lib/connectors/imports.ts):
 * `connectors.import-due` runs every 30 minutes and enqueues one `connectors.import` job per active
 * import source (singleton per source); each import fails alone, with the error kept on the source,
 * and is retried with backoff before its dead letter.
 */
import { importSource } from "@/lib/connectors/imports";
import { deadLetterOf, defineQueueJob } from "../types";

export const IMPORT_SOURCE = "connectors.import";
export const IMPORT_DUE = "connectors.import-due";

export type ImportSourceData = { sourceId: string };

export const importSourceJob = defineQueueJob<ImportSourceData>({
  name: IMPORT_SOURCE,
  options: {
    retryLimit: 5,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 600,
    deadLetter: deadLetterOf(IMPORT_SOURCE),
    policy: "singleton",
  },
  handle: async ({ sourceId }, { db }) => importSource(db, { sourceId }),
});

export const importDueJob = defineQueueJob({
  name: IMPORT_DUE,
  schedule: "*/30 * * * *",
  options: {
    retryLimit: 2,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 120,
    deadLetter: deadLetterOf(IMPORT_DUE),
    policy: "singleton",
  },
  handle: async (_data, { db, boss }) => {
    const sources = await db.contributionSource.findMany({
      where: { active: true, kind: { in: ["OSM", "STAC"] } },
      select: { id: true },
    });
    let enqueued = 0;
    for (const { id } of sources) {
      if (await boss.send(IMPORT_SOURCE, { sourceId: id } satisfies ImportSourceData, { singletonKey: id })) enqueued++;
    }
    return { sources: sources.length, enqueued };
  },
});
