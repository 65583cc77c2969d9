/** Pure parts of the open data: the bbox parameter, CSV cells (RFC 4180 and formula guard), WKT boxes. */
import { describe, expect, it } from "vitest";
import { parseBbox } from "@/lib/commons/bbox";
import { csvCell, csvLine } from "@/lib/opendata/csv";
import { wktPolygon } from "@/lib/opendata/dcat";
import { licenceUri } from "@/lib/commons/links";
import { licences } from "@/lib/commons/schemas";
import { translateDynamic } from "@/lib/i18n/core";

describe("parseBbox", () => {
  it("accepts four finite numbers in range with min ≤ max", () => {
    expect(parseBbox("-5.2,42.3,8.3,51.1")).toEqual({
      ok: true,
      bbox: { minLon: -5.2, minLat: 42.3, maxLon: 8.3, maxLat: 51.1 },
    });
    expect(parseBbox(" 2 , 48 , 2 , 48 ")).toEqual({ ok: true, bbox: { minLon: 2, minLat: 48, maxLon: 2, maxLat: 48 } });
    expect(parseBbox("-180,-90,180,90").ok).toBe(true);
    expect(parseBbox("1e0,.5,2.,3").ok).toBe(true);
  });

  it("refuses anything that is not four decimal numbers", () => {
    for (const raw of [
      "",
      "1,2,3",
      "1,2,3,4,5",
      "a,b,c,d",
      "1,2,3,",
      "0x1,2,3,4",
      "Infinity,0,1,1",
      "NaN,0,1,1",
      "1;2;3;4",
      "1,,2,3",
    ]) {
      expect(parseBbox(raw), raw).toEqual({ ok: false, error: "opendata.errors.bboxFormat" });
    }
    // The 3D form is the OGC API's only.
    expect(parseBbox("1,2,0,3,4,100")).toEqual({ ok: false, error: "opendata.errors.bboxFormat" });
    expect(parseBbox("1,2,0,3,4,100", { allowHeights: true })).toEqual({
      ok: true,
      bbox: { minLon: 1, minLat: 2, maxLon: 3, maxLat: 4 },
    });
  });

  it("refuses coordinates out of range and a minimum above its maximum", () => {
    expect(parseBbox("-181,0,1,1")).toEqual({ ok: false, error: "opendata.errors.bboxRange" });
    expect(parseBbox("0,-91,1,1")).toEqual({ ok: false, error: "opendata.errors.bboxRange" });
    expect(parseBbox("0,0,1,90.5")).toEqual({ ok: false, error: "opendata.errors.bboxRange" });
    expect(parseBbox("3,0,1,1")).toEqual({ ok: false, error: "opendata.errors.bboxOrder" });
    expect(parseBbox("0,5,1,1")).toEqual({ ok: false, error: "opendata.errors.bboxOrder" });
  });

  it("has a message in both languages for every error", () => {
    for (const key of ["opendata.errors.bboxFormat", "opendata.errors.bboxRange", "opendata.errors.bboxOrder"]) {
      expect(translateDynamic("fr", key)).toContain("bbox");
      expect(translateDynamic("en", key)).toContain("bbox");
    }
  });
});

describe("CSV", () => {
  it("quotes per RFC 4180 only when needed", () => {
    expect(csvCell("Réseau cyclable")).toBe("Réseau cyclable");
    expect(csvCell('Dit "le réseau", à Lyon')).toBe('"Dit ""le réseau"", à Lyon"');
    expect(csvCell("ligne 1\nligne 2")).toBe('"ligne 1\nligne 2"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvLine(["a", 1, null, "b,c"])).toBe('a,1,,"b,c"\r\n');
  });

  it("neutralises cells a spreadsheet would run as formulas, not numbers", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell("+33 1 23")).toBe("'+33 1 23");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell(-4.48)).toBe("-4.48");
    expect(csvCell(Number.NaN)).toBe("");
  });
});

describe("DCAT helpers", () => {
  it("writes a bounding box as a closed WKT polygon in longitude, latitude order", () => {
    expect(wktPolygon({ minLon: -4.6, minLat: 48.3, maxLon: -4.1, maxLat: 48.8 })).toBe(
      "POLYGON((-4.6 48.3,-4.1 48.3,-4.1 48.8,-4.6 48.8,-4.6 48.3))",
    );
  });

  it("gives every licence of the allow-list its SPDX URI", () => {
    for (const id of licences) expect(licenceUri(id)).toBe(`http://spdx.org/licenses/${id}`);
  });
});
