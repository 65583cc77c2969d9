/**
 * French territories with their outlines, for the server and the demo seed: all 18 regions and 101
 * departments (overseas included), simplified from IGN ADMIN EXPRESS COG by scripts/territories.ts
 * (Douglas–Peucker, about 1 km for departments and 2 km for regions; RFC 7946 winding; every outline
 * passes validateCoverage: tests/unit/geometry-territories.test.ts). Outlines for picking an area,
 * not for measuring one: a commons needing the exact outline uploads its own GeoJSON. Credit
 * TERRITORY_CREDIT (Licence Ouverte) wherever they are shown.
 */
import type { Coverage } from "../geometry";
import { territoryList, type TerritoryEntry } from "./catalogue";
import outlinesJson from "./territory-outlines.json" with { type: "json" };

export { TERRITORY_CREDIT, searchTerritories, territoryList, type TerritoryEntry } from "./catalogue";

export type Territory = TerritoryEntry & { coverage: Coverage };

const outlines = outlinesJson as unknown as Record<string, Coverage>;

export const territories: Territory[] = territoryList.map((entry) => ({ ...entry, coverage: outlines[entry.code]! }));
export const regions: Territory[] = territories.filter((t) => t.level === "region");
export const departments: Territory[] = territories.filter((t) => t.level === "department");

export function findTerritory(code: string): Territory | undefined {
  return territories.find((territory) => territory.code === code);
}
