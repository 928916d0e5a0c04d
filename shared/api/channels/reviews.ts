/** Channels of the reviews feature: spread into the contract in shared/api/contract.ts. */
export const reviewsChannels = {} as const;
