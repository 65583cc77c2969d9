/**
 * MapLibre's stylesheet (about 70 KB), imported only by loadMapLibre's dynamic import: pages whose map
 * stays a static preview do not download it, and it does not block their first paint.
 */
import "maplibre-gl/dist/maplibre-gl.css";

export const MAPLIBRE_CSS_LOADED = true;
