import type { Analysis, AnalysisOwner } from '../../../../shared/analysis/model.js';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../../shared/api/contract.js';
import { setData, useChange } from '../../state/data.js';

/** The channels that change an analysis and answer with the whole of it. */
export type AnalysisChannel = {
  [C in ChannelName]: ChannelOutput<C> extends Analysis ? C : never;
}[ChannelName];

export type AnalysisChange = <C extends AnalysisChannel>(
  channel: C,
  input: ChannelInput<C>,
  done: string,
) => Promise<Analysis | null>;

/**
 * Every change answers with the whole analysis: it replaces what the forms show at
 * once, and what else shows the same items (the check, the action board, a child
 * death's case record) is asked again. Resolves to the analysis after the change
 * (a new item's id is the one it did not have before), or null when it was refused.
 */
export function useAnalysisChange(owner: AnalysisOwner) {
  const { run, message, status, busy } = useChange();
  const change: AnalysisChange = async (channel, input, done) => {
    const outcome = await run(channel, input, {
      apply: (analysis) => setData('analysis.get', { owner }, analysis),
      refresh: ['analysis.check', 'actions.board', ...(owner.kind === 'cdop-case' ? ['cdop.case.get'] : [])],
      done,
    });
    return outcome.ok ? outcome.value : null;
  };
  return { change, error: message, status, busy };
}
