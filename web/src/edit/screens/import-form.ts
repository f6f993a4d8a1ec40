/** Importing the polygons of a GeoJSON, KML or KMZ file as changes (all or nothing; the server names refused features). */
import { el } from '../../dom';
import { busyWhile, dayStart, field, input, Outcome, select, SourcesFieldset } from '../forms';
import { CONFIDENCES, type ChangeStatus, type Confidence, type NewImport } from '../workspace-api';
import { CHANGE_STATUS_LABELS } from './badges';
import type { ToolForm } from './change-form';

/** The API's limit on the file's text (KMZ: its base64). */
const MAX_BYTES = 8 * 1024 * 1024;

function formatOf(name: string): NewImport['format'] | null {
  const ext = name.toLowerCase().split('.').pop();
  return ext === 'geojson' || ext === 'json' ? 'geojson' : ext === 'kml' ? 'kml' : ext === 'kmz' ? 'kmz' : null;
}

/** A KMZ (zip) travels as base64 inside the JSON body. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function importForm(defaultValidFrom: string, save: (file: NewImport, outcome: Outcome) => Promise<boolean>, close: () => void): ToolForm {
  const outcome = new Outcome();
  const file = input('file', { type: 'file', required: '', accept: '.geojson,.json,.kml,.kmz' });
  const defaultStatus = select('defaultStatus', [['', 'Only from the file (properties.status / <Data name="status">)'], ...(['occupied', 'contested', 'ukraine'] as ChangeStatus[]).map((s) => [s, CHANGE_STATUS_LABELS[s]] as [string, string])], 'occupied');
  const validFrom = input('validFrom', { type: 'date', required: '', value: defaultValidFrom });
  const confidence = select('confidence', CONFIDENCES, 'likely');
  const sources = new SourcesFieldset('Sources (shared by every imported area)');
  const cancel = el('button', { type: 'button', class: 'secondary' }, 'Discard');
  const form = el('form', { class: 'tool-form import-form', 'aria-label': 'Import a file' },
    el('h3', {}, 'Import a file'),
    field('GeoJSON, KML or KMZ file', file, 'Each polygon becomes one change. If one feature is refused, nothing is imported.'),
    field('Status of features without one', defaultStatus),
    el('div', { class: 'two' }, field('Valid from (UTC)', validFrom), field('Confidence', confidence)),
    sources.element,
    el('div', { class: 'button-row' }, el('button', { type: 'submit', class: 'primary' }, 'Import'), cancel),
    outcome.element);
  cancel.addEventListener('click', () => close());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busyWhile(form, outcome, 'Importing…', async () => {
      const f = file.files?.[0];
      if (!f) throw new Error('Choose a file first.');
      const format = formatOf(f.name);
      if (!format) throw new Error(`${f.name}: not a .geojson, .json, .kml or .kmz file.`);
      if (f.size > MAX_BYTES) throw new Error(`${f.name} is ${(f.size / 1048576).toFixed(1)} MiB: the limit is 8 MiB.`);
      const content = format === 'kmz' ? await base64Of(f) : await f.text();
      const body: NewImport = {
        format, content, defaultStatus: (defaultStatus.value || null) as ChangeStatus | null, validFrom: dayStart(validFrom.value),
        sources: sources.values(), confidence: confidence.value as Confidence,
      };
      if (await save(body, outcome)) close();
    });
  });
  return { element: form, dispose: () => undefined };
}
