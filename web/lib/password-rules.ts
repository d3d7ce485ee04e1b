// Password rules shared by the server config and the browser forms. Kept apart
// from auth-options.ts so client bundles do not pull in pg or Better Auth's server.
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;
