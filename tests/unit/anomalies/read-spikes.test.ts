// Read spikes over fixed series: the threshold is mean + k·σ of the preceding window, days
// without reads are zeros, and a minimum keeps quiet organisations quiet.
import { describe, expect, it } from 'vitest';
import { findReadSpikes } from '../../../api/src/anomalies/read-spikes.js';
import { addDays, listDays } from '../../../api/src/dashboard/days.js';

const SETTINGS = { spikeWindowDays: 28, spikeSigma: 3, spikeMinimumReads: 50 };
const DAY = '2027-03-29';

/** 28 days before DAY alternating 90 and 110 reads: mean 100, σ 10, threshold 130. */
function steadyHistory(organisationId = 'org-a') {
  return listDays(addDays(DAY, -28), addDays(DAY, -1)).map((day, i) => ({
    organisationId,
    day,
    reads: i % 2 === 0 ? 90 : 110,
  }));
}

describe('findReadSpikes', () => {
  it('flags a day above mean + 3σ and reports the baseline it was judged against', () => {
    const spikes = findReadSpikes(
      [...steadyHistory(), { organisationId: 'org-a', day: DAY, reads: 131 }],
      [DAY],
      SETTINGS,
    );
    expect(spikes).toEqual([
      { organisationId: 'org-a', day: DAY, reads: 131, baselineMean: 100, baselineStdDev: 10, threshold: 130 },
    ]);
  });

  it('does not flag a day at the threshold itself', () => {
    const spikes = findReadSpikes(
      [...steadyHistory(), { organisationId: 'org-a', day: DAY, reads: 130 }],
      [DAY],
      SETTINGS,
    );
    expect(spikes).toEqual([]);
  });

  it('counts days without reads as zero, so a gap in the history lowers the baseline', () => {
    // Only the 14 most recent days have reads (100 each): mean 50, σ 50, threshold 200.
    const history = listDays(addDays(DAY, -14), addDays(DAY, -1)).map((day) => ({
      organisationId: 'org-a',
      day,
      reads: 100,
    }));
    const [spike] = findReadSpikes([...history, { organisationId: 'org-a', day: DAY, reads: 201 }], [DAY], SETTINGS);
    expect(spike).toMatchObject({ baselineMean: 50, baselineStdDev: 50, threshold: 200 });
    expect(findReadSpikes([...history, { organisationId: 'org-a', day: DAY, reads: 200 }], [DAY], SETTINGS)).toEqual(
      [],
    );
  });

  it('never flags fewer reads than the minimum, however quiet the history', () => {
    expect(findReadSpikes([{ organisationId: 'org-new', day: DAY, reads: 49 }], [DAY], SETTINGS)).toEqual([]);
    expect(findReadSpikes([{ organisationId: 'org-new', day: DAY, reads: 50 }], [DAY], SETTINGS)).toHaveLength(1);
  });

  it('judges each organisation against its own history and only on the days asked for', () => {
    const busy = listDays(addDays(DAY, -28), addDays(DAY, -1)).map((day) => ({
      organisationId: 'org-busy',
      day,
      reads: 1000,
    }));
    const rows = [
      ...steadyHistory(),
      ...busy,
      { organisationId: 'org-a', day: DAY, reads: 500 },
      { organisationId: 'org-busy', day: DAY, reads: 500 },
      { organisationId: 'org-a', day: addDays(DAY, 1), reads: 900 },
    ];
    expect(findReadSpikes(rows, [DAY], SETTINGS).map((s) => s.organisationId)).toEqual(['org-a']);
  });

  it('a stricter sigma flags less', () => {
    const rows = [...steadyHistory(), { organisationId: 'org-a', day: DAY, reads: 140 }];
    expect(findReadSpikes(rows, [DAY], SETTINGS)).toHaveLength(1);
    expect(findReadSpikes(rows, [DAY], { ...SETTINGS, spikeSigma: 5 })).toEqual([]);
  });
});
