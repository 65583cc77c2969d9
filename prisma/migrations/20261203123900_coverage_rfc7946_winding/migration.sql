-- Issue 14: stored coverages (Commons.coverage) and contribution places (Contribution.place) get
-- RFC 7946 §3.1.6 winding: outer rings counter-clockwise, holes clockwise. Data only; the same rule
-- as normalizeWinding in lib/commons/geometry.ts (twice the signed area by the shoelace formula,
-- positive when counter-clockwise; a ring wound the wrong way is reversed, its positions kept).
-- Idempotent: running it again changes nothing.

CREATE FUNCTION "rfc7946_ring_area2"(ring jsonb) RETURNS double precision
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  total double precision := 0;
  n integer := jsonb_array_length(ring);
  i integer;
BEGIN
  FOR i IN 0 .. n - 2 LOOP
    total := total + ((ring->i->>0)::double precision - (ring->(i + 1)->>0)::double precision)
                   * ((ring->i->>1)::double precision + (ring->(i + 1)->>1)::double precision);
  END LOOP;
  RETURN total;
END;
$$;

CREATE FUNCTION "rfc7946_rings"(rings jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT COALESCE(jsonb_agg(
           CASE
             WHEN (k = 1 AND "rfc7946_ring_area2"(ring) < 0) OR (k > 1 AND "rfc7946_ring_area2"(ring) > 0)
               THEN (SELECT jsonb_agg(p ORDER BY j DESC) FROM jsonb_array_elements(ring) WITH ORDINALITY AS q(p, j))
             ELSE ring
           END ORDER BY k), '[]'::jsonb)
  FROM jsonb_array_elements(rings) WITH ORDINALITY AS r(ring, k)
$$;

CREATE FUNCTION "rfc7946_geometry"(geometry jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN jsonb_typeof(geometry) <> 'object' OR jsonb_typeof(geometry->'coordinates') <> 'array' THEN geometry
    WHEN geometry->>'type' = 'Polygon'
      THEN jsonb_set(geometry, '{coordinates}', "rfc7946_rings"(geometry->'coordinates'))
    WHEN geometry->>'type' = 'MultiPolygon'
      THEN jsonb_set(geometry, '{coordinates}', COALESCE((
        SELECT jsonb_agg("rfc7946_rings"(polygon) ORDER BY k)
        FROM jsonb_array_elements(geometry->'coordinates') WITH ORDINALITY AS m(polygon, k)), '[]'::jsonb))
    ELSE geometry
  END
$$;

UPDATE "Commons" SET "coverage" = "rfc7946_geometry"("coverage")
WHERE "coverage" IS NOT NULL AND "coverage" <> "rfc7946_geometry"("coverage");

UPDATE "Contribution" SET "place" = "rfc7946_geometry"("place")
WHERE "place" IS NOT NULL AND "place" <> "rfc7946_geometry"("place");

DROP FUNCTION "rfc7946_geometry"(jsonb);
DROP FUNCTION "rfc7946_rings"(jsonb);
DROP FUNCTION "rfc7946_ring_area2"(jsonb);
