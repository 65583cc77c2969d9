/**
 * A static drawing of coverages (SVG, no script): what the page shows before the map loads, and all
 * that is shown where the map never loads (scrolled past, no JavaScript). Decorative for assistive
 * technologies: the map's accessible list names the same areas. No hooks, so the server draws it.
 */
import { coveragePreview, type CoverageFeature } from "./map-geometry";

export function CoveragePreview({ features, height }: { features: readonly CoverageFeature[]; height: number }) {
  const preview = coveragePreview(features);
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      data-testid="coverage-preview"
      viewBox={preview?.viewBox ?? "0 0 100 100"}
      preserveAspectRatio="xMidYMid meet"
      style={{ width: "100%", height, display: "block", background: "var(--background-alt-grey, #f6f6f6)" }}
    >
      {preview?.paths.map((path) => (
        <path
          key={path.id}
          d={path.d}
          fillRule="evenodd"
          style={{ fill: "var(--background-action-low-blue-france, #cacafb)", fillOpacity: 0.6 }}
          stroke="var(--border-action-high-blue-france, #000091)"
          strokeWidth={2}
          vectorEffect="non-scaling-stroke"
        />
      ))}
    </svg>
  );
}
