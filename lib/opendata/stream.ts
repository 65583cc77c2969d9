/**
 * Streamed exports: rows are read in keyset-paginated batches (`key > last key`, ordered by the key)
 * as the client consumes the body, so memory holds one batch whatever the size of the export, and a
 * client that stops reading stops the queries.
 */
import { logger } from "@/lib/core/log";

export type BatchSource<Row> = {
  /** Up to `size` rows whose key is greater than `after` (null: from the start), ordered by key. */
  fetch: (after: string | null, size: number) => Promise<Row[]>;
  keyOf: (row: Row) => string;
  size?: number;
};

export type StreamFormat<Row> = {
  head?: string;
  /** One row's text, or null to leave it out; `index` counts written rows from 0 across batches (for separators). */
  encode: (row: Row, index: number) => string | null;
  tail?: string;
};

export const EXPORT_BATCH_SIZE = 200;

export function streamBatches<Row>(source: BatchSource<Row>, format: StreamFormat<Row>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const size = source.size ?? EXPORT_BATCH_SIZE;
  let after: string | null = null;
  let index = 0;
  let started = false;
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        let text = "";
        if (!started) {
          started = true;
          text += format.head ?? "";
        }
        const rows = await source.fetch(after, size);
        if (cancelled) return;
        for (const row of rows) {
          const encoded = format.encode(row, index);
          if (encoded === null) continue;
          text += encoded;
          index++;
        }
        const last = rows[rows.length - 1];
        if (last) after = source.keyOf(last);
        const done = rows.length < size;
        if (done) text += format.tail ?? "";
        if (text !== "") controller.enqueue(encoder.encode(text));
        if (done) controller.close();
      } catch (error) {
        logger.error({ err: error }, "export stream failed");
        controller.error(error);
      }
    },
    cancel() {
      cancelled = true;
    },
  });
}
