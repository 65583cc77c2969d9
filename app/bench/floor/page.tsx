/**
 * Page floor for `npm run bench`: a dynamic page in the site's layout that reads nothing itself, to
 * compare real pages with the cost of rendering any page. 404 unless BENCH_ENDPOINTS=1.
 */
import { notFound } from "next/navigation";
import { config } from "@/lib/core/config";

export const dynamic = "force-dynamic";

export default function BenchFloorPage() {
  if (!config().BENCH_ENDPOINTS) notFound();
  return (
    <>
      <h1>Bench</h1>
      <p>{new Date().toISOString()}</p>
    </>
  );
}
