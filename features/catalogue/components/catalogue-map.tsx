"use client";
/**
 * The catalogue's map: the coverages of the results; "Search this area" reloads the catalogue with the
 * visible extent as `bbox`, keeping the other criteria (the cursor is dropped: a new search starts at
 * its first page).
 */
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { CoverageMap, type CoverageFeature } from "@/components/map/coverage-map";

export function CatalogueMap({
  features,
  styleUrl,
  label,
  areaHref,
}: {
  features: CoverageFeature[];
  styleUrl: string | null;
  label: string;
  /** The current catalogue URL without bbox nor cursor. */
  areaHref: string;
}) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  return (
    <CoverageMap
      features={features}
      label={label}
      styleUrl={styleUrl}
      height={460}
      eager
      onSearchArea={(bbox) => {
        const url = new URL(areaHref, window.location.origin);
        url.searchParams.set("bbox", bbox.join(","));
        url.searchParams.delete("cursor");
        startTransition(() => router.push(`${url.pathname}${url.search}`, { scroll: false }));
      }}
    />
  );
}
