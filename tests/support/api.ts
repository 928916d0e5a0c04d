import type { ChannelName, ChannelOutput } from '../../shared/api/contract.js';
import type { ApiErrorBody, ApiResult } from '../../shared/api/errors.js';

/** The value of a call that must succeed; otherwise the test fails showing the error. */
export async function ok<T>(promise: Promise<ApiResult<unknown>>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** The error of a call that must fail; otherwise the test fails showing the value. */
export async function fails(promise: Promise<ApiResult<unknown>>): Promise<ApiErrorBody> {
  const result = await promise;
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

/** A channel's answer through the app's dispatcher, typed by the contract; the test fails showing the error if refused. */
export function answer<C extends ChannelName>(
  app: { invoke(channel: string, payload: unknown): Promise<ApiResult<unknown>> },
  channel: C,
  payload: unknown,
): Promise<ChannelOutput<C>> {
  return ok<ChannelOutput<C>>(app.invoke(channel, payload));
}
