/**
 * Client-only glue around MapLibre GL v6: loads the library and its stylesheet on demand (it needs `window`), points it
 * at its worker (served from node_modules by app/catalogue/map-worker: a bundler cannot resolve the
 * worker v6 finds through import.meta.url), and fetches the configured base style with a timeout so
 * that a map without network falls back to the plain style at once instead of staying blank.
 */
import type { StyleSpecification } from "maplibre-gl";
import type { Translate } from "@/lib/i18n/core";

export const WORKER_URL = "/catalogue/map-worker/maplibre-gl-worker.mjs";
const STYLE_TIMEOUT_MS = 5000;

type MapLibre = typeof import("maplibre-gl");
let library: Promise<MapLibre> | null = null;

export function loadMapLibre(): Promise<MapLibre> {
  // The stylesheet comes with the library (not with the page): a map left as its static preview costs neither.
  library ??= Promise.all([import("maplibre-gl"), import("./maplibre-css")]).then(([maplibre]) => {
    maplibre.setWorkerUrl(new URL(WORKER_URL, window.location.href).href);
    return maplibre;
  });
  return library;
}

const styles = new Map<string, Promise<StyleSpecification | null>>();

/** The base style at this URL, or null when it is unset, unreachable, slow or not a MapLibre style. */
export function loadBaseStyle(styleUrl: string | null): Promise<StyleSpecification | null> {
  if (!styleUrl) return Promise.resolve(null);
  let pending = styles.get(styleUrl);
  if (!pending) {
    pending = fetch(styleUrl, { signal: AbortSignal.timeout(STYLE_TIMEOUT_MS), credentials: "omit" })
      .then(async (response) => {
        if (!response.ok) return null;
        const style = (await response.json()) as Partial<StyleSpecification> | null;
        return style && style.version === 8 && Array.isArray(style.layers) && style.sources
          ? (style as StyleSpecification)
          : null;
      })
      .catch(() => null);
    styles.set(styleUrl, pending);
  }
  return pending;
}

/** MapLibre's own control labels, in the person's language. */
export function mapUiStrings(t: Translate): Record<string, string> {
  return {
    "Map.Title": t("catalogue.map.canvasLabel"),
    "NavigationControl.ZoomIn": t("catalogue.map.zoomIn"),
    "NavigationControl.ZoomOut": t("catalogue.map.zoomOut"),
    "NavigationControl.ResetBearing": t("catalogue.map.resetBearing"),
    "AttributionControl.ToggleAttribution": t("catalogue.map.toggleAttribution"),
    "Popup.Close": t("catalogue.map.closePopup"),
  };
}
