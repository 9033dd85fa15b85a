import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Vitest's own order runs the projects by name and, in a fresh clone with no timings cached,
 * larger files first; the 1,000+ player golden Swiss file is small on disk but takes about
 * 9 minutes of one core (our exact Dutch pairing at 1,000-1,200 players), so it would start
 * last and run alone while the other core idles. Started first, it runs beside everything else.
 */
const LONGEST = ['tests/unit/swiss-golden-big.test.ts', 'tests/unit/swiss-golden.test.ts'];

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONGEST.findIndex((p) => f.moduleId.endsWith(p));
      return i === -1 ? LONGEST.length : i;
    };
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}
