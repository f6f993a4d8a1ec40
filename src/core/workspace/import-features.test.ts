import { beforeAll, describe, expect, it } from 'vitest';
import * as geos from '../geometry/geos.js';
import { featuresFromGeoJSON, featuresFromKml } from './import-features.js';

const square = (lon: number, lat: number, d = 0.05) => [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]];

describe('importing GeoJSON and KML into a draft', () => {
  beforeAll(() => geos.initGeometry());

  it('takes polygons with their status and names every feature it refuses', () => {
    const doc = {
      type: 'FeatureCollection', features: [
        { type: 'Feature', properties: { name: 'Popasna', status: 'occupied' }, geometry: { type: 'Polygon', coordinates: square(38.35, 48.6) } },
        { type: 'Feature', properties: { name: 'grey zone' }, geometry: { type: 'Polygon', coordinates: square(38.5, 48.6) } },
        { type: 'Feature', properties: { name: 'HQ' }, geometry: { type: 'Point', coordinates: [38, 48] } },
        { type: 'Feature', properties: { name: 'swapped', status: 'contested' }, geometry: { type: 'Polygon', coordinates: square(48.6, 38.35) } },
        { type: 'Feature', properties: { name: 'bad status', status: 'russian' }, geometry: { type: 'Polygon', coordinates: square(38.35, 48.6) } },
        { type: 'Feature', properties: { name: 'garbage' }, geometry: { type: 'Polygon', coordinates: 'x' } },
      ],
    };
    const r = featuresFromGeoJSON(JSON.stringify(doc), 'contested');
    expect(r.features.map((f) => [f.name, f.status])).toEqual([["feature 0 'Popasna'", 'occupied'], ["feature 1 'grey zone'", 'contested']]);
    expect(r.features[0].areaKm2).toBeGreaterThan(20);
    expect(r.errors).toHaveLength(4);
    expect(r.errors[0]).toMatch(/feature 2 'HQ': a Point geometry/);
    expect(r.errors[1]).toMatch(/feature 3 'swapped'.*longitude, latitude/);
    expect(r.errors[2]).toMatch(/feature 4 'bad status': status 'russian'/);
    expect(r.errors[3]).toMatch(/feature 5 'garbage'/);
    expect(featuresFromGeoJSON('{', null).errors[0]).toMatch(/invalid JSON/);
  });

  it('reads KML placemarks (holes, MultiGeometry) and refuses entity tricks', () => {
    const coords = (ring: number[][]) => ring.map(([x, y]) => `${x},${y},0`).join(' ');
    const kml = `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>
      <Placemark><name><![CDATA[Bakhmut & around]]></name><ExtendedData><Data name="status"><value>contested</value></Data></ExtendedData>
        <Polygon><outerBoundaryIs><LinearRing><coordinates>${coords(square(37.9, 48.55, 0.1)[0])}</coordinates></LinearRing></outerBoundaryIs>
        <innerBoundaryIs><LinearRing><coordinates>${coords(square(37.93, 48.58, 0.02)[0])}</coordinates></LinearRing></innerBoundaryIs></Polygon></Placemark>
      <Placemark><name>two parts</name><MultiGeometry>
        <Polygon><outerBoundaryIs><LinearRing><coordinates>${coords(square(38.1, 48.6)[0])}</coordinates></LinearRing></outerBoundaryIs></Polygon>
        <Polygon><outerBoundaryIs><LinearRing><coordinates>${coords(square(38.3, 48.6)[0])}</coordinates></LinearRing></outerBoundaryIs></Polygon>
      </MultiGeometry></Placemark>
      <Placemark><name>a pin</name><Point><coordinates>38,48,0</coordinates></Point></Placemark>
    </Document></kml>`;
    const r = featuresFromKml(kml, 'occupied');
    expect(r.features.map((f) => [f.name, f.status, f.geometry.type])).toEqual([
      ["placemark 0 'Bakhmut & around'", 'contested', 'Polygon'], ["placemark 1 'two parts'", 'occupied', 'MultiPolygon'],
    ]);
    expect(r.features[0].geometry.coordinates).toHaveLength(2); // the hole is kept
    expect(r.errors).toEqual(["placemark 2 'a pin': a Point geometry, not a polygon"]);
    const bomb = '<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><kml><Placemark><name>&b;</name></Placemark></kml>';
    expect(featuresFromKml(bomb, 'occupied')).toEqual({ features: [], errors: ['KML with a DOCTYPE or entity declarations is refused'] });
    expect(featuresFromKml('x'.repeat(9 * 1024 * 1024), 'occupied').errors[0]).toMatch(/larger than/);
  });
});
