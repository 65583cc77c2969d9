"use client";
/**
 * A map of commons' coverages (MapLibre GL): fits their extent, draws fills and outlines, and shows a
 * coverage's title (a link when given) on click. The base map is the configured style; when there is
 * none, or it cannot be fetched (no network, slow server), the coverages are drawn on a plain
 * background and nothing else changes. Screen readers get a label and the list of the areas drawn;
 * the canvas is one tab stop (arrow keys pan) that Tab leaves like any control.
 *
 * MapLibre (about 1 MB of script) loads only once the map comes near the viewport; until then, and
 * wherever it never does, a static SVG drawing of the coverages (CoveragePreview, drawn on the server)
 * stands in its place (`eager`: a map the person asked for loads at once). With `onRequest`, MapLibre loads
 * only when the person presses "Explore the map" under the preview (a map near the top of a page would
 * otherwise load with it and hold the page's first interactions).
 *
 * With `onSearchArea`, a "Search this area" button appears once the person pans or zooms and gives the
 * visible extent as [minLon, minLat, maxLon, maxLat], clamped to valid ranges.
 */
import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { GeoJSONSource, Map as MapLibreMap } from "maplibre-gl";
import { useT } from "@/components/i18n/i18n-provider";
import {
  boundsOfCoverages,
  clampBbox,
  COVERAGE_FILL_LAYER as FILL,
  COVERAGE_SOURCE as SOURCE,
  fallbackStyle,
  FRANCE_BOUNDS,
  toCollection,
  withCoverages,
  type BBoxTuple,
  type CoverageFeature,
} from "./map-geometry";
import { loadBaseStyle, loadMapLibre, mapUiStrings } from "./maplibre-loader";
import { CoveragePreview } from "./coverage-preview";

export type { CoverageFeature };

type Props = {
  features: CoverageFeature[];
  label: string;
  styleUrl: string | null;
  height?: number;
  onSearchArea?: (bbox: [number, number, number, number]) => void;
  searchAreaLabel?: string;
  /** Load the map at once (a map the person asked for), not when it comes near the viewport. */
  eager?: boolean;
  /** Keep the static preview until the person asks for the interactive map (a button), whatever the scroll. */
  onRequest?: boolean;
};

const FIT = { padding: 32, maxZoom: 13 };

