import { beforeAll, describe, expect, it } from 'vitest';
import * as geos from '../geometry/geos.js';
import { deflateRawSync } from 'node:zlib';
import { featuresFromGeoJSON, featuresFromKml, kmlFromKmz } from './import-features.js';

/** A one-file zip (what Google My Maps exports as KMZ); `declaredSize` can lie, as a zip bomb's does. */
function zipOf(name: string, content: Buffer, declaredSize = content.length): Buffer {
  const data = deflateRawSync(content);
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18); local.writeUInt32LE(declaredSize, 22); local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20); central.writeUInt32LE(declaredSize, 24); central.writeUInt16LE(n.length, 28); central.writeUInt32LE(0, 42);
  const cdOffset = local.length + n.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0); eocd.writeUInt16LE(1, 8); eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + n.length, 12); eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, n, data, central, n, eocd]);
}

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

  it('unpacks a KMZ, and stops a zip bomb at the size limit whatever its header says', () => {
    const kml = '<kml><Placemark><name>p</name><Polygon><outerBoundaryIs><LinearRing><coordinates>38,48 38.1,48 38.1,48.1 38,48.1 38,48</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></kml>';
    const unpacked = kmlFromKmz(zipOf('doc.kml', Buffer.from(kml)));
    expect(unpacked).toEqual({ kml });
    expect(featuresFromKml(kml, 'occupied').features).toHaveLength(1);
    const bomb = zipOf('doc.kml', Buffer.alloc(64 * 1024 * 1024), 1000); // 64 MiB of zeros, ~64 KiB packed, claims 1000 bytes
    expect(bomb.length).toBeLessThan(200_000);
    expect(kmlFromKmz(bomb)).toMatchObject({ error: expect.stringMatching(/cannot be unpacked within/) });
    expect(kmlFromKmz(zipOf('doc.kml', Buffer.alloc(10), 64 * 1024 * 1024))).toMatchObject({ error: expect.stringMatching(/unpacks to/) });
    expect(kmlFromKmz(zipOf('readme.txt', Buffer.from('hi')))).toEqual({ error: 'the KMZ holds no .kml file' });
    expect(kmlFromKmz(Buffer.from('not a zip at all, not even close to one'))).toEqual({ error: 'not a KMZ (zip) file' });
  });
});
