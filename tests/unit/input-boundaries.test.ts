/**
 * Small guards at the edges: CSV cells that a semicolon-splitting spreadsheet would run as a formula,
 * and the return path of the language switch (a backslash turns "/\host" into another site).
 */
import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "@/lib/opendata/csv";
import { isSameSitePath } from "@/lib/core/same-site-path";

describe("CSV cells in a spreadsheet that splits on semicolons", () => {
  it("guards a formula after a semicolon and keeps the cell whole", () => {
    expect(csvCell('Pistes;=HYPERLINK("http://evil")')).toBe('"Pistes;\'=HYPERLINK(""http://evil"")"');
    expect(csvCell("a;+1;-2;@SUM(A1)")).toBe("\"a;'+1;'-2;'@SUM(A1)\"");
    expect(csvCell("Lyon; Villeurbanne")).toBe('"Lyon; Villeurbanne"');
    // Split on semicolons as a French spreadsheet does, outside quotes: no cell starts a formula.
    const line = csvLine(["x;=cmd|' /C calc'!A0", "=1+1"]);
    const cells = line.match(/("([^"]|"")*"|[^;,\r\n]*)/g)!.filter((cell) => cell !== "");
    expect(cells.every((cell) => !/^"?[=+\-@]/.test(cell))).toBe(true);
  });
});

describe("the language switch's return path", () => {
  it("accepts paths of this site only", () => {
    expect(isSameSitePath("/communities/velo?tab=1")).toBe(true);
    expect(isSameSitePath("//evil.example")).toBe(false);
    expect(isSameSitePath("/\\evil.example")).toBe(false);
    expect(isSameSitePath("/\\/evil.example")).toBe(false);
    expect(isSameSitePath("/a\\b")).toBe(false);
    expect(isSameSitePath("https://evil.example")).toBe(false);
  });
});
