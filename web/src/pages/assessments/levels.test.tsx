import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { FrameworkDefinition, LevelRule } from '../../../../contracts/assessments';
import { frameworkFieldProblems, indicatorLevel, liveSelfScore } from '../../../../contracts/assessment-scoring';
import { formMessage } from '../../lib/form';
import { renderWithProviders } from '../../test/render';
import { LevelsEditor } from './FrameworkResultEditor';
import { IndicatorHeading } from './IndicatorCard';

const yes = (code: string) => ({ code, text: `Thành phần ${code}`, type: 'yes_no' as const, mandatory: false, provisional: true, scoring: { kind: 'yes' as const, points: 1 } });
const level = (code: string, min: number | null): LevelRule => ({ code, label: `Mức ${code}`, min, inclusive: true, requiresMandatory: false });
const def: FrameworkDefinition = {
  key: 'thu-muc', name: 'Thử mức của chỉ số', basis: 'Thử', year: 2027, appliesTo: { kinds: ['school'], schoolLevels: [] },
  provenance: { sources: [{ title: 't', reference: 'r', verified: 'v' }], complete: false, note: 'thử' },
  result: { kind: 'pass', minPercent: 80, minMet: null, mandatory: 'all', passLabel: 'Đạt', failLabel: 'Không đạt' },
  groups: [{ code: '1', name: 'Nhóm', indicators: [{ ...yes('1.1'), scoring: { kind: 'none' }, parts: [yes('1.1.a'), yes('1.1.b'), yes('1.1.c')], levels: [level('1', null), level('2', 2), level('3', 3)] }] }],
};

/** The editor of an indicator's levels, with the shared checks' problems on its fields as the framework page gives them. */
function Editor({ lang }: { lang: 'vi' | 'en' }) {
  const [levels, setLevels] = useState<LevelRule[]>(def.groups[0]!.indicators[0]!.levels!);
  const d = { ...def, groups: [{ ...def.groups[0]!, indicators: [{ ...def.groups[0]!.indicators[0]!, levels }] }] };
  const problems = new Map(frameworkFieldProblems(d).map((p) => [p.path, formMessage(p.message, lang)]));
  return <LevelsEditor levels={levels} scale={3} editable path="groups.0.indicators.0.levels" errorAt={(p) => problems.get(p)} onChange={setLevels} mandatory={false} />;
}

describe('an indicator\'s own levels', () => {
  it('the editor adds, edits and removes a level; a threshold past the maximum is marked on its field with the message', () => {
    renderWithProviders(<Editor lang="vi" />);
    expect(screen.getAllByTestId('asf-level')).toHaveLength(3);
    expect(screen.queryAllByTestId('asf-level-mandatory')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('asf-level-add'));
    expect(screen.getAllByTestId('asf-level')).toHaveLength(4);
    // the new level starts at the maximum: not above the one before it
    expect(screen.getAllByTestId('asf-level-min')[2]!.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('1.1: các ngưỡng phải tăng dần')).toBeTruthy();
    fireEvent.click(screen.getAllByTestId('asf-level-remove').at(-1)!);
    expect(screen.getAllByTestId('asf-level')).toHaveLength(3);
    expect(screen.queryByText('1.1: các ngưỡng phải tăng dần')).toBeNull();
    const third = screen.getAllByTestId('asf-level-min')[1]!;
    fireEvent.change(third, { target: { value: '5' } });
    expect(third.getAttribute('aria-invalid')).toBe('true');
    // the message is the field's own (its description for a screen reader)
    const said = document.getElementById(third.getAttribute('aria-describedby') ?? '');
    expect(said?.textContent).toBe('1.1: ngưỡng của mức "Mức 3" phải từ 0 đến 3');
    fireEvent.change(third, { target: { value: '3' } });
    expect(screen.queryByText('1.1: ngưỡng của mức "Mức 3" phải từ 0 đến 3')).toBeNull();
    expect(third.getAttribute('aria-invalid')).not.toBe('true');
  });

  it('the message reads in English when the page is in English', () => {
    expect(formMessage('1.1: ngưỡng của mức "Mức 3" phải từ 0 đến 3', 'en')).toBe('1.1: the threshold of level "Mức 3" must be between 0 and 3');
    expect(formMessage('1.1: các ngưỡng phải tăng dần', 'en')).toBe('1.1: thresholds must increase');
  });

  it('the self-assessment shows the level the live points reach above the parts', () => {
    const ind = def.groups[0]!.indicators[0]!;
    const shown = (answers: { code: string; value: boolean }[]) => {
      const s = liveSelfScore(def, answers, []);
      return renderWithProviders(<IndicatorHeading ind={ind} points={s.indicators['1.1']!.points} max={s.indicators['1.1']!.max} level={indicatorLevel(ind, s.indicators)} />);
    };
    const one = shown([{ code: '1.1.a', value: true }]);
    expect(screen.getByTestId('as-points-1.1').textContent).toBe('1/3');
    expect(screen.getByTestId('as-level-1.1').textContent).toBe('Mức 1');
    one.unmount();
    shown([{ code: '1.1.a', value: true }, { code: '1.1.b', value: true }]);
    expect(screen.getByTestId('as-level-1.1').textContent).toBe('Mức 2');
  });
});
