/**
 * The territory outlines shipped for the coverage picker (scripts/territories.ts): every region and
 * department, overseas included, valid and wound as RFC 7946 says, small enough to ship; and the
 * picker's search by name (accents and hyphens aside) or code.
 */
import { describe, expect, it } from "vitest";
import { hasRfc7946Winding, validateCoverage, type Coverage } from "@/lib/commons/geometry";
import { departments, findTerritory, regions, territories } from "@/lib/commons/regions";
import { foldForSearch, loadTerritoryCoverage, searchTerritories } from "@/lib/commons/regions/catalogue";

const vertices = (c: Coverage) =>
  (c.type === "Polygon" ? [c.coordinates] : c.coordinates).flat().reduce((n, ring) => n + ring.length - 1, 0);

describe("territory outlines", () => {
  it("cover all 18 regions and 101 departments, overseas included, each code once", () => {
    expect(regions).toHaveLength(18);
    expect(departments).toHaveLength(101);
    expect(new Set(territories.map((t) => t.code)).size).toBe(119);
    for (const code of ["R01", "R02", "R03", "R04", "R06", "R11", "R53", "R94"])
      expect(findTerritory(code)?.level).toBe("region");
    for (const code of ["D01", "D2A", "D2B", "D29", "D75", "D971", "D972", "D973", "D974", "D976"])
      expect(findTerritory(code)?.level).toBe("department");
    expect(findTerritory("D976")?.name).toBe("Mayotte");
    expect(findTerritory("R53")?.name).toBe("Bretagne");
  });

  it("are each a valid coverage with outer rings counter-clockwise and holes clockwise, as stored", () => {
    for (const territory of territories) {
      const result = validateCoverage(territory.coverage);
      expect(result.ok, territory.code).toBe(true);
      expect(hasRfc7946Winding(territory.coverage), territory.code).toBe(true);
      // Already what validation returns: nothing left to rewrite when a territory is picked.
      expect(result.ok && result.geometry, territory.code).toEqual(territory.coverage);
      expect(vertices(territory.coverage), territory.code).toBeGreaterThanOrEqual(8);
      expect(vertices(territory.coverage), territory.code).toBeLessThanOrEqual(400);
    }
  });

  it("lie where their territory is", () => {
    const box = (code: string) => {
      const result = validateCoverage(findTerritory(code)!.coverage);
      return result.ok ? result.bbox : null;
    };
    expect(box("D75")).toMatchObject({ minLon: expect.closeTo(2.22, 1), maxLat: expect.closeTo(48.9, 1) });
    const reunion = box("D974")!;
    expect(reunion.minLon > 55 && reunion.maxLon < 56 && reunion.minLat > -21.5 && reunion.maxLat < -20.8).toBe(true);
    const guyane = box("R03")!;
    expect(guyane.minLon > -55 && guyane.maxLon < -51 && guyane.minLat > 2 && guyane.maxLat < 6).toBe(true);
    // Enclaves are holes: the Enclave des Papes (Vaucluse) in the Drôme.
    const drome = findTerritory("D26")!.coverage;
    expect(drome.type === "Polygon" && drome.coordinates.length).toBeGreaterThanOrEqual(2);
  });

  it("load on demand, the same outline as on the server", async () => {
    expect(await loadTerritoryCoverage("D29")).toEqual(findTerritory("D29")!.coverage);
    expect(await loadTerritoryCoverage("D00")).toBeNull();
    expect(await loadTerritoryCoverage("constructor")).toBeNull();
  });
});

describe("territory search", () => {
  const codes = (query: string) => searchTerritories(query).map((t) => t.code);

  it("finds a territory by its code first", () => {
    expect(codes("29")[0]).toBe("D29");
    expect(codes("2a")[0]).toBe("D2A");
    expect(codes("971")[0]).toBe("D971");
    expect(codes("R53")).toEqual(["R53"]);
    expect(codes("53")).toEqual(["D53", "R53"]);
    expect(codes("75")).toEqual(["D75", "R75"]);
  });

  it("finds by name without accents, case, hyphens or apostrophes, regions first", () => {
    expect(codes("finistere")).toEqual(["D29"]);
    expect(codes("Réunion")).toEqual(["R04", "D974"]);
    expect(codes("cote d or")).toContain("D21");
    expect(codes("Côte-d'Or")[0]).toBe("D21");
    expect(codes("ile-de-fr")).toEqual(["R11"]);
    expect(codes("loire")).toEqual(expect.arrayContaining(["R24", "R52", "D42", "D44", "D45"]));
    // Names starting with the query before names merely containing it.
    expect(codes("savoie")[0]).toBe("D73");
    expect(codes("savoie")).toContain("D74");
  });

  it("gives nothing for an empty or unmatched query, and caps the list", () => {
    expect(codes("  ")).toEqual([]);
    expect(codes("zzz")).toEqual([]);
    expect(searchTerritories("e", 5)).toHaveLength(5);
    expect(foldForSearch("Provence-Alpes-Côte d’Azur")).toBe("provence alpes cote d azur");
  });
});
