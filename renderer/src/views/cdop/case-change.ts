import type { CdopCaseDetail, ChannelInput, ChannelName, ChannelOutput } from '../../../../shared/api/contract.js';
import { setData, useChange } from '../../state/data.js';

/** The channels that change a case and answer with the whole case. */
export type CaseChannel = {
  [C in ChannelName]: ChannelOutput<C> extends CdopCaseDetail ? C : never;
}[ChannelName];

/**
 * Every change to a case answers with the whole case: it is shown as the main
 * process returns it, and the lists and figures it appears in are asked again.
 * Resolves to whether the change was made.
 */
export type Change = <C extends CaseChannel>(channel: C, input: ChannelInput<C>, done: string) => Promise<boolean>;

export function useCaseChange() {
  const { run, message, status } = useChange();
  const change: Change = async (channel, input, done) => {
    const outcome = await run(channel, input, {
      apply: (detail) => setData('cdop.case.get', { id: detail.id }, detail),
      refresh: ['cdop.case.list', 'cdop.panelPack', 'cdop.statistics', 'cdop.pathway.get', 'cdop.workList'],
      done,
    });
    return outcome.ok;
  };
  return { change, actionError: message, status };
}
