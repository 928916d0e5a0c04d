/** Channels of the cdop feature: spread into the contract in shared/api/contract.ts. */
export const cdopChannels = {} as const;
