import { describe, expect, it } from "vitest";
import { catalogueHref, parseCatalogueQuery } from "@/features/catalogue/params";

describe("catalogue query", () => {
  it("keeps valid criteria and reports each bad one at its field, without throwing", () => {
    const { query, errors } = parseCatalogueQuery({
      q: "  réseau  ",
      kind: "DATASET",
      licence: "WTFPL",
      status: "ADOPTED",
      community: "Bad Slug!",
      actor: "ALIENS",
      sort: "title",
      view: "map",
      bbox: "2,48,3,49",
      cursor: "clx0000000000000000000000",
    });
    expect(query).toEqual({
      q: "réseau",
      kind: "DATASET",
      status: "ADOPTED",
      sort: "title",
      view: "map",
      bbox: { minLon: 2, minLat: 48, maxLon: 3, maxLat: 49 },
      cursor: "clx0000000000000000000000",
    });
    expect(errors).toEqual({
      licence: "catalogue.errors.licence",
      community: "catalogue.errors.community",
      actor: "catalogue.errors.actorKind",
    });
  });

  it.each([
    "1,2,3",
    "a,b,c,d",
    "2,48,3,49,5",
    "-181,0,0,1",
    "0,-91,1,0",
    "2,49,3,48",
    "2,48,Infinity,49",
    "0x10,1,2,3",
    "1e2,1,2,3",
  ])("refuses the bbox %s", (bbox) => {
    const { query, errors } = parseCatalogueQuery({ bbox });
    expect(query.bbox).toBeUndefined();
    expect(errors.bbox).toBe("catalogue.errors.bbox");
  });

  it("reads west > east as a box across the antimeridian, as the JSON API and the OGC API do", () => {
    const { query, errors } = parseCatalogueQuery({ bbox: "170,-10,-170,10" });
    expect(errors.bbox).toBeUndefined();
    expect(query.bbox).toEqual({ minLon: 170, minLat: -10, maxLon: -170, maxLat: 10 });
  });

  it("refuses a forged cursor, a repeated parameter and an overlong search", () => {
    const { query, errors } = parseCatalogueQuery({ cursor: "x' OR 1=1 --", kind: ["DATASET", "MAP"], q: "a".repeat(201) });
    expect(query).toEqual({});
    expect(errors).toEqual({ cursor: "catalogue.errors.cursor", kind: "catalogue.errors.kind", q: "catalogue.errors.q" });
  });

  it("builds links that keep the criteria and drop removed ones", () => {
    const { query } = parseCatalogueQuery({
      q: "réseau",
      kind: "MAP",
      bbox: "-5,41,9.5,51",
      cursor: "clx0000000000000000000000",
    });
    expect(catalogueHref(query, { cursor: "clyyyyyyyyyyyyyyyyyyyyyyy" })).toBe(
      "/catalogue?q=r%C3%A9seau&kind=MAP&bbox=-5%2C41%2C9.5%2C51&cursor=clyyyyyyyyyyyyyyyyyyyyyyy",
    );
    expect(catalogueHref(query, { bbox: undefined, cursor: undefined })).toBe("/catalogue?q=r%C3%A9seau&kind=MAP");
    expect(catalogueHref({})).toBe("/catalogue");
  });
});
