"use client";
/**
 * Draw a coverage on a map: each click places a vertex, "Finish the polygon" closes the ring (3 vertices
 * or more, sides that do not cross), "Undo the last point" and "Clear" correct it. Keyboard users pan
 * with the arrow keys (the canvas is one tab stop) and place a vertex at the centre of the map with a
 * button. The drawn value is a GeoJSON Polygon (WGS 84); a value set from outside (upload, region) is
 * shown and fitted. Without a base map (no network) the drawing happens on a plain background.
 */
import { useEffect, useId, useRef, useState } from "react";
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap, StyleSpecification } from "maplibre-gl";
import { ringSelfIntersects, type Coverage, type Position } from "@/lib/commons/geometry";
import { useT } from "@/components/i18n/i18n-provider";
import { boundsOfCoverages, closeRing, fallbackStyle, FRANCE_BOUNDS } from "./map-geometry";
import { loadBaseStyle, loadMapLibre, mapUiStrings } from "./maplibre-loader";

type Props = {
  value: Coverage | null;
  onChange: (value: Coverage | null) => void;
  styleUrl: string | null;
  label: string;
  describedBy?: string;
};

const VALUE = "gc-draw-value";
const DRAFT = "gc-draw-draft";
const FIT = { padding: 32, maxZoom: 14 };

type Data = { type: "FeatureCollection"; features: { type: "Feature"; properties: object; geometry: object }[] };

function valueData(value: Coverage | null): Data {
  return { type: "FeatureCollection", features: value ? [{ type: "Feature", properties: {}, geometry: value }] : [] };
}

function draftData(vertices: Position[]): Data {
  const features: Data["features"] = vertices.map((position) => ({
    type: "Feature",
    properties: {},
    geometry: { type: "Point", coordinates: position },
  }));
  if (vertices.length >= 2)
    features.push({ type: "Feature", properties: {}, geometry: { type: "LineString", coordinates: vertices } });
  return { type: "FeatureCollection", features };
}

const layers: LayerSpecification[] = [
  { id: "gc-draw-value-fill", type: "fill", source: VALUE, paint: { "fill-color": "#000091", "fill-opacity": 0.2 } },
  { id: "gc-draw-value-line", type: "line", source: VALUE, paint: { "line-color": "#000091", "line-width": 2 } },
  {
    id: "gc-draw-draft-line",
    type: "line",
    source: DRAFT,
    filter: ["==", ["geometry-type"], "LineString"],
    paint: { "line-color": "#c9191e", "line-width": 2, "line-dasharray": [2, 1] },
  },
  {
    id: "gc-draw-draft-points",
    type: "circle",
    source: DRAFT,
    filter: ["==", ["geometry-type"], "Point"],
    paint: { "circle-radius": 5, "circle-color": "#c9191e", "circle-stroke-color": "#ffffff", "circle-stroke-width": 2 },
  },
];

