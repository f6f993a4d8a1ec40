import { describe, expect, it } from 'vitest';
import type { Version } from '../api';
import { teamChangelog, teamUpdates, versionInForce } from './changelog';

const v = (id: number, validAt: string, source = 'deepstate', summary: unknown = {}): Version => ({ id, validAt, source, file: '', summary });

describe('versionInForce', () => {
  const versions = [v(21, '2022-06-03T12:00:00Z', 'frontline'), v(19, '2022-06-01T08:00:00Z'), v(20, '2022-06-01T20:00:00Z')];
  it('takes the last version valid by the end of the day', () => {
    expect(versionInForce(versions, '2022-06-01')?.id).toBe(20);
    expect(versionInForce(versions, '2022-06-02')?.id).toBe(20);
    expect(versionInForce(versions, '2022-06-03')?.id).toBe(21);
    expect(versionInForce(versions, '2023-01-01')?.id).toBe(21);
  });
  it('gives null before the first version', () => {
    expect(versionInForce(versions, '2022-05-31')).toBeNull();
  });
});

describe('teamChangelog', () => {
  it('reads what, why and the source URLs of a team version', () => {
    const changelog = { what: 'Popasna captured', why: 'confirmed by two reports', sources: ['https://example.org/a'] };
    expect(teamChangelog(v(21, '2022-06-03T12:00:00Z', 'frontline', { changelog }))).toEqual(changelog);
  });
  it('gives null for an imported version or a team version without a changelog', () => {
    expect(teamChangelog(v(20, '2022-06-01T20:00:00Z', 'deepstate', { changelog: { what: 'x', why: 'y', sources: [] } }))).toBeNull();
    expect(teamChangelog(v(21, '2022-06-03T12:00:00Z', 'frontline', { features: 3 }))).toBeNull();
    expect(teamChangelog(null)).toBeNull();
  });
});

describe('teamUpdates', () => {
  it('lists the team versions with a changelog, oldest first', () => {
    const log = (what: string) => ({ changelog: { what, why: '', sources: [] } });
    const marks = teamUpdates([v(23, '2022-06-05T09:00:00Z', 'frontline', log('Lyman')), v(20, '2022-06-01T20:00:00Z'), v(21, '2022-06-03T12:00:00Z', 'frontline', log('Popasna')), v(22, '2022-06-04T12:00:00Z', 'frontline', {})]);
    expect(marks).toEqual([{ date: '2022-06-03', title: 'Popasna' }, { date: '2022-06-05', title: 'Lyman' }]);
  });
});
