/**
 * Memory settings of the production web server (issue 15), given to `next start` by `npm start`
 * (scripts/start.ts) and by `npm run bench` (bench/lib/server.ts), so the bench measures what runs;
 * the Dockerfile's `app` stage sets the same variables.
 *
 * Measured under the bench's loads: the server's live heap is about 100 MiB (mostly compiled code and
 * module sources), but with V8's default limit on a large machine (¼ of RAM, capped at ~4 GiB) the old
 * generation grows to 4× the live size before a full collection, so RSS reached 460–820 MiB of
 * mostly garbage. A 512 MiB limit makes V8 grow the heap by ~1.4× the live size instead; the live
 * updates' 1 000 streams need ~160 MiB live (a 160 MiB limit ran out of memory there, 384 MiB saved
 * nothing measurable over 512). Native memory: glibc's default of 8 malloc arenas per core, and its
 * mmap threshold that rises after each large free, kept 35–60 MiB of freed memory after concurrent
 * requests; two arenas and a fixed 128 KiB threshold (large blocks are unmapped when freed) return it.
 */
export const SERVER_HEAP_MIB = 512;
export const SERVER_MALLOC_ARENA_MAX = "2";
export const SERVER_MALLOC_MMAP_THRESHOLD = "131072";

export type ServerMemoryEnv = { NODE_OPTIONS: string; MALLOC_ARENA_MAX: string; MALLOC_MMAP_THRESHOLD_: string };

/**
 * NODE_OPTIONS and glibc's malloc settings for the web server: an operator's own values win (a
 * `--max-old-space-size` already in NODE_OPTIONS, MALLOC_ARENA_MAX or MALLOC_MMAP_THRESHOLD_ already set).
 */
export function serverMemoryEnv(env: Record<string, string | undefined>): ServerMemoryEnv {
  const options = (env.NODE_OPTIONS ?? "").trim();
  return {
    NODE_OPTIONS: /--max[-_]old[-_]space[-_]size/.test(options)
      ? options
      : [options, `--max-old-space-size=${SERVER_HEAP_MIB}`].filter(Boolean).join(" "),
    MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX || SERVER_MALLOC_ARENA_MAX,
    MALLOC_MMAP_THRESHOLD_: env.MALLOC_MMAP_THRESHOLD_ || SERVER_MALLOC_MMAP_THRESHOLD,
  };
}