function withDrawing(base: StyleSpecification, value: Coverage | null, vertices: Position[]): StyleSpecification {
  return {
    ...base,
    sources: {
      ...base.sources,
      [VALUE]: { type: "geojson", data: valueData(value) as never },
      [DRAFT]: { type: "geojson", data: draftData(vertices) as never },
    },
    layers: [...base.layers.filter((layer) => !layer.id.startsWith("gc-")), ...layers],
  };
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

export function PolygonDraw({ value, onChange, styleUrl, label, describedBy }: Props) {
  const t = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [vertices, setVertices] = useState<Position[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [status, setStatus] = useState<"loading" | "ready" | "fallback" | "unavailable">("loading");
  const stateRef = useRef({ value, vertices });
  useEffect(() => {
    stateRef.current = { value, vertices };
  }, [value, vertices]);
  const instructionsId = useId();
  const statusId = useId();

  // Uses state setters only, so the map's click handler may keep the first instance.
  const addVertex = (lon: number, lat: number) => {
    setMessage(null);
    setVertices((current) => [...current, [round6(lon), round6(lat)]]);
  };

  useEffect(() => {
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
      const initial = stateRef.current;
      const bounds = (initial.value && boundsOfCoverages([initial.value])) ?? FRANCE_BOUNDS;
      try {
        map = new maplibre.Map({
          container,
          style: withDrawing(fallbackStyle(), initial.value, initial.vertices),
          bounds,
          fitBoundsOptions: FIT,
          locale: { ...mapUiStrings(t), "Map.Title": label },
          attributionControl: { compact: true },
          dragRotate: false,
          pitchWithRotate: false,
          touchPitch: false,
          maxPitch: 0,
          doubleClickZoom: false,
        });
      } catch {
        setStatus("unavailable");
        return;
      }
      const current = map;
      mapRef.current = current;
      current.on("error", () => undefined);
      current.addControl(new maplibre.NavigationControl({ showCompass: false }), "top-right");
      current.getCanvas().style.cursor = "crosshair";
      current.on("click", (event) => {
        const { lng, lat } = event.lngLat.wrap();
        addVertex(lng, Math.max(-90, Math.min(90, lat)));
      });
      current.once("load", () => {
        if (cancelled) return;
        void loadBaseStyle(styleUrl).then((base) => {
          if (cancelled) return;
          if (!base) {
            setStatus(styleUrl ? "fallback" : "ready");
            return;
          }
          const latest = stateRef.current;
          current.setStyle(withDrawing(base, latest.value, latest.vertices), { diff: false });
          setStatus("ready");
        });
      });
    })();
    return () => {
      cancelled = true;
      map?.remove();
      mapRef.current = null;
    };
  }, [styleUrl, t, label]);

  // Show the value; fit it when it comes from outside (upload, region) or is finished here.
  const valueKey = value ? JSON.stringify(value) : "";
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    map.getSource<GeoJSONSource>(VALUE)?.setData(valueData(value) as never);
    const bounds = value && boundsOfCoverages([value]);
    if (bounds) map.fitBounds(bounds, { ...FIT, animate: false });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by content, not identity
  }, [valueKey]);

  useEffect(() => {
    mapRef.current?.getSource<GeoJSONSource>(DRAFT)?.setData(draftData(vertices) as never);
  }, [vertices]);

  const finish = () => {
    const ring = closeRing(vertices);
    if (!ring) {
      setMessage(t("catalogue.map.draw.needThree"));
      return;
    }
    if (ringSelfIntersects(ring)) {
      setMessage(t("catalogue.map.draw.selfIntersection"));
      return;
    }
    setVertices([]);
    setMessage(t("catalogue.map.draw.done", { count: vertices.length }));
    onChange({ type: "Polygon", coordinates: [ring] });
  };

  const undo = () => {
    setMessage(null);
    setVertices((current) => current.slice(0, -1));
  };

  const clear = () => {
    setVertices([]);
    setMessage(null);
    onChange(null);
  };

  const addCentre = () => {
    const map = mapRef.current;
    if (!map) return;
    const centre = map.getCenter().wrap();
    addVertex(centre.lng, centre.lat);
  };

  const describe = [instructionsId, describedBy].filter(Boolean).join(" ");
  return (
    <div className="gc-polygon-draw" role="group" aria-label={label} aria-describedby={describe}>
      <p id={instructionsId} className="fr-hint-text fr-mb-1w">
        {t("catalogue.map.draw.instructions")}
      </p>
      <div
        ref={containerRef}
        data-testid="polygon-draw-canvas"
        data-map-status={status}
        style={{ height: 360, position: "relative", width: "100%" }}
      />
      {status === "fallback" && <p className="fr-hint-text fr-mt-1w fr-mb-0">{t("catalogue.map.offline")}</p>}
      {status === "unavailable" && <p className="fr-hint-text fr-mt-1w fr-mb-0">{t("catalogue.map.unavailable")}</p>}
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-mt-2w">
        <li>
          <button type="button" className="fr-btn fr-btn--tertiary" onClick={addCentre} disabled={status === "unavailable"}>
            {t("catalogue.map.draw.addCentre")}
          </button>
        </li>
        <li>
          <button type="button" className="fr-btn" onClick={finish} disabled={vertices.length < 3}>
            {t("catalogue.map.draw.finish")}
          </button>
        </li>
        <li>
          <button type="button" className="fr-btn fr-btn--secondary" onClick={undo} disabled={vertices.length === 0}>
            {t("catalogue.map.draw.undo")}
          </button>
        </li>
        <li>
          <button type="button" className="fr-btn fr-btn--tertiary" onClick={clear} disabled={vertices.length === 0 && !value}>
            {t("catalogue.map.draw.clear")}
          </button>
        </li>
      </ul>
      <p id={statusId} className="fr-hint-text fr-mb-0" role="status" aria-live="polite">
        {message ??
          (vertices.length > 0
            ? t("catalogue.map.draw.vertices", { count: vertices.length })
            : value
              ? ""
              : t("catalogue.map.draw.empty"))}
      </p>
    </div>
  );
}
