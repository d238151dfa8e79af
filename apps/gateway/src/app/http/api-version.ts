/** Every public business route lives under /v1; health stays unversioned for orchestrators. */
export const V1 = 'v1';
