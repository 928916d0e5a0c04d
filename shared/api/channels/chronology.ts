/** Channels of the chronology feature: spread into the contract in shared/api/contract.ts. */
export const chronologyChannels = {} as const;
