/** A usage or input error: the CLI prints its message and exits with code 2. */
export class UsageError extends Error {}