export function CoverageMap({
  features,
  label,
  styleUrl,
  height = 420,
  onSearchArea,
  searchAreaLabel,
  eager = false,
  onRequest = false,
}: Props) {
  const t = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  // Stable identity of the features: the parent may rebuild the array on every render.
  const signature = features.map((f) => f.id).join(",");
  // eslint-disable-next-line react-hooks/exhaustive-deps -- recomputed when the set of features changes
  const collection = useMemo(() => toCollection(features), [signature]);
  const collectionRef = useRef(collection);
  const [status, setStatus] = useState<"loading" | "ready" | "fallback" | "unavailable">("loading");
  const [moved, setMoved] = useState(false);
  // Whether the map has come near the viewport: MapLibre is fetched only then.
  const [shown, setShown] = useState(false);
  // Set when the person pressed "Explore the map": the map takes the focus once it is there.
  const focusOnLoad = useRef(false);
  const listId = useId();

  useEffect(() => {
    const container = containerRef.current;
    if (!container || onRequest) return;
    if (eager || typeof IntersectionObserver === "undefined") {
      queueMicrotask(() => setShown(true));
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setShown(true);
          observer.disconnect();
        }
      },
      { rootMargin: "200px" },
    );
    observer.observe(container);
    return () => observer.disconnect();
  }, [eager, onRequest]);

  useEffect(() => {
    collectionRef.current = collection;
  }, [collection]);

  useEffect(() => {
    if (!shown) return;
    let cancelled = false;
    let map: MapLibreMap | null = null;
    void (async () => {
      let maplibre: Awaited<ReturnType<typeof loadMapLibre>>;
      try {
        maplibre = await loadMapLibre();
      } catch {
        if (!cancelled) setStatus("unavailable");
        return;
      }
      const container = containerRef.current;
      if (cancelled || !container) return;
      const bounds = boundsOfCoverages(collectionRef.current.features.map((f) => f.geometry)) ?? FRANCE_BOUNDS;
      try {
        map = new maplibre.Map({
          container,
          style: withCoverages(fallbackStyle(), collectionRef.current),
          bounds: bounds as BBoxTuple,
          fitBoundsOptions: FIT,
          locale: { ...mapUiStrings(t), "Map.Title": label },
          attributionControl: { compact: true },
          dragRotate: false,
          pitchWithRotate: false,
          touchPitch: false,
          maxPitch: 0,
        });
      } catch {
        setStatus("unavailable");
        return;
      }
      const current = map;
      mapRef.current = current;
      // Tiles and sprites fail offline: the coverages are drawn all the same, so errors stay quiet.
      current.on("error", () => undefined);
      current.addControl(new maplibre.NavigationControl({ showCompass: false }), "top-right");

      let byPerson = false;
      current.on("movestart", (event) => {
        byPerson = Boolean((event as { originalEvent?: unknown }).originalEvent);
      });
      current.on("moveend", () => {
        if (byPerson) setMoved(true);
        byPerson = false;
      });

      current.on("mouseenter", FILL, () => {
        current.getCanvas().style.cursor = "pointer";
      });
      current.on("mouseleave", FILL, () => {
        current.getCanvas().style.cursor = "";
      });
      current.on("click", FILL, (event) => {
        const seen = new Set<string>();
        const list = document.createElement("ul");
        list.className = "gc-map-popup";
        for (const feature of event.features ?? []) {
          const { id, title, href } = feature.properties as { id: string; title: string; href: string };
          if (seen.has(id)) continue;
          seen.add(id);
          const item = document.createElement("li");
          if (href) {
            const link = document.createElement("a");
            link.href = href;
            link.textContent = title;
            item.append(link);
          } else {
            item.textContent = title;
          }
          list.append(item);
        }
        if (seen.size === 0) return;
        new maplibre.Popup({ maxWidth: "300px" }).setLngLat(event.lngLat).setDOMContent(list).addTo(current);
      });

      current.once("load", () => {
        if (cancelled) return;
        if (focusOnLoad.current) {
          focusOnLoad.current = false;
          current.getCanvas().focus();
        }
        void loadBaseStyle(styleUrl).then((base) => {
          if (cancelled) return;
          if (!base) {
            setStatus(styleUrl ? "fallback" : "ready");
            return;
          }
          current.setStyle(withCoverages(base, collectionRef.current), { diff: false });
          setStatus("ready");
        });
      });
    })();
    return () => {
      cancelled = true;
      map?.remove();
      mapRef.current = null;
    };
  }, [shown, styleUrl, t, label]);

  // New features (another search): redraw and fit them.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    map.getSource<GeoJSONSource>(SOURCE)?.setData(collection);
    const bounds = boundsOfCoverages(collection.features.map((f) => f.geometry));
    if (bounds) map.fitBounds(bounds, { ...FIT, animate: false });
    setMoved(false);
  }, [collection]);

  const searchArea = () => {
    const map = mapRef.current;
    if (!map || !onSearchArea) return;
    const b = map.getBounds();
    setMoved(false);
    onSearchArea(clampBbox([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]));
  };

  return (
    <div className="gc-map">
      <div
        ref={containerRef}
        data-testid="coverage-map"
        data-map-status={status}
        style={{ height, position: "relative", width: "100%" }}
      >
        {status === "loading" && (
          <div style={{ position: "absolute", inset: 0 }}>
            <CoveragePreview features={features} height={height} />
          </div>
        )}
      </div>
      {onRequest && !shown && (
        <p className="fr-mt-1w fr-mb-0">
          <button
            type="button"
            className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-map-pin-2-line fr-btn--icon-left"
            data-testid="coverage-map-explore"
            onClick={() => {
              focusOnLoad.current = true;
              setShown(true);
            }}
          >
            {t("catalogue.map.explore")}
          </button>
        </p>
      )}
      {onSearchArea && moved && (
        <p className="fr-mt-2w fr-mb-0">
          <button
            type="button"
            className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-search-line fr-btn--icon-left"
            onClick={searchArea}
          >
            {searchAreaLabel ?? t("catalogue.map.searchArea")}
          </button>
        </p>
      )}
      {status === "fallback" && <p className="fr-hint-text fr-mt-1w fr-mb-0">{t("catalogue.map.offline")}</p>}
      {status === "unavailable" && <p className="fr-hint-text fr-mt-1w fr-mb-0">{t("catalogue.map.unavailable")}</p>}
      <div id={listId} className="fr-sr-only">
        <p>
          {label} — {t("catalogue.map.featureCount", { count: features.length })}
        </p>
        <ul aria-label={t("catalogue.map.featuresListLabel")}>
          {features.map((feature) => (
            <li key={feature.id}>{feature.title}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
